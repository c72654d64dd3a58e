// Delete every entity, relationship and document record (tests on a dedicated database, `reset`);
// the version node stays, so the version never turns back.
// params: none
MATCH (n) WHERE NOT n:EcographVersion
DETACH DELETE n
RETURN count(n) AS deleted
