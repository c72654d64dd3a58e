// Node counts per ontology label.
MATCH (n:Entity)
RETURN [l IN labels(n) WHERE l <> 'Entity'][0] AS label, count(n) AS count
ORDER BY label
