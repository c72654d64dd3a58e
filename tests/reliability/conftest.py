"""What the reliability tests share: a comparable snapshot of a whole stored graph."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from ecograph.graph.backends import open_store
from ecograph.graph.settings import Settings
from tests.conftest import iter_rows

Snapshot = tuple[frozenset[tuple[str, str, frozenset[str], frozenset[str]]], Counter[tuple[str, str, str, str, str]], frozenset[str]]


def snapshot(data_dir: Path) -> Snapshot:
    """The graph in `data_dir` independent of ids and order: entities (label, name, aliases, docs),
    the multiset of edges (type, source name, target name, doc, evidence), and document paths."""
    with open_store(Settings(data_dir=data_dir)) as store:
        entities = list(iter_rows(store, "list_entities"))
        names = {e["id"]: e["name"] for e in entities}
        nodes = frozenset((e["label"], e["name"], frozenset(e["aliases"] or []), frozenset(e["docs"] or []))
                          for e in entities)
        edges = Counter((r["type"], names[r["source"]], names[r["target"]], r["doc"], r["evidence"])
                        for r in iter_rows(store, "list_edges"))
        docs = frozenset(r["path"] for r in iter_rows(store, "list_documents"))
    return nodes, edges, docs
