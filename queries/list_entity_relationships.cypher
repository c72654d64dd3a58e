// Relationships of one entity, both directions, with the sentence and document that state them:
// up to $limit each way, taken before sorting so that a hub's 100K edges are not all read and sorted.
// params: $id, $limit
MATCH (n:Entity {id: $id})-[r]->(m)
WITH r, m
LIMIT $limit
RETURN 'out' AS direction, type(r) AS type, r.key AS key, m.id AS id,
       [l IN labels(m) WHERE l <> 'Entity'][0] AS label, m.name AS name,
       r.evidence AS evidence, r.doc AS doc, r.confidence AS confidence, r.rule AS rule,
       r.doc_date AS doc_date, r.first_seen AS first_seen, r.first_seen_at AS first_seen_at
ORDER BY type, name, key
UNION ALL
MATCH (n:Entity {id: $id})<-[r]-(m)
WITH r, m
LIMIT $limit
RETURN 'in' AS direction, type(r) AS type, r.key AS key, m.id AS id,
       [l IN labels(m) WHERE l <> 'Entity'][0] AS label, m.name AS name,
       r.evidence AS evidence, r.doc AS doc, r.confidence AS confidence, r.rule AS rule,
       r.doc_date AS doc_date, r.first_seen AS first_seen, r.first_seen_at AS first_seen_at
ORDER BY type, name, key
