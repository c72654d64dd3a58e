// Relationships first seen by a run after $since (an ISO time), with their evidence and the chains of their ends.
// params: $since, $limit
MATCH (a:Entity)-[r]->(b:Entity)
WHERE r.first_seen_at > $since
WITH a, r, b
ORDER BY r.first_seen_at, r.key
LIMIT $limit
OPTIONAL MATCH (a)-[:BELONGS_TO|SUPPORTS]->(c:IndustryChain)
RETURN r.key AS key, type(r) AS type, a.id AS source, [l IN labels(a) WHERE l <> 'Entity'][0] AS source_label,
       a.name AS source_name, b.id AS target, [l IN labels(b) WHERE l <> 'Entity'][0] AS target_label,
       b.name AS target_name, r.evidence AS evidence, r.doc AS doc, r.doc_date AS doc_date, r.doc_title AS doc_title,
       r.confidence AS confidence, r.first_seen AS run, r.first_seen_at AS at, collect(DISTINCT c.name) AS chains
