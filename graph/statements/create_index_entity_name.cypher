// Exact-name lookups (chain by name, resolution against the store).
CREATE INDEX FOR (n:Entity) ON (n.name)
