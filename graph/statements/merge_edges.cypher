// Upsert relationships of one type, one per (type, source, target, document, evidence) key.
// params: $rows = [{source, target, key, evidence, doc, start, end, rule, confidence}]; placeholder __TYPE__ from graph.model.RelType
UNWIND $rows AS row
MATCH (a:Entity {id: row.source})
MATCH (b:Entity {id: row.target})
MERGE (a)-[r:__TYPE__ {key: row.key}]->(b)
SET r.evidence = row.evidence, r.doc = row.doc, r.start = row.start, r.end = row.end,
    r.rule = row.rule, r.confidence = row.confidence
RETURN count(r) AS written
