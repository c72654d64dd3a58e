// A page of ingested documents.
// params: $skip, $limit
MATCH (d:Document)
RETURN d.id AS id, d.path AS path, d.sha256 AS sha256, coalesce(d.chars, 0) AS chars, d.title AS title,
       d.date AS date, d.publisher AS publisher, d.url AS url, d.run AS run
ORDER BY d.path
SKIP $skip LIMIT $limit
