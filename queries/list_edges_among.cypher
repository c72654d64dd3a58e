// Relationships between entities of a set, shaped like list_edges rows (subgraph export).
// params: $ids
MATCH (a:Entity)-[r]->(b:Entity)
WHERE a.id IN $ids AND b.id IN $ids
RETURN a.id AS source, b.id AS target, type(r) AS type, r.key AS key, r.evidence AS evidence,
       r.doc AS doc, r.start AS start, r.end AS end, r.rule AS rule, r.confidence AS confidence,
       r.doc_title AS doc_title, r.doc_date AS doc_date, r.first_seen AS first_seen, r.first_seen_at AS first_seen_at, r.last_seen AS last_seen,
       r.last_seen_at AS last_seen_at
ORDER BY r.key
