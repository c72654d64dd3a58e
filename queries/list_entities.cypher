// A page of entities with their names, for resolving new mentions against what the store holds.
// params: $skip, $limit
MATCH (n:Entity)
RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Entity'][0] AS label, n.name AS name,
       n.aliases AS aliases, n.docs AS docs, n.name_en AS name_en
ORDER BY n.id
SKIP $skip LIMIT $limit
