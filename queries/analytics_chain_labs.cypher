// Which chains every lab serves: stated (the lab SUPPORTS the chain) or hosted (its host belongs to or
// supports the chain), one row per lab, chain and tier: the rows of the lab × chain coverage matrix.
// params: none
MATCH (l:Lab)-[:SUPPORTS]->(c:IndustryChain)
RETURN DISTINCT l.id AS lab, l.name AS name, c.name AS chain, 'stated' AS tier
UNION
MATCH (c:IndustryChain)<-[:BELONGS_TO|SUPPORTS]-(:Entity)-[:HOSTS]->(l:Lab)
RETURN DISTINCT l.id AS lab, l.name AS name, c.name AS chain, 'hosted' AS tier
