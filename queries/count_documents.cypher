// How many documents have been ingested.
MATCH (d:Document)
RETURN count(d) AS documents
