// Whether the store is empty: a bulk load (CREATE without lookups) is only correct on a fresh graph.
// params: none
MATCH (n)
RETURN count(n) AS nodes
