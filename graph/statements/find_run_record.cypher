// Whether the store records runs, and whether it holds entities: entities without any run record
// mean a store written before runs were recorded (migrated by the next ingest; `changes` refuses it).
// params: none
CALL { OPTIONAL MATCH (x:Run) RETURN x.id AS run LIMIT 1 }
CALL { OPTIONAL MATCH (n:Entity) RETURN n.id AS entity LIMIT 1 }
RETURN run, entity
