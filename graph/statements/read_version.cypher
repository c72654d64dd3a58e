// The graph's version as the Neo4j store keeps it (0 before the first write).
// params: none
OPTIONAL MATCH (v:EcographVersion {id: 'graph'})
RETURN coalesce(v.n, 0) AS version
