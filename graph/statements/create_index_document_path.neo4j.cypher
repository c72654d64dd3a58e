// Citations look documents up by the path evidence names them by (and ingest finds who holds a path).
CREATE INDEX document_path IF NOT EXISTS FOR (d:Document) ON (d.path)
