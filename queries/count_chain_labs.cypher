// How many labs are stated to support the chain, and how many more are inferred: hosted by a
// member of the chain (BELONGS_TO or SUPPORTS) and named with one of the chain's terms, a term
// that only occurs inside a longer name of another chain ($shadows: 新能源 in 新能源汽车) not
// counting. The totals of the paged list_chain_labs_stated / list_chain_labs_hosted, same filter.
// params: $id (chain id), $terms, $shadows
MATCH (c:IndustryChain {id: $id})
OPTIONAL MATCH (c)<-[:SUPPORTS]-(s:Lab)
WITH c, count(DISTINCT s) AS stated
OPTIONAL MATCH (c)<-[m]-(h)-[:HOSTS]->(l)
WHERE type(m) IN ['BELONGS_TO', 'SUPPORTS'] AND l:Lab AND NOT (l)-[:SUPPORTS]->(c)
  AND any(t IN $terms WHERE l.name CONTAINS t AND none(x IN $shadows WHERE x CONTAINS t AND l.name CONTAINS x))
RETURN stated, count(DISTINCT l) AS hosted
