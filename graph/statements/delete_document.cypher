// Remove a document and everything only it contributed in ONE query (one transaction), so a crash
// leaves either the whole document or none of it: its edges (an edge is one document's statement),
// its name on every entity's docs list, the entities left with no document, and its record.
// An edge's doc and an entity's docs name the document by its path or its id.
// params: $id
MATCH (d:Document {id: $id})
WITH d, [d.id, d.path] AS names
OPTIONAL MATCH (:Entity)-[r]->(:Entity)
WHERE r.doc IN names
WITH d, names, collect(DISTINCT r) AS stated
FOREACH (r IN stated | DELETE r)
WITH d, names, size(stated) AS edges
OPTIONAL MATCH (n:Entity)
WHERE any(x IN n.docs WHERE x IN names)
WITH d, names, edges, collect(DISTINCT n) AS touched
FOREACH (n IN touched | SET n.docs = [x IN n.docs WHERE NOT x IN names])
WITH d, edges, touched, [n IN touched WHERE size(n.docs) = 0] AS orphans
FOREACH (n IN orphans | DETACH DELETE n)
DELETE d
RETURN edges AS relationships_deleted, size(orphans) AS entities_deleted,
       size(touched) - size(orphans) AS entities_updated
