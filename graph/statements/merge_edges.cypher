// Upsert relationships of one type, one per (type, source, target, document, evidence) key.
// Provenance: first_seen / first_seen_at set on create, last_seen / last_seen_at on every match,
// doc_date / doc_title the stating document's publication date and title (evidence cites them).
// params: $rows = [{source, target, key, evidence, doc, start, end, rule, confidence, doc_date, doc_title}], $run = {id, at} or null;
// placeholder __TYPE__ from graph.model.RelType
UNWIND $rows AS row
MATCH (a:Entity {id: row.source})
MATCH (b:Entity {id: row.target})
MERGE (a)-[r:__TYPE__ {key: row.key}]->(b)
ON CREATE SET r.first_seen = $run.id, r.first_seen_at = $run.at
SET r.evidence = row.evidence, r.doc = row.doc, r.start = row.start, r.end = row.end,
    r.rule = row.rule, r.confidence = row.confidence, r.doc_date = row.doc_date, r.doc_title = row.doc_title,
    r.last_seen = coalesce($run.id, r.last_seen), r.last_seen_at = coalesce($run.at, r.last_seen_at)
RETURN count(r) AS written
