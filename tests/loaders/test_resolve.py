"""Entity resolution: short/full, script, region prefix merge; parent and subsidiary stay apart."""

from __future__ import annotations

from ecograph.graph.model import Graph, Label, Node
from ecograph.loaders.pipeline import extract_texts
from ecograph.loaders.resolve import resolve


def _c(name: str, *aliases: str) -> Node:
    return Node.make(Label.Company, name, aliases=list(aliases), docs=["a.txt"])


def same_entity(a: Node, b: Node) -> bool:
    """Whether resolving two documents, one naming each node, leaves one entity."""
    return len(resolve([Graph(nodes=[a]), Graph(nodes=[b])]).nodes) == 1


def test_short_and_full_company_names_merge() -> None:
    assert same_entity(_c("中科潞安"), _c("山西中科潞安紫外光电科技有限公司"))
    assert same_entity(_c("凌燕"), _c("长治凌燕机械厂"))
    assert same_entity(_c("淮海"), _c("淮海集团"))
    assert same_entity(_c("高科華燁"), _c("高科华烨集团"))


def test_parent_and_subsidiary_stay_apart() -> None:
    assert not same_entity(_c("潞宝集团"), _c("潞宝兴海"))
    assert not same_entity(_c("潞安化工集团"), _c("潞安太阳能"))
    assert not same_entity(_c("振东制药"), _c("山西振东五和医养堂股份有限公司"))
    assert not same_entity(_c("高科华烨集团"), _c("华兴电子"))


def test_lab_names_differing_by_region_prefix_merge() -> None:
    a = Node.make(Label.Lab, "省全钒液流电池储能技术创新联合体")
    b = Node.make(Label.Lab, "开封全钒液流电池储能技术创新联合体")
    assert same_entity(a, b)


def test_resolve_keeps_fullest_name_known_ids_and_dedups_edges() -> None:
    known = Node(id="k1", label=Label.Company, name="中科潞安", docs=["old.txt"])
    g = resolve([Graph(nodes=[_c("山西中科潞安紫外光电科技有限公司")])], known=[known])
    assert len(g.nodes) == 1
    n = g.nodes[0]
    assert n.id == "k1" and n.name == "山西中科潞安紫外光电科技有限公司" and "中科潞安" in n.aliases
    assert set(n.docs) == {"old.txt", "a.txt"}


def test_traditional_and_pinyin_surfaces_are_kept_as_aliases(seeds: list[tuple[str, str]]) -> None:
    g = extract_texts(seeds)
    lab = next(n for n in g.nodes if n.name == "国家煤基合成工程技术研究中心")
    assert "國家煤基合成工程技術研究中心" in lab.aliases
    assert "國家煤基合成工程技術(shù)研究中心" in lab.aliases
    assert len(lab.docs) == 2
    region = next(n for n in g.nodes if n.name == "长治市")
    assert "我市" not in region.aliases
