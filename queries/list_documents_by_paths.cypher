// The title and date of the documents evidence names (by path, or by id in older stores): what a
// citation shows beside the file. Both lookups use an index.
// params: $docs
UNWIND $docs AS name
OPTIONAL MATCH (p:Document {path: name})
OPTIONAL MATCH (i:Document {id: name})
WITH name, coalesce(p, i) AS d
WHERE d IS NOT NULL
RETURN name, d.path AS path, d.title AS title, d.date AS date, d.publisher AS publisher, d.url AS url
