"""The one place that chooses a backend: the backends build on graph.store, and this module on them."""

from __future__ import annotations

from ecograph.graph.falkordb_store import FalkorStore
from ecograph.graph.settings import Settings
from ecograph.graph.store import GraphStore


def open_store(settings: Settings | None = None) -> GraphStore:
    """The configured store, schema ensured."""
    settings = settings or Settings()
    store: GraphStore
    if settings.backend == "neo4j":
        # the driver loads only when it is used
        from ecograph.graph.neo4j_store import Neo4jStore

        store = Neo4jStore.from_settings(settings)
    else:
        store = FalkorStore.from_settings(settings)
    store.ensure_schema()
    return store
