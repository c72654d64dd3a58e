"""The HTTP API: FastAPI routes over the read layer of queries/."""
