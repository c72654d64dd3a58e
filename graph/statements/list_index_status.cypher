// Whether each index is built: after a bulk load FalkorDB builds indexes in the background.
// params: none
CALL db.indexes() YIELD label, status
RETURN label, status
