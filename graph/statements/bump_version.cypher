// The graph's version, bumped in the transaction of every write: the Neo4j store keeps it on a node of its own;
// the FalkorDB store keeps it in a key beside the graph in the same server (graph/falkordb_store.py).
// params: none
MERGE (v:EcographVersion {id: 'graph'})
SET v.n = coalesce(v.n, 0) + 1
