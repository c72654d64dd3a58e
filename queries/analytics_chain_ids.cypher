// Every chain's internal id and name: what the coverage rows' chain ids stand for.
// params: none
MATCH (c:IndustryChain)
RETURN id(c) AS n, c.name AS name
