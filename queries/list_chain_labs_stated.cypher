// One page of the labs a document says support the chain (a SUPPORTS edge), the first tier of
// "which labs support X", with every SUPPORTS sentence of those labs. Labs come in the store's
// traversal order, stable while the graph is unchanged: sorting a big chain's 80K labs by name
// would cost a full traversal on every page, this costs $skip + $limit steps. `WHERE l:Lab` checks
// the label row by row; `(l:Lab)` in the pattern multiplies the chain's whole row by the label matrix.
// params: $id (chain id), $skip, $limit
MATCH (c:IndustryChain {id: $id})<-[:SUPPORTS]-(l)
WHERE l:Lab
WITH DISTINCT c, l
SKIP $skip LIMIT $limit
MATCH (l)-[r:SUPPORTS]->(c)
RETURN l.id AS id, l.name AS name, l.docs AS docs,
       r.evidence AS evidence, r.doc AS doc, r.confidence AS confidence
