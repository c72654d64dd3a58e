// A page of relationships with their evidence, for export.
// params: $skip, $limit
MATCH (a:Entity)-[r]->(b:Entity)
RETURN a.id AS source, b.id AS target, type(r) AS type, r.key AS key, r.evidence AS evidence,
       r.doc AS doc, r.start AS start, r.end AS end, r.rule AS rule, r.confidence AS confidence
ORDER BY r.key
SKIP $skip LIMIT $limit
