// Whether the store is empty: a bulk load (CREATE without lookups) is only correct on a fresh graph.
// The version node does not count: it outlives the data (a reset must not turn the version back).
// params: none
MATCH (n) WHERE NOT n:EcographVersion
RETURN count(n) AS nodes
