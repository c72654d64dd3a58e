// Record an ingest run (at its start, and again with its counts at its end).
// params: $run = {id, at, finished_at, status, added, changed, removed, unchanged, failed, replaced}
MERGE (x:Run {id: $run.id})
SET x.at = $run.at, x.finished_at = $run.finished_at, x.status = $run.status, x.added = $run.added,
    x.changed = $run.changed, x.removed = $run.removed, x.unchanged = $run.unchanged, x.failed = $run.failed, x.replaced = $run.replaced
RETURN x.id AS id
