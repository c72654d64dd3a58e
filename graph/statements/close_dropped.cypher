// At the end of an ingest run: what its replacements dropped and no later group stated again is dropped for good.
// params: none
MATCH (x:Dropped {open: true})
SET x.open = false
RETURN count(x) AS closed
