// Every relationship of a set of entities, both directions, with its sentence: what places a chain's
// members in the chain's segments and what the key-organisation ranking scores.
// params: $ids
MATCH (m:Entity)-[r]->(x:Entity)
WHERE m.id IN $ids
RETURN m.id AS id, m.aliases AS aliases, 'out' AS direction, type(r) AS type, x.id AS other, [l IN labels(x) WHERE l <> 'Entity'][0] AS other_label,
       x.name AS other_name, r.evidence AS evidence, r.doc AS doc
UNION ALL
MATCH (m:Entity)<-[r]-(x:Entity)
WHERE m.id IN $ids
RETURN m.id AS id, m.aliases AS aliases, 'in' AS direction, type(r) AS type, x.id AS other, [l IN labels(x) WHERE l <> 'Entity'][0] AS other_label,
       x.name AS other_name, r.evidence AS evidence, r.doc AS doc
