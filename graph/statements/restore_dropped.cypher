// A replaced document's new version stated again some of what was removed with the old one: those
// keep the run and date they were first seen, and are not dropped after all (their :Dropped record
// goes). Run after each group an ingest writes; the records still open when the run ends were truly
// dropped and are closed (close_dropped). A run killed in between leaves them open for the next.
// params: none
MATCH (x:Dropped {open: true})
OPTIONAL MATCH (n:Entity {id: x.source})
WHERE x.kind = 'entity'
OPTIONAL MATCH (a:Entity {id: x.source})-[r]->(:Entity {id: x.target})
WHERE x.kind = 'relationship' AND r.key = x.key
WITH x, n, r
FOREACH (e IN CASE WHEN n IS NULL THEN [] ELSE [n] END |
    SET e.first_seen = x.first_seen, e.first_seen_at = x.first_seen_at,
        e.first_date = CASE WHEN e.first_date IS NULL OR x.first_date < e.first_date THEN coalesce(x.first_date, e.first_date)
                            ELSE e.first_date END)
FOREACH (e IN CASE WHEN r IS NULL THEN [] ELSE [r] END |
    SET e.first_seen = x.first_seen, e.first_seen_at = x.first_seen_at)
WITH x, n IS NOT NULL OR r IS NOT NULL AS back
FOREACH (y IN CASE WHEN back THEN [x] ELSE [] END | DELETE y)
RETURN sum(CASE WHEN back THEN 1 ELSE 0 END) AS restored
