// Two hops from an organisation: the labs it hosts and the chains each of them is stated to support
// (a university → its labs → the chains they support), with the sentence and document of each link.
// params: $id (entity id)
MATCH (e:Entity {id: $id})-[:HOSTS]->(l:Lab)
OPTIONAL MATCH (l)-[r:SUPPORTS]->(c:IndustryChain)
RETURN l.id AS lab_id, l.name AS lab_name, c.id AS chain_id, c.name AS chain_name,
       r.evidence AS evidence, r.doc AS doc
