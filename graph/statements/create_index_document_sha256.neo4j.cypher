// Re-ingesting a document already recorded (same content hash) is skipped by this lookup.
CREATE INDEX document_sha256 IF NOT EXISTS FOR (d:Document) ON (d.sha256)
