// These entities, shaped like list_entities rows (for references and subgraph export).
// params: $ids
MATCH (n:Entity)
WHERE n.id IN $ids
RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Entity'][0] AS label, n.name AS name,
       n.aliases AS aliases, n.docs AS docs, n.name_en AS name_en, n.first_seen AS first_seen,
       n.first_seen_at AS first_seen_at, n.last_seen AS last_seen, n.last_seen_at AS last_seen_at, n.first_date AS first_date
ORDER BY n.id
