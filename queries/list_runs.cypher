// Every recorded ingest run, oldest first (a store keeps one per ingest: hundreds, not millions).
// params: none
MATCH (x:Run)
RETURN x.id AS id, x.at AS at, x.finished_at AS finished_at, x.status AS status, x.added AS added,
       x.changed AS changed, x.removed AS removed, x.unchanged AS unchanged, x.failed AS failed,
       coalesce(x.replaced, []) AS replaced
ORDER BY at
