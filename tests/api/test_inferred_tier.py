"""The inferred tier of "which labs support chain X" on a real store: a lab is inferred only from
sentences about itself and its host (hosted by a member of the chain and named with the chain's
terms), never from a sentence that lists it beside the chain's keywords; each sentence is cited
with its own document; counts equal the listed labs, also after an incremental write."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from ecograph.graph.model import Edge, Graph, Label, Node, RelType
from ecograph.graph.store import GraphStore
from ecograph.queries.chains import ChainCache, chain_ecosystem, chain_labs, list_chains
from ecograph.queries.models import ChainLabs, Tier
from tests.api.conftest import empty_store

CHAIN = Node.make(Label.IndustryChain, "光伏")
CAR = Node.make(Label.IndustryChain, "新能源汽车")
ENERGY = Node.make(Label.IndustryChain, "新能源")
MEMBER = Node.make(Label.Company, "甲光伏公司")
ENERGY_MEMBER = Node.make(Label.Company, "丁能源公司")
OTHER = Node.make(Label.Company, "乙公司")
STATED = Node.make(Label.Lab, "戊实验室")
HOSTED_NAMED = Node.make(Label.Lab, "光伏材料重点实验室")
HOSTED_TRAD = Node.make(Label.Lab, "太陽能電池工程研究中心")
HOSTED_UNNAMED = Node.make(Label.Lab, "己实验室")
LISTED = Node.make(Label.Lab, "庚实验室")
NAMED_ONLY = Node.make(Label.Lab, "光伏逆变器实验室")
SHADOWED = Node.make(Label.Lab, "新能源汽车电池实验室")


def _edge(source: Node, target: Node, rel: RelType, evidence: str, doc: str) -> Edge:
    return Edge(source=source.id, target=target.id, type=rel, evidence=evidence, doc=doc)


GRAPH = Graph(
    nodes=[CHAIN, CAR, ENERGY, MEMBER, ENERGY_MEMBER, OTHER, STATED, HOSTED_NAMED, HOSTED_TRAD, HOSTED_UNNAMED,
           LISTED, NAMED_ONLY, SHADOWED],
    edges=[
        _edge(STATED, CHAIN, RelType.SUPPORTS, "戊实验室支撑光伏产业", "a.txt"),
        _edge(MEMBER, CHAIN, RelType.BELONGS_TO, "甲光伏公司深耕光伏", "b.txt"),
        _edge(MEMBER, HOSTED_NAMED, RelType.HOSTS, "甲光伏公司建设光伏材料重点实验室", "c.txt"),
        _edge(MEMBER, HOSTED_TRAD, RelType.HOSTS, "甲光伏公司建設太陽能電池工程研究中心", "d.txt"),
        _edge(MEMBER, HOSTED_UNNAMED, RelType.HOSTS, "甲光伏公司建设己实验室", "c.txt"),
        _edge(OTHER, LISTED, RelType.COOPERATES_WITH, "乙公司与庚实验室、光伏企业合作研发多晶硅", "e.txt"),
        _edge(ENERGY_MEMBER, ENERGY, RelType.BELONGS_TO, "丁能源公司发展新能源", "f.txt"),
        _edge(ENERGY_MEMBER, SHADOWED, RelType.HOSTS, "丁能源公司建设新能源汽车电池实验室", "f.txt"),
    ],
)


@pytest.fixture()
def store(backend: str, tmp_path: Path) -> Iterator[GraphStore]:
    s = empty_store(backend, tmp_path)
    s.ensure_schema()
    s.write(GRAPH)
    yield s
    s.close()


def _by_tier(answer: ChainLabs, tier: Tier) -> set[str]:
    return {x.lab.name for x in answer.labs if x.tier is tier}


def test_inferred_labs_rest_on_their_host_and_their_own_name(store: GraphStore) -> None:
    answer = chain_labs(store, "光伏")
    assert _by_tier(answer, Tier.stated) == {STATED.name}
    # hosted by a member and named with the chain's terms (Traditional script too); not the lab
    # that is only listed in a sentence with 光伏, nor the one only named so, nor the unnamed one
    assert _by_tier(answer, Tier.inferred) == {HOSTED_NAMED.name, HOSTED_TRAD.name}
    assert (answer.stated, answer.inferred) == (1, 2)
    named = next(x for x in answer.labs if x.lab.name == HOSTED_NAMED.name)
    assert all(re.search(r"[\u4e00-\u9fff]", why) for why in named.why) and "依托单位" in named.why[0]
    cited = {(e.type, e.sentence, e.doc) for e in named.evidence}
    assert cited == {("HOSTS", "甲光伏公司建设光伏材料重点实验室", "c.txt"), ("BELONGS_TO", "甲光伏公司深耕光伏", "b.txt")}


def test_a_term_inside_another_chains_longer_name_is_not_a_hit(store: GraphStore) -> None:
    assert chain_labs(store, "新能源").labs == []
    assert chain_ecosystem(store, "新能源").gaps.no_lab


def test_counts_follow_incremental_writes_and_agree_everywhere(store: GraphStore) -> None:
    cache = ChainCache()  # kept across the write, as the API keeps it
    assert chain_labs(store, "光伏", cache=cache).inferred == 2
    late = Node.make(Label.Lab, "光伏组件中试基地")
    more = Graph(nodes=[late, MEMBER], edges=[_edge(MEMBER, late, RelType.HOSTS, "甲光伏公司建设光伏组件中试基地", "g.txt")])
    store.write(more)
    answer = chain_labs(store, "光伏", cache=cache)
    assert late.name in _by_tier(answer, Tier.inferred) and answer.inferred == 3
    summary = next(c for c in list_chains(store, cache) if c.name == "光伏")
    assert summary.labs == answer.stated + answer.inferred == len(chain_ecosystem(store, "光伏", cache).labs)


def test_pages_continue_each_other_across_the_tier_border(store: GraphStore) -> None:
    whole = chain_labs(store, "光伏")
    total = whole.stated + whole.inferred
    assert total == len(whole.labs) == 3
    pages = [chain_labs(store, "光伏", limit=1, offset=i) for i in range(total)]
    assert [p.labs[0] for p in pages] == whole.labs
    assert all((p.stated, p.inferred) == (whole.stated, whole.inferred) for p in pages)
    border = chain_labs(store, "光伏", limit=2, offset=whole.stated - 1)
    assert [x.tier for x in border.labs] == [Tier.stated, Tier.inferred]
    assert chain_labs(store, "光伏", limit=5, offset=total).labs == []
