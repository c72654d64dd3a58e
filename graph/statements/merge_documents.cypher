// Record ingested documents; written after their entities and edges, so a crash before this
// point makes the next run redo the document (MERGE keeps that from doubling anything).
// Title, date, publisher and source URL are what the document (or its sidecar) says; run the run that stored it.
// params: $rows = [{id, path, sha256, chars, title, date, publisher, url, run}]
UNWIND $rows AS row
MERGE (d:Document {id: row.id})
SET d.path = row.path, d.sha256 = row.sha256, d.chars = row.chars, d.title = row.title, d.date = row.date,
    d.publisher = row.publisher, d.url = row.url, d.run = row.run
RETURN count(d) AS written
