// The chains each lab SUPPORTS (stated), one row per lab: the stated cells of the lab × chain matrix.
// Chains as internal ids (analytics_chain_ids names them): numbers cost a third of names in the reply.
// params: none
MATCH (l:Lab)-[:SUPPORTS]->(c:IndustryChain)
RETURN l.id AS lab, collect(DISTINCT id(c)) AS chains
