// The indexes the store holds (checked by tests and shown by `ecograph stats`).
// params: none
SHOW INDEXES YIELD labelsOrTypes, properties
WHERE labelsOrTypes IS NOT NULL
RETURN labelsOrTypes[0] AS label, properties
