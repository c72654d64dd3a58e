// Index the key property of one entity label before any load (without it each MERGE scans the label).
// params: none; placeholder __LABEL__ from graph.model.Label
CREATE INDEX IF NOT EXISTS FOR (n:__LABEL__) ON (n.id)
