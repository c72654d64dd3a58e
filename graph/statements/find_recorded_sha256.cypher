// Which of these content hashes are recorded already: one query per group of documents, not one per document.
// params: $rows = [{sha256}]
UNWIND $rows AS row
MATCH (d:Document {sha256: row.sha256})
RETURN DISTINCT d.sha256 AS sha256
