"""The one place that chooses a backend: the backends build on graph.store, and this module on them."""

from __future__ import annotations

from ecograph.graph.embedded import EmbeddedServer
from ecograph.graph.falkordb_store import FalkorStore
from ecograph.graph.settings import Settings
from ecograph.graph.store import GraphStore


def open_store(settings: Settings | None = None, wait_s: float = 60.0) -> GraphStore:
    """The configured store, schema ensured; `wait_s` bounds the wait for an embedded server that is
    starting, loading its data or not answering."""
    settings = settings or Settings()
    store: GraphStore
    if settings.backend == "neo4j":
        # the driver loads only when it is used
        from ecograph.graph.neo4j_store import Neo4jStore

        store = Neo4jStore.from_settings(settings)
    else:
        store = FalkorStore.from_settings(settings, wait_s=wait_s)
    try:
        store.ensure_schema()
    except BaseException:
        store.close()  # the embedded server is not kept running for a store nobody will use
        raise
    return store


def check_store(settings: Settings) -> None:
    """Refuse early what no request could fix: a data folder the embedded store cannot write to
    (DataDirError). A store that is only down is left to the requests, which answer 503 until it is back."""
    if settings.backend == "falkordb":
        EmbeddedServer(settings.data_dir).check_writable()
