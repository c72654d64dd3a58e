// Which of these document ids are recorded already, and under which path (their earlier content gets replaced): one query per group.
// params: $ids
UNWIND $ids AS id
MATCH (d:Document {id: id})
RETURN DISTINCT d.id AS id, d.path AS path
