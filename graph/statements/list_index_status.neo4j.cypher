// Whether each index is built: after a bulk load Neo4j populates indexes in the background.
// params: none
SHOW INDEXES YIELD labelsOrTypes, state
WHERE labelsOrTypes IS NOT NULL
RETURN labelsOrTypes[0] AS label, CASE state WHEN 'ONLINE' THEN 'OPERATIONAL' ELSE state END AS status
