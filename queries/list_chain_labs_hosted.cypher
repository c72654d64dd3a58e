// One page of the labs hosted by a company/university/institute that belongs to or supports the
// chain, not stated to support it themselves (the structural part of the inferred tier), with
// every host-and-link reason of those labs. Same traversal order and cost as list_chain_labs_stated.
// A chain's incoming edges are all BELONGS_TO or SUPPORTS: expanding them untyped and filtering
// by type is a row read, where [:BELONGS_TO|SUPPORTS] first adds up two whole-graph matrices
// (likewise `WHERE l:Lab` rather than `(l:Lab)`).
// params: $id (chain id), $skip, $limit
MATCH (c:IndustryChain {id: $id})<-[m]-(h)
WHERE type(m) IN ['BELONGS_TO', 'SUPPORTS']
MATCH (h)-[:HOSTS]->(l)
WHERE l:Lab AND NOT (l)-[:SUPPORTS]->(c)
WITH DISTINCT c, l
SKIP $skip LIMIT $limit
MATCH (l)<-[r:HOSTS]-(h)-[m]->(linked)
WHERE linked = c AND type(m) IN ['BELONGS_TO', 'SUPPORTS']
RETURN l.id AS id, l.name AS name, l.docs AS docs, h.name AS host, type(m) AS host_link,
       m.evidence AS host_evidence, m.doc AS host_doc, m.confidence AS host_confidence,
       r.evidence AS evidence, r.doc AS doc, r.confidence AS confidence
