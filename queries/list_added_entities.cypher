// Entities first seen by a run after $since (an ISO time), with the chains they belong to or support.
// params: $since, $limit
MATCH (n:Entity)
WHERE n.first_seen_at > $since
WITH n
ORDER BY n.first_seen_at, n.name
LIMIT $limit
OPTIONAL MATCH (n)-[:BELONGS_TO|SUPPORTS]->(c:IndustryChain)
RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Entity'][0] AS label, n.name AS name, n.docs AS docs,
       n.first_seen AS run, n.first_seen_at AS at, n.first_date AS first_date, collect(DISTINCT c.name) AS chains
