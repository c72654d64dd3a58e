// Exact-name lookups (chain by name, resolution against the store).
CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name)
