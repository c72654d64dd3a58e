// The chains each lab SUPPORTS (stated), one row per lab: the stated cells of the lab × chain matrix.
// params: none
MATCH (l:Lab)-[:SUPPORTS]->(c:IndustryChain)
RETURN l.id AS lab, collect(DISTINCT c.name) AS chains
