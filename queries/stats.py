"""What the graph holds, and the fingerprint that changes on every write."""

from __future__ import annotations

from ecograph import queries
from ecograph.graph.store import GraphStore
from ecograph.queries.models import Stats


def fingerprint(store: GraphStore) -> tuple[int, int]:
    """The graph's node and relationship counts in one constant-time call: what changes on every write
    (ingest adds a document node, deletion removes one). The API's response cache keys on it too."""
    row = queries.run(store, "graph_fingerprint")[0]
    return (row["nodes"], row["relationships"])


def stats(store: GraphStore) -> Stats:
    """Counts by label and relationship type, and documents ingested."""
    return Stats(
        labels={r["label"]: r["count"] for r in queries.run(store, "count_by_label")},
        types={r["type"]: r["count"] for r in queries.run(store, "count_by_type")},
        documents=queries.run(store, "count_documents")[0]["documents"],
    )
