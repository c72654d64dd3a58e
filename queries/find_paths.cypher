// The shortest paths between two entities, ignoring direction, at most 6 hops (then cut to $max_len).
// params: $from, $to, $max_len, $limit
MATCH (a:Entity {id: $from})
MATCH (b:Entity {id: $to})
WITH a, b
MATCH p = allShortestPaths((a)-[*..6]-(b))
WITH p
WHERE length(p) <= $max_len
RETURN [n IN nodes(p) | {id: n.id, label: [l IN labels(n) WHERE l <> 'Entity'][0], name: n.name}] AS nodes,
       [r IN relationships(p) | {type: type(r), source: startNode(r).id, target: endNode(r).id,
                                 evidence: r.evidence, doc: r.doc}] AS edges
LIMIT $limit
