// Node and relationship counts in one constant-time call (FalkorDB keeps them with the matrices;
// a query counting both with MATCH would scan): what views.py keys the totals of a chain's labs on.
// params: none
CALL db.meta.stats() YIELD nodeCount, relCount
RETURN nodeCount AS nodes, relCount AS relationships
