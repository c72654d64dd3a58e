// Labs whose name, a sentence stating one of their relationships, or a sentence about their host
// organisation (regions are about everything, so not them)
// contains one of the terms (the keyword part of the inferred tier; the caller checks which term
// matched and drops weak hits).
// params: $terms, $limit
MATCH (l:Lab)
OPTIONAL MATCH (l)-[r]-(:Entity)
WHERE any(t IN $terms WHERE r.evidence CONTAINS t)
WITH l, collect(CASE WHEN r IS NULL THEN NULL
                     ELSE {type: type(r), evidence: r.evidence, doc: r.doc, confidence: r.confidence} END) AS hits
OPTIONAL MATCH (l)<-[:HOSTS]-(h:Entity)-[r]-(:Entity)
WHERE NOT 'Region' IN labels(h) AND any(t IN $terms WHERE r.evidence CONTAINS t)
WITH l, hits, collect(CASE WHEN r IS NULL THEN NULL
                           ELSE {host: h.name, type: type(r), evidence: r.evidence, doc: r.doc,
                                 confidence: r.confidence} END) AS host_hits
WHERE size(hits) > 0 OR size(host_hits) > 0 OR any(t IN $terms WHERE l.name CONTAINS t)
RETURN l.id AS id, l.name AS name, l.docs AS docs, hits, host_hits
ORDER BY l.name
LIMIT $limit
