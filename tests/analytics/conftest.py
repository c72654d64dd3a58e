"""The seeds + dev corpus ingested into a real embedded store (once per module), and what the gold
files say about it: the expectations of the analytics tests are computed from these, never written in."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.served import stored
from ecograph.graph.store import GraphStore
from ecograph.loaders.ingest import ingest_paths
from ecograph.queries.entities import entity_detail, search_entities
from ecograph.queries.models import EntityDetail
from tests.conftest import SHARED

CORPORA = [SHARED / "corpus" / "seeds", SHARED / "corpus" / "dev"]
GOLDS = [SHARED / "gold" / "seeds.json", SHARED / "gold" / "dev.json"]


def gold_relations(kind: str) -> list[dict[str, str]]:
    """Every gold relationship of one type, over seeds and dev."""
    return [r for path in GOLDS for r in json.loads(path.read_text(encoding="utf-8"))["relations"] if r["type"] == kind]


def gold_entities() -> dict[str, dict[str, object]]:
    return {e["name"]: e for path in GOLDS for e in json.loads(path.read_text(encoding="utf-8"))["entities"]}


def graph_entity(store: GraphStore, name: str, aliases: list[str]) -> EntityDetail | None:
    """The stored entity whose name or alias is one of the gold entity's names, with its relationships."""
    names = {name, *aliases}
    for candidate in names:
        for hit in search_entities(store, candidate, limit=50).items:
            if hit.name in names or names & set(hit.aliases):
                return entity_detail(store, hit.id)
    return None


@pytest.fixture(scope="module")
def graph_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder holding seeds + dev, ingested by the real ingest."""
    data = tmp_path_factory.mktemp("analytics") / "data"
    with stored(data) as store:
        report = ingest_paths(CORPORA, store)
        assert not report.failed, report.failed
    return data


@pytest.fixture(scope="module")
def store(graph_dir: Path) -> Iterator[GraphStore]:
    with stored(graph_dir) as s:
        yield s
