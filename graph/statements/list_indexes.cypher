// The indexes the store holds (checked by tests and shown by `ecograph stats`).
// params: none
CALL db.indexes() YIELD label, properties
RETURN label, properties
