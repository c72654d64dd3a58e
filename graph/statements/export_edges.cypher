// Relationships whose source entity's internal id lies in [$lo, $hi): every edge has one source, so
// paging the sources by id range yields each relationship exactly once (see export_entities).
// params: $lo, $hi
MATCH (a:Entity)-[r]->(b:Entity)
WHERE id(a) >= $lo AND id(a) < $hi
RETURN a.id AS source, b.id AS target, type(r) AS type, r.key AS key, r.evidence AS evidence,
       r.doc AS doc, r.start AS start, r.end AS end, r.rule AS rule, r.confidence AS confidence,
       r.doc_title AS doc_title, r.doc_date AS doc_date, r.first_seen AS first_seen, r.first_seen_at AS first_seen_at, r.last_seen AS last_seen,
       r.last_seen_at AS last_seen_at
