// Which documents hold these paths: a new document of the same name from elsewhere gets another path, not their place.
// params: $docs (document paths)
UNWIND $docs AS path
MATCH (d:Document {path: path})
RETURN DISTINCT d.id AS id, d.path AS path
