"""The read layer: named read queries (one `.cypher` file each, in this folder) and the view models
built from them. Modules by noun: chains, entities, paths, documents, stats; shared models in models.

The store runs its own statements; the read queries here are handed to it as `FILES`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graph.cypher import CypherFiles
from graph.store import GraphStore, Row

FILES = CypherFiles(__name__)


def run(store: GraphStore, name: str, params: Mapping[str, Any] | None = None, *,
        timeout_ms: int | None = None) -> list[Row]:
    """Rows of the named read query of this folder."""
    return store.run(name, params, timeout_ms=timeout_ms, files=FILES)
