// The chains each lab serves through its host (the host belongs to or supports them), one row per lab:
// the hosted cells of the lab × chain matrix (a stated cell wins over a hosted one).
// params: none
MATCH (c:IndustryChain)<-[:BELONGS_TO|SUPPORTS]-(:Entity)-[:HOSTS]->(l:Lab)
RETURN l.id AS lab, collect(DISTINCT c.name) AS chains
