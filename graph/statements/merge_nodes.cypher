// Upsert entities of one label: the longest name seen wins, every other name becomes an alias.
// params: $rows = [{id, name, aliases, docs, name_en}]; placeholder __LABEL__ from graph.model.Label
UNWIND $rows AS row
MERGE (n:Entity:__LABEL__ {id: row.id})
ON CREATE SET n.name = row.name, n.aliases = [], n.docs = []
WITH n, row, CASE WHEN size(row.name) > size(n.name) THEN row.name ELSE n.name END AS best
SET n.aliases = reduce(acc = [], a IN (n.aliases + [n.name] + row.aliases + [row.name]) |
        CASE WHEN a = best OR a IN acc THEN acc ELSE acc + [a] END),
    n.docs = reduce(acc = n.docs, d IN row.docs | CASE WHEN d IN acc THEN acc ELSE acc + [d] END),
    n.name_en = coalesce(n.name_en, row.name_en),
    n.name = best
RETURN count(n) AS written
