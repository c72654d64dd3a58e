"""The interface other stages call: extract_text, resolve, extract_texts."""

from __future__ import annotations

from ecograph.graph.model import Graph, Label, Node
from ecograph.loaders.pipeline import extract_text, extract_texts, resolve
from tests.loaders.conftest import seed


def _names(g: Graph) -> dict[str, Node]:
    return {n.name: n for n in g.nodes}


def test_extract_text_returns_graph_with_evidence_inside_clean_text() -> None:
    name, text = seed("001")
    g = extract_text(text, name)
    assert isinstance(g, Graph) and g.nodes and g.edges
    ids = {n.id for n in g.nodes}
    for e in g.edges:
        assert e.source in ids and e.target in ids
        assert e.doc == name and e.evidence and e.rule
        assert 0 <= e.start < e.end


def test_ids_are_stable_across_runs() -> None:
    name, text = seed("000")
    assert {n.id for n in extract_text(text, name).nodes} == {n.id for n in extract_text(text, name).nodes}


def test_resolve_merges_short_and_full_company_names_across_documents(seeds: list[tuple[str, str]]) -> None:
    g = extract_texts(seeds)
    n = _names(g)["山西中科潞安紫外光电科技有限公司"]
    assert "中科潞安" in n.aliases
    assert len(n.docs) == 3
    assert len({e.key for e in g.edges}) == len(g.edges)


def test_known_nodes_keep_their_ids_and_gain_aliases_and_docs() -> None:
    name, text = seed("000")
    known = Node(id="stored-1", label=Label.Company, name="中科潞安", docs=["old.txt"])
    g = resolve([extract_text(text, name)], known=[known])
    n = next(x for x in g.nodes if x.id == "stored-1")
    assert set(n.docs) >= {"old.txt", name}
    assert all(e.source in {x.id for x in g.nodes} for e in g.edges)


def test_empty_and_chrome_only_documents_give_empty_graphs() -> None:
    assert extract_text("", "e.txt") == Graph()
    assert extract_text("首页 > 新闻\n分享到: 我要打印\n", "e.txt") == Graph()
    assert extract_texts([]) == Graph()
