// These entities, shaped like list_entities rows (for references and subgraph export).
// params: $ids
MATCH (n:Entity)
WHERE n.id IN $ids
RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Entity'][0] AS label, n.name AS name,
       n.aliases AS aliases, n.docs AS docs, n.name_en AS name_en
ORDER BY n.id
