// Has a document with this content already been ingested?
// params: $sha256
MATCH (d:Document {sha256: $sha256})
RETURN d.id AS id, d.path AS path
LIMIT 1
