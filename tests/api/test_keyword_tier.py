"""The keyword part of "which labs support chain X" on a real store: it lists exactly the labs a plain
reading of every lab and sentence finds, follows incremental writes, and says when it is cut short."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.model import Edge, Graph, Label, Node, RelType
from graph.store import GraphStore
from queries import labs
from queries.chains import ChainCache, chain_labs
from queries.labs import matched, terms_of
from queries.models import ChainLabs, ChainRef, Tier
from tests.api.conftest import empty_store

CHAIN = Node.make(Label.IndustryChain, "光伏")
CAR = Node.make(Label.IndustryChain, "新能源汽车")
ENERGY = Node.make(Label.IndustryChain, "新能源")
MEMBER = Node.make(Label.Company, "甲光伏公司")
OTHER = Node.make(Label.Company, "乙公司")
UNI = Node.make(Label.University, "丙大学")
REGION = Node.make(Label.Region, "丁市")
STATED = Node.make(Label.Lab, "戊实验室")
HOSTED = Node.make(Label.Lab, "己实验室")
BY_NAME = Node.make(Label.Lab, "光伏材料重点实验室")
BY_TRAD = Node.make(Label.Lab, "太陽能電池工程研究中心")
BY_SENTENCE = Node.make(Label.Lab, "庚实验室")
BY_HOST = Node.make(Label.Lab, "辛实验室")
SHADOWED = Node.make(Label.Lab, "壬实验室")
VIA_REGION = Node.make(Label.Lab, "癸实验室")
NONE = Node.make(Label.Lab, "子实验室")


def _edge(source: Node, target: Node, rel: RelType, evidence: str) -> Edge:
    return Edge(source=source.id, target=target.id, type=rel, evidence=evidence, doc="a.txt")


GRAPH = Graph(
    nodes=[CHAIN, CAR, ENERGY, MEMBER, OTHER, UNI, REGION, STATED, HOSTED, BY_NAME, BY_TRAD, BY_SENTENCE, BY_HOST,
           SHADOWED, VIA_REGION, NONE],
    edges=[
        _edge(STATED, CHAIN, RelType.SUPPORTS, "戊实验室支撑光伏产业"),
        _edge(MEMBER, CHAIN, RelType.BELONGS_TO, "甲光伏公司深耕光伏"),
        _edge(MEMBER, HOSTED, RelType.HOSTS, "甲光伏公司建设己实验室"),
        _edge(OTHER, BY_SENTENCE, RelType.COOPERATES_WITH, "乙公司与庚实验室合作研发多晶硅"),
        _edge(UNI, BY_HOST, RelType.HOSTS, "丙大学依托建设辛实验室"),
        _edge(UNI, OTHER, RelType.COOPERATES_WITH, "丙大学与乙公司共建钙钛矿电池中试线"),
        _edge(OTHER, SHADOWED, RelType.COOPERATES_WITH, "乙公司与壬实验室合作发展新能源汽车"),
        _edge(REGION, VIA_REGION, RelType.HOSTS, "丁市建设癸实验室"),
        _edge(REGION, OTHER, RelType.LOCATED_IN, "丁市大力发展光伏"),
        _edge(OTHER, NONE, RelType.COOPERATES_WITH, "乙公司与子实验室签约"),
    ],
)


def _reference(graph: Graph, chain: Node) -> set[str]:
    """Keyword-only labs of `chain` by reading every lab and sentence in Python: what the store's
    keyword tier must list (the same `_matched` rule, no store query involved)."""
    chains = [ChainRef(id=n.id, name=n.name) for n in graph.nodes if n.label is Label.IndustryChain]
    terms, shadows = terms_of(next(c for c in chains if c.id == chain.id), chains)
    label = {n.id: n.label for n in graph.nodes}

    def hit(text: str) -> bool:
        return bool(matched(text, terms, shadows))

    labs = {n.id for n in graph.nodes if n.label is Label.Lab}
    found = {n.id for n in graph.nodes if n.id in labs and hit(n.name)}
    hosted_by = {e.target: set() for e in graph.edges}
    for e in graph.edges:
        if e.type is RelType.HOSTS and e.target in labs:
            hosted_by[e.target].add(e.source)
    for e in graph.edges:
        if hit(e.evidence):
            found |= {end for end in (e.source, e.target) if end in labs}
            for lab, hosts in hosted_by.items():
                if hosts & {end for end in (e.source, e.target) if label[end] is not Label.Region}:
                    found.add(lab)
    members = {e.source for e in graph.edges if e.target == chain.id and e.type in (RelType.BELONGS_TO, RelType.SUPPORTS)}
    linked = {e.source for e in graph.edges if e.target == chain.id and e.type is RelType.SUPPORTS}
    linked |= {e.target for e in graph.edges if e.type is RelType.HOSTS and e.source in members}
    return found - linked


def _keyword_labs(answer: ChainLabs) -> set[str]:
    first = answer.stated + answer.inferred - len(answer.labs)  # the whole list fits one page here
    assert first == 0
    hosted_or_stated = {x.lab.id for x in answer.labs if x.tier is Tier.stated or any(w.startswith("hosted by") for w in x.why)}
    return {x.lab.id for x in answer.labs} - hosted_or_stated


@pytest.fixture()
def store(backend: str, tmp_path: Path) -> Iterator[GraphStore]:
    s = empty_store(backend, tmp_path)
    s.ensure_schema()
    s.write(GRAPH)
    yield s
    s.close()


def test_keyword_tier_lists_what_a_full_reading_finds(store: GraphStore) -> None:
    answer = chain_labs(store, "光伏")
    expected = _reference(GRAPH, CHAIN)
    assert expected == {BY_NAME.id, BY_TRAD.id, BY_SENTENCE.id, BY_HOST.id}  # the cases this graph is built for
    assert _keyword_labs(answer) == expected
    assert answer.keyword_complete


def test_keyword_tier_follows_incremental_writes(store: GraphStore) -> None:
    cache = ChainCache()  # kept across the write, as the API keeps it
    assert chain_labs(store, "光伏", cache=cache).keyword_complete
    late = Node.make(Label.Lab, "丑实验室")
    more = Graph(nodes=[late, OTHER], edges=[_edge(OTHER, late, RelType.COOPERATES_WITH, "乙公司与丑实验室攻关逆变器")])
    store.write(more)
    answer = chain_labs(store, "光伏", cache=cache)
    merged = Graph(nodes=GRAPH.nodes + [late], edges=GRAPH.edges + more.edges)
    assert late.id in _reference(merged, CHAIN)
    assert _keyword_labs(answer) == _reference(merged, CHAIN)
    assert answer.keyword_complete


def test_a_keyword_tier_cut_short_says_so(store: GraphStore, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(labs, "MAX_KEYWORD_LABS", 2)
    answer = chain_labs(store, "光伏")
    assert not answer.keyword_complete
    assert len(_keyword_labs(answer)) <= 2


def test_only_a_timed_out_keyword_scan_reads_as_incomplete(store: GraphStore, monkeypatch: pytest.MonkeyPatch) -> None:
    """Labs the keywords do not match still make the scan read them: within its time it is whole,
    past it (the store raises QueryTimeout) the tier says it may miss labs."""
    store.write(Graph(nodes=[Node.make(Label.Lab, f"填充第{i}号实验室") for i in range(20_000)]))
    assert chain_labs(store, "光伏").keyword_complete
    monkeypatch.setattr(labs, "KEYWORD_SCAN_MS", 1)
    answer = chain_labs(store, "光伏")
    assert not answer.keyword_complete
    assert answer.stated == chain_labs(store, "光伏", limit=1).stated  # the other tiers are still counted
