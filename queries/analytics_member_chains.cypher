// The chains a set of organisations belong to or support, directly or through a lab they host.
// params: $ids
MATCH (m:Entity)-[r:BELONGS_TO|SUPPORTS]->(c:IndustryChain)
WHERE m.id IN $ids
RETURN m.id AS id, c.name AS chain, type(r) AS via
UNION
MATCH (m:Entity)-[:HOSTS]->(:Lab)-[:SUPPORTS]->(c:IndustryChain)
WHERE m.id IN $ids
RETURN m.id AS id, c.name AS chain, 'HOSTS_SUPPORTING_LAB' AS via
