"""Key organisations of a chain (链主/龙头/核心平台): a ranking a planner can check, reason by reason.

The score comes from the chain's subgraph (its ecosystem's organisations and the relationships among
them, queries.report.chain_data): weighted degree (hosting a lab counts most, then cooperation, then
funding) and PageRank over the same weights, each scaled to the best of the chain, plus a bonus for
every document whose sentence about the organisation calls it 链主, 龙头 or 链核.
"""

from __future__ import annotations

from collections import defaultdict

import networkx as nx
from pydantic import BaseModel, Field

from ecograph import queries
from ecograph.graph.store import GraphStore, Row
from ecograph.queries.models import ChainRef, EntityRef
from ecograph.queries.regions import LABEL_ZH, region_scope
from ecograph.queries.report import chain_data
from ecograph.queries.tables import Table

WEIGHTS = {"HOSTS": 3.0, "COOPERATES_WITH": 2.0, "FUNDS": 1.0, "BELONGS_TO": 0.0, "SUPPORTS": 0.0, "LOCATED_IN": 0.0}
LEAD_WORDS = ("链主", "龙头", "链核", "领军企业")
LEAD_BONUS = 0.5  # per document naming it a lead: as much as half the best degree
RANKED = ("Company", "Lab", "University", "Institute")
MAX_KEY = 200


class KeyOrganisation(BaseModel):
    rank: int
    entity: EntityRef
    score: float
    weighted_degree: float
    pagerank: float
    hosts_labs: list[str] = Field(description="labs (or institutes) of the chain it hosts")
    cooperates_with: list[str] = Field(description="members of the chain it cooperates with")
    hosted_by: list[str] = Field(description="members of the chain hosting it (for a lab)")
    funded_by: list[str]
    lead_docs: list[str] = Field(description="documents whose sentence about it calls it 链主/龙头/链核")
    reasons: list[str]
    reasons_en: list[str]


class KeyOrganisations(BaseModel):
    chain: ChainRef
    region: str | None
    method: str
    total: int
    items: list[KeyOrganisation]


def _leads(store: GraphStore, rows: list[Row], members: dict[str, EntityRef]) -> dict[str, set[str]]:
    """Member → the documents whose sentence about it (naming it or an alias) calls it a lead."""
    said = [r for r in rows if r["doc"] and r["evidence"] and any(w in r["evidence"] for w in LEAD_WORDS)]
    ids = sorted({r["id"] for r in said if r["id"] in members})
    names = {r["id"]: (r["name"], *(r["aliases"] or ())) for r in queries.run(store, "list_entities_by_ids", {"ids": ids})} if ids else {}
    out: dict[str, set[str]] = defaultdict(set)
    for r in said:
        if any(n and n in r["evidence"] for n in names.get(r["id"], ())):
            out[r["id"]].add(r["doc"])
    return out


