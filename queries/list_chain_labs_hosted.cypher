// One page of the inferred labs of a chain: hosted by a company/university/institute that belongs
// to or supports the chain, named with one of the chain's terms (as in count_chain_labs), and not
// stated to support it themselves; with every host-and-link sentence of those labs. A lab is never
// inferred from a sentence that merely lists it beside the chain. Same traversal order and cost as
// list_chain_labs_stated. A chain's incoming edges are all BELONGS_TO or SUPPORTS: expanding them
// untyped and filtering by type is a row read, where [:BELONGS_TO|SUPPORTS] first adds up two
// whole-graph matrices (likewise `WHERE l:Lab` rather than `(l:Lab)`).
// params: $id (chain id), $terms, $shadows, $skip, $limit
MATCH (c:IndustryChain {id: $id})<-[m]-(h)
WHERE type(m) IN ['BELONGS_TO', 'SUPPORTS']
MATCH (h)-[:HOSTS]->(l)
WHERE l:Lab AND NOT (l)-[:SUPPORTS]->(c)
  AND any(t IN $terms WHERE l.name CONTAINS t AND none(x IN $shadows WHERE x CONTAINS t AND l.name CONTAINS x))
WITH DISTINCT c, l
SKIP $skip LIMIT $limit
MATCH (l)<-[r:HOSTS]-(h)-[m]->(linked)
WHERE linked = c AND type(m) IN ['BELONGS_TO', 'SUPPORTS']
RETURN l.id AS id, l.name AS name, l.docs AS docs, h.name AS host, type(m) AS host_link,
       m.evidence AS host_evidence, m.doc AS host_doc, m.confidence AS host_confidence,
       r.evidence AS evidence, r.doc AS doc, r.confidence AS confidence
