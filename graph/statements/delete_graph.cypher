// Delete every entity, relationship and document record (tests on a dedicated database, `reset`).
// params: none
MATCH (n)
DETACH DELETE n
RETURN count(n) AS deleted
