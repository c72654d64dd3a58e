// The title and date of the documents evidence names (by path or id): what a citation shows beside the file.
// params: $docs
UNWIND $docs AS name
MATCH (d:Document)
WHERE d.path = name OR d.id = name
RETURN name, d.path AS path, d.title AS title, d.date AS date, d.publisher AS publisher, d.url AS url
