"""The store interface on the real embedded FalkorDB: idempotent upserts, names, hostile text."""

from __future__ import annotations

import pytest

from ecograph import queries
from ecograph.graph.errors import QueryFailed, QueryTimeout
from ecograph.graph.falkordb_store import FalkorStore
from ecograph.graph.model import Document, Edge, Graph, Label, Node, RelType
from tests.conftest import iter_rows, stored_nodes

HOSTILE = "'}) DETACH DELETE n //\" <script>alert(1)</script>\u202e\x00\x07"


def _sample() -> Graph:
    uni = Node.make(Label.University, "浙江大学", aliases=["浙大"], docs=["a.txt"])
    lab = Node.make(Label.Lab, "双碳科创基地", docs=["a.txt"])
    chain = Node.make(Label.IndustryChain, "光伏", docs=["a.txt"], name_en="photovoltaic")
    edges = [
        Edge(source=uni.id, target=lab.id, type=RelType.HOSTS, evidence="浙江大学共同打造双碳科创基地", doc="a.txt"),
        Edge(source=lab.id, target=chain.id, type=RelType.SUPPORTS, evidence="双碳科创基地服务光伏产业", doc="a.txt",
             confidence=0.8, rule="test"),
    ]
    return Graph(nodes=[uni, lab, chain], edges=edges, documents=[Document(id="d1", path="a.txt", sha256="00ff")])


def _counts(store: FalkorStore) -> tuple[dict[str, int], dict[str, int], int]:
    labels = {r["label"]: r["count"] for r in queries.run(store, "count_by_label")}
    types = {r["type"]: r["count"] for r in queries.run(store, "count_by_type")}
    return labels, types, queries.run(store, "count_documents")[0]["documents"]


def test_schema_indexes_every_label_before_load(fresh_store: FalkorStore) -> None:
    indexed = {r["label"]: r["properties"] for r in fresh_store.run("list_indexes")}
    for label in Label:
        assert "id" in indexed[label.value]
    assert {"id", "name"} <= set(indexed["Entity"])
    assert {"id", "sha256"} <= set(indexed["Document"])


def test_writing_the_same_graph_twice_changes_nothing(fresh_store: FalkorStore) -> None:
    first = fresh_store.write(_sample())
    once = _counts(fresh_store)
    second = fresh_store.write(_sample())
    assert first == second
    assert _counts(fresh_store) == once == ({"University": 1, "Lab": 1, "IndustryChain": 1},
                                             {"HOSTS": 1, "SUPPORTS": 1}, 1)


def test_longest_name_wins_and_other_names_become_aliases(fresh_store: FalkorStore) -> None:
    short = Node.make(Label.Company, "振东制药", docs=["a.txt"])
    fresh_store.write(Graph(nodes=[short]))
    full = short.model_copy(update={"name": "山西振东制药股份有限公司", "aliases": ["振东"], "docs": ["b.txt"]})
    fresh_store.write(Graph(nodes=[full]))
    [node] = stored_nodes(fresh_store)
    assert node.id == short.id
    assert node.name == "山西振东制药股份有限公司"
    assert sorted(node.aliases) == ["振东", "振东制药"]
    assert node.docs == ["a.txt", "b.txt"]


def test_hostile_text_is_stored_as_data(fresh_store: FalkorStore) -> None:
    evil = Node.make(Label.Company, HOSTILE, docs=["x.txt"])
    other = Node.make(Label.Region, "长治市", docs=["x.txt"])
    edge = Edge(source=evil.id, target=other.id, type=RelType.LOCATED_IN, evidence=HOSTILE, doc="x.txt")
    fresh_store.write(Graph(nodes=[evil, other], edges=[edge]))
    names = {n.name for n in stored_nodes(fresh_store)}
    stored = HOSTILE.replace("\x00", "").replace("\x07", "")  # control characters cannot reach FalkorDB
    assert names == {stored, "长治市"}
    [row] = list(iter_rows(fresh_store, "list_edges"))
    assert row["evidence"] == stored


def test_large_batches_are_split(fresh_store: FalkorStore) -> None:
    fresh_store.batch_size = 7
    nodes = [Node.make(Label.Company, f"测试公司{i}有限公司", docs=["big.txt"]) for i in range(50)]
    hub = Node.make(Label.IndustryChain, "新材料", docs=["big.txt"])
    edges = [Edge(source=n.id, target=hub.id, type=RelType.BELONGS_TO, evidence=f"句子{i}", doc="big.txt")
             for i, n in enumerate(nodes)]
    summary = fresh_store.write(Graph(nodes=[*nodes, hub], edges=edges))
    assert (summary.nodes, summary.edges) == (51, 50)
    assert len(list(iter_rows(fresh_store, "list_entities", page=10))) == 51
    assert len(list(iter_rows(fresh_store, "list_edges", page=10))) == 50


def test_a_query_past_its_time_limit_raises_query_timeout(fresh_store: FalkorStore) -> None:
    """The store says a timeout by its class, so callers never match error text."""
    with pytest.raises(QueryTimeout):
        fresh_store._execute("UNWIND range(1, 100000000) AS x RETURN count(x)", {}, write=False, timeout_ms=1)
    with pytest.raises(QueryFailed) as failed:
        fresh_store._execute("RETURN nosuchfunction(1)", {}, write=False, timeout_ms=None)
    assert not isinstance(failed.value, QueryTimeout)
