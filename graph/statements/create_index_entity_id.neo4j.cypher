// Every entity also carries the label Entity, so lookups by id need not know the label.
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE
