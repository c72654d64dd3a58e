// Migrate a store written before runs were recorded: every entity and relationship without
// first_seen gets the migration run (whose time is when the migration ran), in id-range pages.
// params: $lo, $hi, $run = {id, at}
MATCH (n:Entity)
WHERE id(n) >= $lo AND id(n) < $hi AND n.first_seen IS NULL
SET n.first_seen = $run.id, n.first_seen_at = $run.at, n.last_seen = $run.id, n.last_seen_at = $run.at
WITH count(n) AS entities
OPTIONAL MATCH (a:Entity)-[r]->(:Entity)
WHERE id(a) >= $lo AND id(a) < $hi AND r.first_seen IS NULL
SET r.first_seen = $run.id, r.first_seen_at = $run.at, r.last_seen = $run.id, r.last_seen_at = $run.at
RETURN entities, count(r) AS relationships
