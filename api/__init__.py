"""The HTTP API: FastAPI routes over the read layer in queries/views.py and the named queries."""
