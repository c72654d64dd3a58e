// What replacements by runs after $since (an ISO time) removed, and whether it is in the graph again now.
// params: $since, $limit
MATCH (x:Dropped)
WHERE x.at > $since
WITH x
ORDER BY x.at, x.key
LIMIT $limit
OPTIONAL MATCH (n:Entity {id: x.source})
WHERE x.kind = 'entity'
OPTIONAL MATCH (:Entity {id: x.source})-[r]->(:Entity {id: x.target})
WHERE x.kind = 'relationship' AND r.key = x.key
OPTIONAL MATCH (:Entity {id: x.source})-[:BELONGS_TO|SUPPORTS]->(c:IndustryChain)
RETURN x.kind AS kind, x.run AS run, x.at AS at, x.key AS key, x.type AS type, x.source AS source,
       x.source_label AS source_label, x.source_name AS source_name, x.target AS target,
       x.target_label AS target_label, x.target_name AS target_name, x.evidence AS evidence, x.doc AS doc,
       x.doc_date AS doc_date, x.doc_title AS doc_title, x.first_seen AS first_seen, x.first_seen_at AS first_seen_at,
       n IS NOT NULL OR r IS NOT NULL AS present, collect(DISTINCT c.name) AS chains
