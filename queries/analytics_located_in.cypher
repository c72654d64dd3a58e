// The organisations located in any of a set of regions, with the sentence that says so.
// params: $ids (region ids)
MATCH (m:Entity)-[e:LOCATED_IN]->(r:Region)
WHERE r.id IN $ids AND NOT m:Region
RETURN m.id AS id, [l IN labels(m) WHERE l <> 'Entity'][0] AS label, m.name AS name,
       r.name AS region, e.evidence AS evidence, e.doc AS doc
