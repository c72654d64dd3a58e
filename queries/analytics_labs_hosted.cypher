// The chains each lab serves through its host (the host belongs to or supports them), one row per lab:
// the hosted cells of the lab × chain matrix (a stated cell wins over a hosted one).
// Chains as internal ids (analytics_chain_ids names them): numbers cost a third of names in the reply.
// params: none
MATCH (c:IndustryChain)<-[:BELONGS_TO|SUPPORTS]-(:Entity)-[:HOSTS]->(l:Lab)
RETURN l.id AS lab, collect(DISTINCT id(c)) AS chains
