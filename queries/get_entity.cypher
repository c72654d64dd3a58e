// One entity by id, with its names and documents.
// params: $id
MATCH (n:Entity {id: $id})
RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Entity'][0] AS label, n.name AS name,
       n.aliases AS aliases, n.name_en AS name_en, n.docs AS docs
