// Labs hosted by a company/university/institute that belongs to or supports the chain, not stated to
// support it themselves: the structural part of the inferred tier.
// params: $id (chain id)
MATCH (c:IndustryChain {id: $id})<-[m:BELONGS_TO|SUPPORTS]-(h:Entity)-[r:HOSTS]->(l:Lab)
WHERE NOT (l)-[:SUPPORTS]->(c)
RETURN l.id AS id, l.name AS name, l.docs AS docs, h.name AS host, type(m) AS host_link,
       m.evidence AS host_evidence, m.doc AS host_doc, m.confidence AS host_confidence,
       r.evidence AS evidence, r.doc AS doc, r.confidence AS confidence
ORDER BY l.name
