// Delete a document's record (last, after what it contributed is gone).
// params: $id
MATCH (d:Document {id: $id})
DELETE d
RETURN count(d) AS deleted
