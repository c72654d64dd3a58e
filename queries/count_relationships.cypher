// Relationships in the graph; with count_graph a constant-time fingerprint of what the graph holds
// (FalkorDB answers both counts from its matrices, a combined query would scan).
// params: none
MATCH ()-[r]->()
RETURN count(r) AS relationships
