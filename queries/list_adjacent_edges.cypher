// Relationships touching any of these entities (one breadth-first step of a neighbourhood), bounded.
// The far end has no label in the pattern: only entities have relationships, and a label there
// would multiply a hub's whole row by the label matrix before the LIMIT.
// params: $ids, $limit
MATCH (a:Entity)-[r]->(b)
WHERE a.id IN $ids
RETURN r.key AS key, type(r) AS type, a.id AS source, b.id AS target,
       b.id AS id, [l IN labels(b) WHERE l <> 'Entity'][0] AS label, b.name AS name
LIMIT $limit
UNION ALL
MATCH (a:Entity)<-[r]-(b)
WHERE a.id IN $ids
RETURN r.key AS key, type(r) AS type, b.id AS source, a.id AS target,
       b.id AS id, [l IN labels(b) WHERE l <> 'Entity'][0] AS label, b.name AS name
LIMIT $limit
