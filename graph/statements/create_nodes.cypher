// Bulk load of a fresh graph: CREATE entities of one label, no lookup per row (see GraphStore.bulk_load).
// params: $rows = [{id, name, aliases, docs, name_en}]; placeholder __LABEL__ from graph.model.Label
UNWIND $rows AS row
CREATE (n:Entity:__LABEL__ {id: row.id, name: row.name, aliases: row.aliases, docs: row.docs})
SET n.name_en = row.name_en
RETURN count(n) AS written
