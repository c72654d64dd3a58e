// For these labs, the sentences stating one of their relationships, or a relationship of their host
// organisation (regions are about everything, so not them), that contain one of the terms: the
// keyword reasons of the labs on one page (the caller checks which term matched).
// params: $ids (lab ids), $terms
MATCH (l:Lab)
WHERE l.id IN $ids
OPTIONAL MATCH (l)-[r]-(:Entity)
WHERE any(t IN $terms WHERE r.evidence CONTAINS t)
WITH l, collect(CASE WHEN r IS NULL THEN NULL
                     ELSE {type: type(r), evidence: r.evidence, doc: r.doc, confidence: r.confidence} END) AS hits
OPTIONAL MATCH (l)<-[:HOSTS]-(h:Entity)-[r]-(:Entity)
WHERE NOT 'Region' IN labels(h) AND any(t IN $terms WHERE r.evidence CONTAINS t)
WITH l, hits, collect(CASE WHEN r IS NULL THEN NULL
                           ELSE {host: h.name, type: type(r), evidence: r.evidence, doc: r.doc,
                                 confidence: r.confidence} END) AS host_hits
RETURN l.id AS id, l.name AS name, l.docs AS docs, hits, host_hits
