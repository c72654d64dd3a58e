// Citations look documents up by the path evidence names them by (and ingest finds who holds a path).
CREATE INDEX FOR (d:Document) ON (d.path)
