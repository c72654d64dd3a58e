// Relationships between entities of a set, shaped like list_edges rows (subgraph export).
// params: $ids
MATCH (a:Entity)-[r]->(b:Entity)
WHERE a.id IN $ids AND b.id IN $ids
RETURN a.id AS source, b.id AS target, type(r) AS type, r.key AS key, r.evidence AS evidence,
       r.doc AS doc, r.start AS start, r.end AS end, r.rule AS rule, r.confidence AS confidence
ORDER BY r.key
