// How many labs are stated to support the chain, and how many more its members host: the totals
// of the paged list_chain_labs_stated / list_chain_labs_hosted (linear in the chain's size, so
// views.py keeps the answer until the graph changes).
// params: $id (chain id)
MATCH (c:IndustryChain {id: $id})
OPTIONAL MATCH (c)<-[:SUPPORTS]-(s:Lab)
WITH c, count(DISTINCT s) AS stated
OPTIONAL MATCH (c)<-[:BELONGS_TO|SUPPORTS]-(:Entity)-[:HOSTS]->(l:Lab)
WHERE NOT (l)-[:SUPPORTS]->(c)
RETURN stated, count(DISTINCT l) AS hosted
