// Who hosts, and who cooperates with, each of these labs.
// params: $ids (lab ids)
MATCH (l:Lab)<-[r:HOSTS]-(p:Entity)
WHERE l.id IN $ids
RETURN l.id AS lab, p.id AS id, [x IN labels(p) WHERE x <> 'Entity'][0] AS label, p.name AS name,
       type(r) AS type, r.evidence AS evidence, r.doc AS doc, r.confidence AS confidence
UNION ALL
MATCH (l:Lab)-[r:COOPERATES_WITH]-(p:Entity)
WHERE l.id IN $ids
RETURN l.id AS lab, p.id AS id, [x IN labels(p) WHERE x <> 'Entity'][0] AS label, p.name AS name,
       type(r) AS type, r.evidence AS evidence, r.doc AS doc, r.confidence AS confidence
