// Every industry chain with the names it can be looked up by (chains are few; resolution is done in views.py).
// params: none
MATCH (c:IndustryChain)
RETURN c.id AS id, c.name AS name, c.aliases AS aliases, c.name_en AS name_en
ORDER BY c.name
