"""What the graph holds, and the fingerprint that changes on every write."""

from __future__ import annotations

from ecograph import queries
from ecograph.graph.store import GraphStore
from ecograph.queries.models import Stats


def fingerprint(store: GraphStore) -> int:
    """The graph's version, which every write bumps in its own transaction (whoever writes): what the
    chain snapshots and the API's response cache key on. Counts of nodes and relationships would
    miss a corrected document that keeps them equal."""
    return store.version()


async def fingerprint_async(store: GraphStore) -> int:
    """`fingerprint` for an event loop, which it never blocks (the API's answer cache reads it per request)."""
    return await store.version_async()


def stats(store: GraphStore) -> Stats:
    """Counts by label and relationship type, and documents ingested."""
    return Stats(
        labels={r["label"]: r["count"] for r in queries.run(store, "count_by_label")},
        types={r["type"]: r["count"] for r in queries.run(store, "count_by_type")},
        documents=queries.run(store, "count_documents")[0]["documents"],
    )
