"""Pure renderers: view models of queries/views.py in, HTML out (vis-network via pyvis, own assets)."""
