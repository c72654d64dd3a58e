"""Regions: which regions lie under a region, which organisations are in them, and a region's view.

A region covers the regions under it by administrative code (the division table shipped with
`cpca`: a province covers its cities and counties, a city its districts and counties) and the zones
or districts the graph places in it by LOCATED_IN, transitively. An organisation is in a region
when a LOCATED_IN edge puts it in one of the covered regions.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from pydantic import BaseModel, Field
from rapidfuzz import fuzz, process

from ecograph import queries
from ecograph.graph.divisions import divisions
from ecograph.graph.errors import NotFound
from ecograph.graph.model import Label
from ecograph.graph.store import GraphStore, Row
from ecograph.queries.models import EntityRef, Evidence
from ecograph.queries.tables import Table

ORGANISATIONS = ("Company", "Lab", "University", "Institute", "Program")
LABEL_ZH = {"Company": "企业", "Lab": "实验室/平台", "University": "高校", "Institute": "科研院所", "Program": "科技计划/基金",
            "Region": "地区", "IndustryChain": "产业链"}


@cache
def adcodes() -> dict[str, tuple[str, ...]]:
    """Name → administrative codes (12 digits) of every province, city and county in cpca's table;
    a county name shared by several cities has several codes."""
    out: dict[str, list[str]] = defaultdict(list)
    for name, code in divisions():
        out[name].append(code)
    return {name: tuple(codes) for name, codes in out.items()}


def prefix(code: str) -> str:
    """The part of a code that the regions under it share: 2 digits for a province, 4 for a city, 6 for a county."""
    for width in (2, 4, 6, 9):
        if not code[width:].strip("0"):
            return code[:width]
    return code


@dataclass(frozen=True)
class RegionNode:
    id: str
    name: str
    aliases: tuple[str, ...]
    parents: tuple[str, ...]

    @property
    def codes(self) -> tuple[str, ...]:
        table = adcodes()
        for name in (self.name, *self.aliases):
            if name in table:
                return table[name]
        return ()


def _regions(store: GraphStore) -> list[RegionNode]:
    return store.remembered(("regions",), lambda: [
        RegionNode(r["id"], r["name"], tuple(r["aliases"] or ()), tuple(r["parents"] or ()))
        for r in queries.run(store, "analytics_regions")
    ])


def find_region(store: GraphStore, name: str) -> RegionNode:
    """The region a user means: its name or an alias, with or without 省/市/县/区; NotFound suggests the closest."""
    regions = _regions(store)
    wanted = name.strip()
    for region in regions:
        if wanted == region.name or wanted in region.aliases:
            return region
    for region in regions:
        if region.name.rstrip("省市县区") == wanted.rstrip("省市县区") and wanted:
            return region
    names = [r.name for r in regions]
    hits = process.extract(wanted, names, scorer=fuzz.WRatio, limit=5, score_cutoff=50) if wanted else []
    raise NotFound(f"no region named {name!r}", [h[0] for h in hits])


def covered(store: GraphStore, root: RegionNode) -> list[RegionNode]:
    """The region and every region under it (by administrative code, then by LOCATED_IN, transitively)."""
    regions = _regions(store)
    prefixes = {prefix(c) for c in root.codes}
    inside = {root.id} | {r.id for r in regions if prefixes and any(c.startswith(p) for c in r.codes for p in prefixes)}
    children: dict[str, list[str]] = defaultdict(list)
    for r in regions:
        for parent in r.parents:
            children[parent].append(r.id)
    todo = list(inside)
    while todo:
        for child in children[todo.pop()]:
            if child not in inside:
                inside.add(child)
                todo.append(child)
    return [r for r in regions if r.id in inside]


class Located(BaseModel):
    """An organisation in a region, and the sentence that places it there."""

    entity: EntityRef
    region: str
    evidence: list[Evidence] = Field(default_factory=list)


@dataclass(frozen=True)
class Scope:
    """What a region filter keeps: the covered regions and the organisations located in them."""

    region: RegionNode
    regions: tuple[RegionNode, ...]
    members: dict[str, Located]

    def __contains__(self, entity_id: str) -> bool:
        return entity_id in self.members


def _scope(store: GraphStore, root: RegionNode) -> Scope:
    regions = covered(store, root)
    members: dict[str, Located] = {}
    rows: list[Row] = queries.run(store, "analytics_located_in", {"ids": [r.id for r in regions]})
    for row in rows:
        m = members.setdefault(row["id"], Located(entity=EntityRef(id=row["id"], label=row["label"], name=row["name"]),
                                                  region=row["region"]))
        if row["evidence"] and len(m.evidence) < 3:
            m.evidence.append(Evidence(type="LOCATED_IN", sentence=row["evidence"], doc=row["doc"]))
    return Scope(root, tuple(regions), members)


def region_scope(store: GraphStore, name: str | None) -> Scope | None:
    """The scope of `?region=name`, or None without a filter."""
    if name is None:
        return None
    root = find_region(store, name)
    return store.remembered(("scope", root.id), lambda: _scope(store, root))


class RegionChain(BaseModel):
    """One chain as a region holds it: how many of its organisations of each kind."""

    chain: str
    companies: int = 0
    labs: int = 0
    universities: int = 0
    institutes: int = 0
    programs: int = 0


class RegionGap(BaseModel):
    kind: str
    zh: str
    en: str
    chain: str | None = None


class RegionView(BaseModel):
    """A region's page: the regions it covers, its organisations, its chains and its gaps."""

    region: EntityRef
    covers: list[str]
    counts: dict[str, int]
    organisations: list[Located]
    chains: list[RegionChain]
    gaps: list[RegionGap]


