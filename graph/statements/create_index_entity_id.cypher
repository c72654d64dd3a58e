// Every entity also carries the label Entity, so lookups by id need not know the label.
CREATE INDEX FOR (n:Entity) ON (n.id)
