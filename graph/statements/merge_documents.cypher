// Record ingested documents; written after their entities and edges, so a crash before this
// point makes the next run redo the document (MERGE keeps that from doubling anything).
// params: $rows = [{id, path, sha256, chars}]
UNWIND $rows AS row
MERGE (d:Document {id: row.id})
SET d.path = row.path, d.sha256 = row.sha256, d.chars = row.chars
RETURN count(d) AS written