_FIELD = {"Company": "companies", "Lab": "labs", "University": "universities", "Institute": "institutes", "Program": "programs"}


def _view(store: GraphStore, scope: Scope) -> RegionView:
    rows = queries.run(store, "analytics_member_chains", {"ids": sorted(scope.members)})
    per_chain: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in rows:
        label = scope.members[row["id"]].entity.label.value
        if label in _FIELD:
            per_chain[row["chain"]][_FIELD[label]].add(row["id"])
    chains = sorted(
        (RegionChain(chain=c, **{k: len(v) for k, v in kinds.items()}) for c, kinds in per_chain.items()),
        key=lambda c: (-(c.companies + c.labs + c.universities + c.institutes), c.chain),
    )
    counts = {label: sum(1 for m in scope.members.values() if m.entity.label.value == label) for label in ORGANISATIONS}
    name = scope.region.name
    gaps: list[RegionGap] = []
    for c in chains:
        if c.companies and not c.labs:
            gaps.append(RegionGap(kind="chain_without_lab", chain=c.chain,
                                  zh=f"{name}的{c.chain}产业链有 {c.companies} 家企业，但本地没有支撑它的实验室/平台",
                                  en=f"{c.chain}: {c.companies} companies in {name} but no supporting lab there"))
        if c.labs and not c.companies:
            gaps.append(RegionGap(kind="chain_without_company", chain=c.chain,
                                  zh=f"{name}有支撑{c.chain}产业链的实验室/平台，但没有本地企业承接成果（补链方向）",
                                  en=f"{c.chain}: labs in {name} but no local company to take up their results"))
    if not counts["Program"]:
        gaps.append(RegionGap(kind="no_program", zh=f"图谱中没有位于{name}的科技计划/基金",
                              en=f"no funding programme located in {name} in the graph"))
    orgs = sorted(scope.members.values(), key=lambda m: (ORGANISATIONS.index(m.entity.label.value)
                                                         if m.entity.label.value in ORGANISATIONS else 9, m.entity.name))
    return RegionView(region=EntityRef(id=scope.region.id, label=Label.Region, name=name),
                      covers=[r.name for r in scope.regions], counts=counts, organisations=orgs, chains=chains, gaps=gaps)


def region_view(store: GraphStore, name: str) -> RegionView:
    """A region's chains (counted from its organisations), its organisations and its gaps."""
    scope = region_scope(store, name)
    assert scope is not None
    return store.remembered(("region_view", scope.region.id), lambda: _view(store, scope))


class ComparedChain(BaseModel):
    chain: str
    a: RegionChain | None
    b: RegionChain | None


class RegionComparison(BaseModel):
    """Two regions side by side: counts, and each chain as each holds it."""

    a: RegionView
    b: RegionView
    chains: list[ComparedChain]
    only_a: list[str]
    only_b: list[str]


def compare_regions(store: GraphStore, a: str, b: str) -> RegionComparison:
    va, vb = region_view(store, a), region_view(store, b)
    ca, cb = {c.chain: c for c in va.chains}, {c.chain: c for c in vb.chains}
    names = list(dict.fromkeys([*ca, *cb]))
    return RegionComparison(
        a=va, b=vb, chains=[ComparedChain(chain=n, a=ca.get(n), b=cb.get(n)) for n in names],
        only_a=[n for n in ca if n not in cb], only_b=[n for n in cb if n not in ca],
    )


def search_in_region(store: GraphStore, region: str, q: str = "", label: str | None = None) -> list[Located]:
    """Organisations in a region whose name contains `q` (case-insensitive), optionally of one label."""
    scope = region_scope(store, region)
    assert scope is not None
    term = q.strip().lower()
    return sorted((m for m in scope.members.values()
                   if term in m.entity.name.lower() and (label is None or m.entity.label.value == label)),
                  key=lambda m: (m.entity.name != q, len(m.entity.name), m.entity.name))


_COUNTS = ["企业 companies", "实验室/平台 labs", "高校 universities", "科研院所 institutes", "科技计划/基金 programmes"]


def _chain_cells(c: RegionChain | None) -> list[int]:
    return [c.companies, c.labs, c.universities, c.institutes, c.programs] if c else [0] * 5


def region_tables(view: RegionView) -> list[Table]:
    return [
        Table("chains", f"{view.region.name} 产业链", ["产业链 chain", *_COUNTS],
              [[c.chain, *_chain_cells(c)] for c in view.chains]),
        Table("organisations", f"{view.region.name} 机构", ["名称 name", "类型 label", "id", "所在地 located in", "证据 evidence"],
              [[m.entity.name, LABEL_ZH.get(m.entity.label.value, m.entity.label.value), m.entity.id, m.region,
                [e.sentence for e in m.evidence]] for m in view.organisations]),
        Table("gaps", f"{view.region.name} 缺口", ["类型 kind", "产业链 chain", "缺口 gap", "gap (en)"],
              [[g.kind, g.chain or "", g.zh, g.en] for g in view.gaps]),
    ]


def comparison_tables(cmp: RegionComparison) -> list[Table]:
    a, b = cmp.a.region.name, cmp.b.region.name
    headers = ["产业链 chain", *(f"{a} {h}" for h in _COUNTS), *(f"{b} {h}" for h in _COUNTS)]
    return [Table("compare", f"{a} 与 {b} 对比", headers,
                  [[c.chain, *_chain_cells(c.a), *_chain_cells(c.b)] for c in cmp.chains])]
