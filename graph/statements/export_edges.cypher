// Relationships whose source entity's internal id lies in [$lo, $hi): every edge has one source, so
// paging the sources by id range yields each relationship exactly once (see export_entities).
// params: $lo, $hi
MATCH (a:Entity)-[r]->(b:Entity)
WHERE id(a) >= $lo AND id(a) < $hi
RETURN a.id AS source, b.id AS target, type(r) AS type, r.key AS key, r.evidence AS evidence,
       r.doc AS doc, r.start AS start, r.end AS end, r.rule AS rule, r.confidence AS confidence
