"""The read layer: named read queries (one `.cypher` file each, in this folder) and the view models
built from them. Modules by noun: chains, entities, paths, documents, stats; shared models in models.

The store runs its own statements; the read queries here are handed to it as `FILES`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ecograph.graph.cypher import CypherFiles
from ecograph.graph.store import GraphStore, Row

FILES = CypherFiles(__name__)


def run(store: GraphStore, name: str, params: Mapping[str, Any] | None = None, *,
        timeout_ms: int | None = None) -> list[Row]:
    """Rows of the named read query of this folder."""
    return store.run(name, params, timeout_ms=timeout_ms, files=FILES)


_WRITES = re.compile(r"\b(CREATE|MERGE|SET|DELETE|REMOVE|DROP)\b", re.I)


def read_queries() -> dict[str, str]:
    """The named queries a user may run (`ecograph query`), each with the first line of its comment:
    only those that read; a query file that writes is never offered."""
    out: dict[str, str] = {}
    for name in FILES.names():
        text = FILES.text(name, "falkordb")
        body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))
        if not _WRITES.search(body):
            comment = next((line.lstrip("/ ").strip() for line in text.splitlines() if line.startswith("//")), "")
            out[name] = comment
    return out
