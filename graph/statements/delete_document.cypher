// Remove a document and everything only it contributed in ONE query (one transaction), so a crash
// leaves either the whole document or none of it: its edges (an edge is one document's statement),
// its name on every entity's docs list, the entities left with no document, and its record.
// An edge's doc and an entity's docs name the document by its path or its id.
// With a $run (a replacement by an ingest run), each removed edge and entity is recorded as a
// :Dropped node in the same transaction, with what it was and when it was first seen, so that
// "what changed" can list what the new version dropped (ingest deletes the records of those the
// new version states again: see restore_dropped).
// params: $id, $run = {id, at} or null
MATCH (d:Document {id: $id})
WITH d, [d.id, d.path] AS names
OPTIONAL MATCH (:Entity)-[r]->(:Entity)
WHERE r.doc IN names
WITH d, names, collect(DISTINCT r) AS stated
FOREACH (r IN CASE WHEN $run IS NULL THEN [] ELSE stated END |
    CREATE (:Dropped {kind: 'relationship', open: true, run: $run.id, at: $run.at, key: r.key, type: type(r),
                      source: startNode(r).id, source_name: startNode(r).name,
                      source_label: [l IN labels(startNode(r)) WHERE l <> 'Entity'][0],
                      target: endNode(r).id, target_name: endNode(r).name,
                      target_label: [l IN labels(endNode(r)) WHERE l <> 'Entity'][0],
                      evidence: r.evidence, doc: r.doc, doc_date: r.doc_date, doc_title: r.doc_title,
                      first_seen: r.first_seen, first_seen_at: r.first_seen_at}))
FOREACH (r IN stated | DELETE r)
WITH d, names, size(stated) AS edges
OPTIONAL MATCH (n:Entity)
WHERE any(x IN n.docs WHERE x IN names)
WITH d, names, edges, collect(DISTINCT n) AS touched
FOREACH (n IN touched | SET n.docs = [x IN n.docs WHERE NOT x IN names])
WITH d, edges, touched, [n IN touched WHERE size(n.docs) = 0] AS orphans
FOREACH (n IN CASE WHEN $run IS NULL THEN [] ELSE orphans END |
    CREATE (:Dropped {kind: 'entity', open: true, run: $run.id, at: $run.at, key: n.id, type: [l IN labels(n) WHERE l <> 'Entity'][0],
                      source: n.id, source_name: n.name, doc: d.path, first_seen: n.first_seen,
                      first_seen_at: n.first_seen_at, first_date: n.first_date}))
FOREACH (n IN orphans | DETACH DELETE n)
DELETE d
RETURN edges AS relationships_deleted, size(orphans) AS entities_deleted,
       size(touched) - size(orphans) AS entities_updated
