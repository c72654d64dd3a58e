// One ingested document by id.
// params: $id
MATCH (d:Document {id: $id})
RETURN d.id AS id, d.path AS path, d.sha256 AS sha256, coalesce(d.chars, 0) AS chars, d.title AS title,
       d.date AS date, d.publisher AS publisher, d.url AS url, d.run AS run
