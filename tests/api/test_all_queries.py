"""Every .cypher file (the read queries of queries/, the store's statements in graph/statements/) runs on a
real store, so a broken query fails CI, not a user."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ecograph import queries
from ecograph.graph.cypher import STATEMENTS, CypherFiles
from ecograph.graph.errors import QueryFailed
from ecograph.graph.model import Edge, Graph, Label, Node, RelType
from ecograph.graph.statements import __file__ as statements_init
from ecograph.graph.store import GraphStore
from tests.api.conftest import empty_store

LAB = Node.make(Label.Lab, "光伏实验室", docs=["a.txt"])
FIRM = Node.make(Label.Company, "光伏公司", docs=["a.txt"])
CHAIN = Node.make(Label.IndustryChain, "光伏")
PLAUSIBLE: dict[str, Any] = {
    "id": LAB.id, "ids": [LAB.id, FIRM.id, CHAIN.id], "from": LAB.id, "to": CHAIN.id,
    "ends": [LAB.id, CHAIN.id], "terms": ["光伏"], "shadows": ["光伏新能源"], "label": None, "skip": 0, "limit": 10, "max_len": 3, "rows": [],
    "sha256": "0" * 64, "docs": ["nothing.txt"], "lo": 0, "hi": 10,
    "run": {"id": "20260101-000000-0000", "at": "2026-01-01T00:00:00.000000+00:00"}, "since": "",
}


@pytest.fixture(scope="module")
def store(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[GraphStore]:
    s = empty_store(backend, tmp_path_factory.mktemp(f"queries-{backend}"))
    s.ensure_schema()
    s.write(Graph(nodes=[LAB, FIRM, CHAIN], edges=[
        Edge(source=FIRM.id, target=LAB.id, type=RelType.HOSTS, evidence="光伏公司建设光伏实验室", doc="a.txt"),
        Edge(source=FIRM.id, target=CHAIN.id, type=RelType.BELONGS_TO, evidence="光伏公司属于光伏", doc="a.txt"),
    ]))
    yield s
    s.close()


ALL = [(queries.FILES, n) for n in queries.FILES.names()] + [
    (STATEMENTS, n) for n in STATEMENTS.names() if n != "delete_graph"] + [(STATEMENTS, "delete_graph")]


@pytest.mark.parametrize(("files", "name"), ALL, ids=[f"{f.package}.{n}" for f, n in ALL])
def test_query_runs(store: GraphStore, files: CypherFiles, name: str) -> None:
    missing = [p for p in files.params(name, store.backend) if p not in PLAUSIBLE]
    assert not missing, f"give test_all_queries.PLAUSIBLE a value for {missing}"
    cypher = files.text(name, store.backend)
    kwargs = {"label": Label.Lab if "__LABEL__" in cypher else None, "rel": RelType.HOSTS if "__TYPE__" in cypher else None}
    params = {p: PLAUSIBLE[p] for p in files.params(name, store.backend)}
    try:
        store.run(name, params, write=True, files=files, **kwargs)
    except QueryFailed as exc:  # an index that exists already is the schema query's goal reached
        if not name.startswith("create_index") or "already" not in str(exc).lower():
            raise


def test_every_query_file_says_its_params(backend: str) -> None:
    folders = [Path(queries.__file__).parent, Path(statements_init).parent]
    for path in (p for folder in folders for p in folder.glob("*.cypher")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("//"), f"{path.name} must open with a comment"
