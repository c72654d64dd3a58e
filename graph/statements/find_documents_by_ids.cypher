// Which of these document ids are recorded already (their earlier content gets replaced): one query per group.
// params: $ids
UNWIND $ids AS id
MATCH (d:Document {id: id})
RETURN DISTINCT d.id AS id
