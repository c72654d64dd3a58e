// The largest internal id of an entity: where paging by id range (export_entities) stops.
// params: none
MATCH (n:Entity)
RETURN max(id(n)) AS hi
