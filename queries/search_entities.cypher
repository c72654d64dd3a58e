// A page of entities whose name or an alias contains one of the terms (lower-cased), optionally of one label;
// exact names first, then shorter names.
// params: $terms, $label, $skip, $limit
MATCH (n:Entity)
WHERE ($label IS NULL OR $label IN labels(n))
  AND any(t IN $terms WHERE toLower(n.name) CONTAINS t OR any(a IN n.aliases WHERE toLower(a) CONTAINS t))
WITH n, CASE WHEN toLower(n.name) IN $terms THEN 0
             WHEN any(a IN n.aliases WHERE toLower(a) IN $terms) THEN 1
             ELSE 2 END AS rank
RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Entity'][0] AS label, n.name AS name,
       n.aliases AS aliases, n.name_en AS name_en, n.docs AS docs
ORDER BY rank, size(n.name), n.name, n.id
SKIP $skip LIMIT $limit
