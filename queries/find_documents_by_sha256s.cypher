// Which of these content hashes are recorded already: one query per group of documents, not one per document.
// params: $shas
UNWIND $shas AS sha
MATCH (d:Document {sha256: sha})
RETURN DISTINCT d.sha256 AS sha256
