// The entities linked to each chain and how: members (BELONGS_TO/SUPPORTS), labs hosted by a member,
// hosts of a supporting lab, and programmes funding a member or a member's lab.
// params: $ids (chain ids)
MATCH (c:IndustryChain)<-[r:BELONGS_TO|SUPPORTS]-(m:Entity)
WHERE c.id IN $ids
RETURN c.id AS chain, m.id AS id, [l IN labels(m) WHERE l <> 'Entity'][0] AS label, m.name AS name,
       type(r) AS via, c.name AS via_name, r.evidence AS evidence, r.doc AS doc, r.confidence AS confidence
UNION ALL
MATCH (c:IndustryChain)<-[:BELONGS_TO|SUPPORTS]-(h:Entity)-[r:HOSTS]->(m:Lab)
WHERE c.id IN $ids
RETURN c.id AS chain, m.id AS id, 'Lab' AS label, m.name AS name,
       'HOSTED_BY_MEMBER' AS via, h.name AS via_name, r.evidence AS evidence, r.doc AS doc, r.confidence AS confidence
UNION ALL
MATCH (c:IndustryChain)<-[:SUPPORTS]-(lab:Entity)<-[r:HOSTS]-(m:Entity)
WHERE c.id IN $ids
RETURN c.id AS chain, m.id AS id, [l IN labels(m) WHERE l <> 'Entity'][0] AS label, m.name AS name,
       'HOSTS_SUPPORTING_LAB' AS via, lab.name AS via_name, r.evidence AS evidence, r.doc AS doc, r.confidence AS confidence
UNION ALL
MATCH (c:IndustryChain)<-[:BELONGS_TO|SUPPORTS]-(x:Entity)<-[r:FUNDS]-(m:Program)
WHERE c.id IN $ids
RETURN c.id AS chain, m.id AS id, 'Program' AS label, m.name AS name,
       'FUNDS_MEMBER' AS via, x.name AS via_name, r.evidence AS evidence, r.doc AS doc, r.confidence AS confidence
UNION ALL
MATCH (c:IndustryChain)<-[:BELONGS_TO|SUPPORTS]-(:Entity)-[:HOSTS]->(x:Lab)<-[r:FUNDS]-(m:Program)
WHERE c.id IN $ids
RETURN c.id AS chain, m.id AS id, 'Program' AS label, m.name AS name,
       'FUNDS_MEMBER' AS via, x.name AS via_name, r.evidence AS evidence, r.doc AS doc, r.confidence AS confidence
