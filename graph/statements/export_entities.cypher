// Entities whose internal id lies in [$lo, $hi): export pages through the graph by id range, so each
// page costs its own size (SKIP/LIMIT re-walks every skipped row, which is quadratic over a whole export).
// params: $lo, $hi
MATCH (n:Entity)
WHERE id(n) >= $lo AND id(n) < $hi
RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Entity'][0] AS label, n.name AS name,
       n.aliases AS aliases, n.docs AS docs, n.name_en AS name_en, n.first_seen AS first_seen,
       n.first_seen_at AS first_seen_at, n.last_seen AS last_seen, n.last_seen_at AS last_seen_at, n.first_date AS first_date
