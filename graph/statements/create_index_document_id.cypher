// The record of ingested documents is keyed by id.
CREATE INDEX FOR (d:Document) ON (d.id)
