// Delete the relationships a document stated (an edge is one document's statement, so none is shared).
// params: $docs (the names an edge's doc may carry for the document)
MATCH (:Entity)-[r]->(:Entity)
WHERE r.doc IN $docs
DELETE r
RETURN count(r) AS deleted
