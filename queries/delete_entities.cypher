// Delete these entities and whatever relationships they still have.
// params: $ids
MATCH (n:Entity)
WHERE n.id IN $ids
DETACH DELETE n
RETURN count(n) AS deleted
