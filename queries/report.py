"""A chain's panorama for planners: its members placed in the chain's segments (环节), and its gaps (补链).

Members are those of the chain's ecosystem (queries/list_chain_links): companies that belong to it,
labs, universities and institutes that support it, labs its members host, the hosts of its labs and
the programmes funding any of them. Each is placed in the taxonomy's segments (graph/taxonomy.py)
by the segment keywords found in its name (strong) or in the sentences of its relationships (the
products a document describes); one that matches none inherits the segments of the members it
hosts, is hosted by or funds. Every placement carries the keyword and the sentence it came from.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from pydantic import BaseModel, Field

from ecograph import queries
from ecograph.graph.store import GraphStore, Row
from ecograph.graph.taxonomy import Segment
from ecograph.queries.chain_names import resolve_chain, taxonomy_entry
from ecograph.queries.models import ChainRef, EntityRef, Evidence
from ecograph.queries.regions import LABEL_ZH, Scope, region_scope
from ecograph.queries.tables import Table

UNPLACED = "未归入环节"
_GROUP = {"Company": "companies", "Lab": "labs", "University": "academia", "Institute": "academia", "Program": "programs"}
_CLAUSE = re.compile(r"[，,；;。！？!?]")
_NAME_WEIGHT = 3  # a keyword in the name says more about what an organisation makes than one in a sentence about it


@dataclass
class ChainData:
    """What one chain's analytics read from the store: its ecosystem rows and every relationship of its members."""

    chain: ChainRef
    links: list[Row]
    edges: list[Row]

    @property
    def ids(self) -> set[str]:
        return {r["id"] for r in self.links}


def chain_data(store: GraphStore, name: str) -> ChainData:
    """The rows of a chain's analytics, read once per graph version (shared by the report and the ranking)."""
    chain = resolve_chain(store, name)

    def read() -> ChainData:
        links = queries.run(store, "list_chain_links", {"ids": [chain.id]})
        ids = sorted({r["id"] for r in links})
        return ChainData(chain, links, queries.run(store, "analytics_member_edges", {"ids": ids}) if ids else [])

    return store.remembered(("chain_data", chain.id), read)


class Placement(BaseModel):
    """Why a member sits in a segment: the keyword and where it was found."""

    segment: str
    keyword: str
    source: str = Field(description="name, evidence, or inherited (from a member it hosts, is hosted by or funds)")
    sentence: str | None = None
    doc: str | None = None


class ReportMember(BaseModel):
    entity: EntityRef
    via: list[str] = Field(description="how it is in the chain: BELONGS_TO, SUPPORTS, HOSTED_BY_MEMBER, HOSTS_SUPPORTING_LAB, FUNDS_MEMBER")
    segments: list[str]
    placements: list[Placement]
    evidence: list[Evidence] = Field(description="the sentences that put it in the chain")


class SegmentView(BaseModel):
    """One segment with the members placed in it."""

    stage: str
    name: str
    keywords: list[str]
    companies: list[ReportMember] = Field(default_factory=list)
    labs: list[ReportMember] = Field(default_factory=list)
    academia: list[ReportMember] = Field(default_factory=list, description="universities and institutes")
    programs: list[ReportMember] = Field(default_factory=list)


class Gap(BaseModel):
    """One gap a planner acts on, in Chinese with English beside it."""

    kind: str
    zh: str
    en: str
    segment: str | None = None
    entities: list[EntityRef] = Field(default_factory=list)


class ChainReport(BaseModel):
    chain: ChainRef
    region: str | None
    segments: list[SegmentView]
    unplaced: SegmentView
    counts: dict[str, int]
    gaps: list[Gap]


def _place(name: str, sentences: list[tuple[str, str | None]], segments: tuple[Segment, ...]) -> list[Placement]:
    """The best-scoring segments for a member: keywords in its name count _NAME_WEIGHT, in a sentence one each."""
    score: dict[str, int] = defaultdict(int)
    found: dict[str, list[Placement]] = defaultdict(list)
    parts = [(_about(sentence, name), sentence, doc) for sentence, doc in sentences]
    for seg in segments:
        for kw in seg.keywords:
            if kw in name:
                score[seg.name] += _NAME_WEIGHT
                found[seg.name].append(Placement(segment=seg.name, keyword=kw, source="name"))
            for part, sentence, doc in parts:
                if kw in part:
                    score[seg.name] += 1
                    if len(found[seg.name]) < 3:
                        found[seg.name].append(Placement(segment=seg.name, keyword=kw, source="evidence", sentence=sentence, doc=doc))
    if not score:
        return []
    best = max(score.values())
    return [p for seg in segments if score.get(seg.name) == best for p in found[seg.name]]


