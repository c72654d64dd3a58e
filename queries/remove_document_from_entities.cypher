// Take a document off the docs list of every entity it mentions; returns those entities and what is left.
// params: $docs
MATCH (n:Entity)
WHERE any(d IN n.docs WHERE d IN $docs)
SET n.docs = [d IN n.docs WHERE NOT d IN $docs]
RETURN n.id AS id, size(n.docs) AS remaining
