// Upsert entities of one label: the longest name seen wins, every other name becomes an alias.
// Provenance: first_seen / first_seen_at (the run that created it) set on create, last_seen /
// last_seen_at on every match; first_date is the earliest publication date of a document naming it.
// params: $rows = [{id, name, aliases, docs, name_en, date}], $run = {id, at} or null; placeholder __LABEL__ from graph.model.Label
UNWIND $rows AS row
MERGE (n:Entity:__LABEL__ {id: row.id})
ON CREATE SET n.name = row.name, n.aliases = [], n.docs = [], n.first_seen = $run.id, n.first_seen_at = $run.at
WITH n, row, CASE WHEN size(row.name) > size(n.name) THEN row.name ELSE n.name END AS best
SET n.aliases = reduce(acc = [], a IN (n.aliases + [n.name] + row.aliases + [row.name]) |
        CASE WHEN a = best OR a IN acc THEN acc ELSE acc + [a] END),
    n.docs = reduce(acc = n.docs, d IN row.docs | CASE WHEN d IN acc THEN acc ELSE acc + [d] END),
    n.name_en = coalesce(n.name_en, row.name_en),
    n.name = best,
    n.last_seen = coalesce($run.id, n.last_seen), n.last_seen_at = coalesce($run.at, n.last_seen_at),
    n.first_date = CASE WHEN n.first_date IS NULL OR row.date < n.first_date THEN coalesce(row.date, n.first_date)
                        ELSE n.first_date END
RETURN count(n) AS written
