// How many entities search_entities would page through.
// params: $terms, $label
MATCH (n:Entity)
WHERE ($label IS NULL OR $label IN labels(n))
  AND any(t IN $terms WHERE toLower(n.name) CONTAINS t OR any(a IN n.aliases WHERE toLower(a) CONTAINS t))
RETURN count(n) AS total
