// Every region with its names and the regions it lies in by LOCATED_IN (a zone or district in its city):
// with the administrative codes, what tells which regions lie under one another.
// params: none
MATCH (r:Region)
OPTIONAL MATCH (r)-[:LOCATED_IN]->(p:Region)
RETURN r.id AS id, r.name AS name, r.aliases AS aliases, collect(DISTINCT p.id) AS parents
ORDER BY r.name
