// The hosting, cooperation and funding relationships of a set of entities, both directions, with their
// sentences: what places a chain's members in its segments (the products a sentence describes) and what
// the key-organisation ranking scores. Memberships are read by list_chain_links; locations are not products.
// params: $ids
MATCH (m:Entity)-[r:HOSTS|COOPERATES_WITH|FUNDS]->(x:Entity)
WHERE m.id IN $ids
RETURN m.id AS id, 'out' AS direction, type(r) AS type, x.id AS other, r.evidence AS evidence, r.doc AS doc
UNION ALL
MATCH (m:Entity)<-[r:HOSTS|COOPERATES_WITH|FUNDS]-(x:Entity)
WHERE m.id IN $ids
RETURN m.id AS id, 'in' AS direction, type(r) AS type, x.id AS other, r.evidence AS evidence, r.doc AS doc
