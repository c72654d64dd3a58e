"""HTML renderers: view models of queries/ in, HTML out (vis-network via pyvis, own assets); site.py reads through queries/."""
