// Bulk load of a fresh graph: CREATE relationships of one type between entities found by the id index.
// params: $rows = [{source, target, key, evidence, doc, start, end, rule, confidence}]; placeholder __TYPE__ from graph.model.RelType
UNWIND $rows AS row
MATCH (a:Entity {id: row.source})
MATCH (b:Entity {id: row.target})
CREATE (a)-[r:__TYPE__ {key: row.key, evidence: row.evidence, doc: row.doc, start: row.start, end: row.end,
                        rule: row.rule, confidence: row.confidence}]->(b)
RETURN count(r) AS written
