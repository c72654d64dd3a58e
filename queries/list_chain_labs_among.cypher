// Which of these labs are stated to support the chain or hosted by one of its members (the keyword
// tier lists only the others).
// params: $id (chain id), $ids (lab ids)
MATCH (l:Lab)
WHERE l.id IN $ids
MATCH (c:IndustryChain {id: $id})
WITH l, c
WHERE (l)-[:SUPPORTS]->(c) OR (l)<-[:HOSTS]-(:Entity)-[:BELONGS_TO|SUPPORTS]->(c)
RETURN l.id AS id