def _rank(store: GraphStore, name: str, region: str | None, limit: int) -> KeyOrganisations:
    data = chain_data(store, name)
    scope = region_scope(store, region)
    members = {r["id"]: EntityRef(id=r["id"], label=r["label"], name=r["name"]) for r in data.links}
    graph = nx.Graph()
    graph.add_nodes_from(members)
    hosts: dict[str, set[str]] = defaultdict(set)
    partners: dict[str, set[str]] = defaultdict(set)
    funders: dict[str, set[str]] = defaultdict(set)
    hosted_by: dict[str, set[str]] = defaultdict(set)
    leads = _leads(store, data.links + data.edges, members)
    for row in data.edges:
        me, other = row["id"], row["other"]
        if other not in members or other == me:
            continue
        kind = row["type"]
        if kind == "HOSTS" and row["direction"] == "out":
            hosts[me].add(members[other].name)
        elif kind == "HOSTS" and row["direction"] == "in":
            hosted_by[me].add(members[other].name)
        elif kind == "COOPERATES_WITH":
            partners[me].add(members[other].name)
        elif kind == "FUNDS" and row["direction"] == "in":
            funders[me].add(members[other].name)
        weight = WEIGHTS.get(kind, 0.0)
        if weight and row["direction"] == "out":
            previous = graph.get_edge_data(me, other, {"weight": 0.0})["weight"]
            graph.add_edge(me, other, weight=previous + weight)
    degree = dict(graph.degree(weight="weight"))
    rank = nx.pagerank(graph, weight="weight") if graph.number_of_edges() else {n: 0.0 for n in graph}
    top_degree, top_rank = max(degree.values(), default=0.0) or 1.0, max(rank.values(), default=0.0) or 1.0
    items: list[KeyOrganisation] = []
    for node, ref in members.items():
        if ref.label.value not in RANKED or (scope is not None and node not in scope):
            continue
        score = degree[node] / top_degree + rank[node] / top_rank + LEAD_BONUS * len(leads[node])
        items.append(KeyOrganisation(
            rank=0, entity=ref, score=round(score, 4), weighted_degree=degree[node], pagerank=round(rank[node], 6),
            hosts_labs=sorted(hosts[node]), cooperates_with=sorted(partners[node]), hosted_by=sorted(hosted_by[node]), funded_by=sorted(funders[node]),
            lead_docs=sorted(leads[node]), reasons=[], reasons_en=[],
        ))
    items.sort(key=lambda k: (-k.score, k.entity.name))
    for i, item in enumerate(items, 1):
        item.rank = i
        _explain(item)
    return KeyOrganisations(chain=data.chain, region=scope.region.name if scope else None,
                            method="weighted degree (HOSTS 3, COOPERATES_WITH 2, FUNDS 1) + PageRank, each scaled "
                                   f"to the chain's best, + {LEAD_BONUS} per document naming it 链主/龙头/链核",
                            total=len(items), items=items[:limit])


def _explain(item: KeyOrganisation) -> None:
    """The reasons, in Chinese with English beside, in the order the score weighs them."""
    if item.hosts_labs:
        item.reasons.append(f"依托/牵头建设本链 {len(item.hosts_labs)} 个实验室/平台或院所（{'、'.join(item.hosts_labs[:3])}）")
        item.reasons_en.append(f"hosts {len(item.hosts_labs)} labs of the chain")
    if item.cooperates_with:
        item.reasons.append(f"与本链 {len(item.cooperates_with)} 个成员合作（{'、'.join(item.cooperates_with[:3])}）")
        item.reasons_en.append(f"cooperates with {len(item.cooperates_with)} members")
    if item.lead_docs:
        item.reasons.append(f"在 {len(item.lead_docs)} 份文件中被称为链主/龙头")
        item.reasons_en.append(f"named 链主/龙头 in {len(item.lead_docs)} documents")
    if item.hosted_by:
        item.reasons.append(f"由本链成员{'、'.join(item.hosted_by[:3])}依托建设")
        item.reasons_en.append(f"hosted by {len(item.hosted_by)} members of the chain")
    if item.funded_by:
        item.reasons.append(f"获 {len(item.funded_by)} 个科技计划/基金资助")
        item.reasons_en.append(f"funded by {len(item.funded_by)} programmes")
    if not item.reasons:
        item.reasons.append("仅以成员身份出现在本链中，图谱中没有与其他成员的关系")
        item.reasons_en.append("a member with no relationship to other members in the graph")


def key_organisations(store: GraphStore, name: str, region: str | None = None, limit: int = 50) -> KeyOrganisations:
    """The chain's organisations ranked by how central they are in its subgraph, with the reasons."""
    chain = chain_data(store, name).chain
    scope = region_scope(store, region)
    limit = max(1, min(limit, MAX_KEY))
    return store.remembered(("key", chain.id, scope.region.id if scope else None, limit),
                    lambda: _rank(store, name, region, limit))


def key_tables(result: KeyOrganisations) -> list[Table]:
    return [Table("key_organisations", f"{result.chain.name} 关键机构", ["排名 rank", "名称 name", "类型 label", "id", "得分 score",
                  "加权度 weighted degree", "PageRank", "理由 reasons", "reasons (en)"],
                  [[k.rank, k.entity.name, LABEL_ZH.get(k.entity.label.value, ""), k.entity.id, k.score,
                    k.weighted_degree, k.pagerank, k.reasons, k.reasons_en] for k in result.items])]
