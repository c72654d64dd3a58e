// Labs a document says support the chain (a SUPPORTS edge): the first tier of "which labs support X".
// params: $id (chain id)
MATCH (c:IndustryChain {id: $id})<-[r:SUPPORTS]-(l:Lab)
RETURN l.id AS id, l.name AS name, l.docs AS docs,
       r.evidence AS evidence, r.doc AS doc, r.confidence AS confidence
ORDER BY l.name