def _about(sentence: str, name: str) -> str:
    """The part of a sentence about `name`: its clause and the next one, or the whole sentence when the
    name is not written out (a short form)."""
    clauses = _CLAUSE.split(sentence)
    for i, clause in enumerate(clauses):
        if name in clause or (len(name) > 4 and name[:4] in clause):
            return "，".join(clauses[i:i + 2])
    return sentence


def _build(store: GraphStore, name: str, scope: Scope | None) -> ChainReport:
    data = chain_data(store, name)
    entry = taxonomy_entry(data.chain)
    segments = entry.segments if entry else ()
    members: dict[str, ReportMember] = {}
    for row in data.links:
        if scope is not None and row["id"] not in scope:
            continue
        m = members.setdefault(row["id"], ReportMember(entity=EntityRef(id=row["id"], label=row["label"], name=row["name"]),
                                                       via=[], segments=[], placements=[], evidence=[]))
        if row["via"] not in m.via:
            m.via.append(row["via"])
        if row["evidence"] and len(m.evidence) < 3 and all(e.sentence != row["evidence"] for e in m.evidence):
            m.evidence.append(Evidence(type=row["via"], sentence=row["evidence"], doc=row["doc"], confidence=row["confidence"]))
    sentences: dict[str, list[tuple[str, str | None]]] = defaultdict(list)
    linked: dict[str, set[str]] = defaultdict(set)  # host ↔ lab, programme → members it funds
    for row in data.links:
        if row["evidence"]:
            sentences[row["id"]].append((row["evidence"], row["doc"]))
    for row in data.edges:
        if row["evidence"]:
            sentences[row["id"]].append((row["evidence"], row["doc"]))
        if row["type"] == "HOSTS" or (row["direction"] == "out" and row["type"] == "FUNDS"):
            linked[row["id"]].add(row["other"])
    for m in members.values():
        m.placements = _place(m.entity.name, list(dict.fromkeys(sentences[m.entity.id])), segments)
        m.segments = list(dict.fromkeys(p.segment for p in m.placements))
    for m in members.values():  # without a segment of its own: a host or lab takes the other's, a funder its grantees'
        if not m.segments:
            inherited = dict.fromkeys(s for other in linked[m.entity.id] if other in members for s in members[other].segments)
            m.segments = list(inherited)
            m.placements = [Placement(segment=s, keyword="", source="inherited") for s in inherited]
    views = {s.name: SegmentView(stage=s.stage, name=s.name, keywords=list(s.keywords)) for s in segments}
    unplaced = SegmentView(stage="", name=UNPLACED, keywords=[])
    for m in sorted(members.values(), key=lambda m: m.entity.name):
        group = _GROUP.get(m.entity.label.value)
        if group is None:
            continue
        for seg in m.segments or [UNPLACED]:
            getattr(views.get(seg, unplaced), group).append(m)
    counts = {g: len({m.entity.id for m in members.values() if _GROUP.get(m.entity.label.value) == g})
              for g in ("companies", "labs", "academia", "programs")}
    region = scope.region.name if scope else None
    return ChainReport(chain=data.chain, region=region, segments=list(views.values()), unplaced=unplaced,
                       counts=counts, gaps=_gaps(data, members, list(views.values()), counts, region))


