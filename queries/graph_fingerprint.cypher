// Node and relationship counts (constant-time from the count store): what views.py keys the totals
// of a chain's labs on, so that they are recounted after every write.
// params: none
CALL { MATCH (n) RETURN count(n) AS nodes }
CALL { MATCH ()-[r]->() RETURN count(r) AS relationships }
RETURN nodes, relationships
