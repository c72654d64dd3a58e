// One breadth-first step of a path search: the relationships of these entities in either direction,
// to entities that may sit inside a path. Regions and chains link to everything, so they are
// reached only as one of the two ends; $limit bounds the step. (b) has no label in the pattern
// for the reason given in list_adjacent_edges.
// params: $ids, $ends, $limit
MATCH (a:Entity)-[r]-(b)
WHERE a.id IN $ids AND (b.id IN $ends OR none(l IN labels(b) WHERE l IN ['Region', 'IndustryChain']))
RETURN a.id AS at, b.id AS id, [l IN labels(b) WHERE l <> 'Entity'][0] AS label, b.name AS name,
       type(r) AS type, startNode(r).id AS source, endNode(r).id AS target, r.evidence AS evidence, r.doc AS doc
LIMIT $limit