def _gaps(data: ChainData, members: dict[str, ReportMember], segments: list[SegmentView],
          counts: dict[str, int], region: str | None) -> list[Gap]:
    chain = data.chain.name
    where, where_en = (f"{region}", f"in {region}") if region else ("本地", "local")
    gaps: list[Gap] = []
    lab_ids = {m.entity.id for m in members.values() if m.entity.label.value == "Lab"}
    lab_partners: dict[str, set[str]] = defaultdict(set)  # member → labs it hosts or cooperates with
    hosted: set[str] = set()
    for row in data.edges:
        if row["other"] in lab_ids and row["type"] in ("HOSTS", "COOPERATES_WITH"):
            lab_partners[row["id"]].add(row["other"])
        if row["id"] in lab_ids and row["type"] == "HOSTS" and row["direction"] == "in":
            hosted.add(row["id"])
    unplaced = sum(1 for m in members.values() if m.entity.label.value == "Company" and not m.segments)
    note_zh = f"；另有 {unplaced} 家企业未能归入任何环节，请核实" if unplaced else ""
    note_en = f" ({unplaced} companies could not be placed in any segment; check them)" if unplaced else ""
    for seg in segments:
        if not seg.companies:
            gaps.append(Gap(kind="segment_without_company", segment=seg.name,
                            zh=f"{chain}产业链「{seg.stage}·{seg.name}」环节没有{where}企业（补链招商方向）{note_zh}",
                            en=f"{chain}: no {where_en} company in the {seg.name} segment ({seg.stage}); a target to attract{note_en}"))
        elif not seg.labs and not any(lab_partners[c.entity.id] for c in seg.companies):
            gaps.append(Gap(kind="segment_without_lab", segment=seg.name, entities=[c.entity for c in seg.companies],
                            zh=f"{chain}产业链「{seg.stage}·{seg.name}」环节有 {len(seg.companies)} 家企业，但没有支撑它的实验室/平台",
                            en=f"{chain}: {len(seg.companies)} companies in the {seg.name} segment but no lab supporting it"))
    orphans = [members[i].entity for i in sorted(lab_ids - hosted, key=lambda i: members[i].entity.name)]
    if orphans:
        gaps.append(Gap(kind="lab_without_host", entities=orphans,
                        zh=f"{chain}产业链有 {len(orphans)} 个实验室/平台在图谱中没有依托单位",
                        en=f"{len(orphans)} labs of the {chain} chain have no host in the graph"))
    if not counts["programs"]:
        gaps.append(Gap(kind="no_program", zh=f"{chain}产业链没有任何科技计划/基金资助其成员",
                        en=f"no funding programme supports any member of the {chain} chain"))
    for group, zh, en in (("labs", "实验室/平台", "lab"), ("companies", "企业", "company")):
        if counts[group] == 1:
            only = next(m.entity for m in members.values() if _GROUP.get(m.entity.label.value) == group)
            gaps.append(Gap(kind=f"single_{en}", entities=[only],
                            zh=f"{chain}产业链只依靠一家{zh}（{only.name}），存在单点风险",
                            en=f"the {chain} chain rests on a single {en} ({only.name})"))
    return gaps


def chain_report(store: GraphStore, name: str, region: str | None = None) -> ChainReport:
    """The chain's panorama by segment, with its gaps; `region` keeps only the organisations located there."""
    scope = region_scope(store, region)
    chain = chain_data(store, name).chain
    key = ("report", chain.id, scope.region.id if scope else None)
    return store.remembered(key, lambda: _build(store, name, scope))


_GROUP_ZH = {"companies": "企业", "labs": "实验室/平台", "academia": "高校/院所", "programs": "科技计划/基金"}


def report_tables(report: ChainReport) -> list[Table]:
    rows = []
    for seg in [*report.segments, report.unplaced]:
        for group, zh in _GROUP_ZH.items():
            for m in getattr(seg, group):
                basis = [f"{p.keyword}（{'名称' if p.source == 'name' else '继承' if p.source == 'inherited' else '证据'}）"
                         for p in m.placements if p.segment == seg.name]
                rows.append([seg.stage, seg.name, zh, m.entity.name, LABEL_ZH.get(m.entity.label.value, ""), m.entity.id,
                             m.via, basis, [e.sentence for e in m.evidence]])
    return [
        Table("members", f"{report.chain.name} 产业链全景", ["环节阶段 stage", "环节 segment", "类别 group", "名称 name",
              "类型 label", "id", "关系 via", "归段依据 placed by", "证据 evidence"], rows),
        Table("gaps", f"{report.chain.name} 补链缺口", ["类型 kind", "环节 segment", "缺口 gap", "gap (en)", "相关机构 entities"],
              [[g.kind, g.segment or "", g.zh, g.en, [e.name for e in g.entities]] for g in report.gaps]),
    ]
