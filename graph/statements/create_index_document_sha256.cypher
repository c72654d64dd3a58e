// Re-ingesting a document already recorded (same content hash) is skipped by this lookup.
CREATE INDEX FOR (d:Document) ON (d.sha256)
