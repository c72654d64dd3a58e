"""Coverage: the lab × chain matrix. Which chains are well served by labs, which labs serve several chains.

A lab serves a chain when it SUPPORTS it (stated) or its host belongs to or supports it (hosted).
"""

from __future__ import annotations

from collections import defaultdict

from pydantic import BaseModel, Field

from ecograph import queries
from ecograph.graph.store import GraphStore
from ecograph.queries.regions import region_scope
from ecograph.queries.tables import Table

MAX_LABS = 1000
_NAMES_PER_READ = 20_000


class ChainCoverage(BaseModel):
    chain: str
    labs: int
    stated: int
    hosted: int = Field(description="labs only linked through their host")


class LabCoverage(BaseModel):
    id: str
    name: str
    chains: dict[str, str] = Field(description="chain → stated or hosted")


class Coverage(BaseModel):
    region: str | None
    chains: list[ChainCoverage] = Field(description="the matrix's columns, best served first")
    total_labs: int
    multi_chain_labs: int = Field(description="labs serving two chains or more")
    limit: int
    offset: int
    labs: list[LabCoverage] = Field(description="the matrix's rows (one page), labs serving most chains first, then by id")


Matrix = tuple[list[ChainCoverage], list[tuple[str, dict[str, str]]]]


def _matrix(store: GraphStore, region: str | None) -> Matrix:
    """The chain totals and every lab's cells (lab id, chain → tier), labs serving most chains first.
    Labs are named only when shown (a page, or the tables): at a million nodes naming them all costs seconds."""
    scope = region_scope(store, region)
    names = {r["n"]: r["name"] for r in queries.run(store, "analytics_chain_ids")}
    cells: dict[str, dict[str, str]] = defaultdict(dict)
    for tier in ("hosted", "stated"):  # stated last: it wins a cell both give
        for row in queries.run(store, f"analytics_labs_{tier}"):
            if scope is None or row["lab"] in scope:
                cells[row["lab"]].update((names[n], tier) for n in row["chains"])
    per_chain: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for chains in cells.values():
        for chain, tier in chains.items():
            per_chain[chain][0 if tier == "stated" else 1] += 1
    totals = sorted((ChainCoverage(chain=c, labs=s + h, stated=s, hosted=h) for c, (s, h) in per_chain.items()),
                    key=lambda c: (-c.labs, c.chain))
    return totals, sorted(cells.items(), key=lambda item: (-len(item[1]), item[0]))


def _named(store: GraphStore, rows: list[tuple[str, dict[str, str]]]) -> list[LabCoverage]:
    names: dict[str, str] = {}
    ids = [lab for lab, _ in rows]
    for i in range(0, len(ids), _NAMES_PER_READ):
        names.update((r["id"], r["name"]) for r in queries.run(store, "list_entities_by_ids", {"ids": ids[i:i + _NAMES_PER_READ]}))
    return [LabCoverage(id=lab, name=names.get(lab, lab), chains=chains) for lab, chains in rows]


def _kept(store: GraphStore, region: str | None) -> Matrix:
    scope = region_scope(store, region)
    return store.remembered(("coverage", scope.region.id if scope else None), lambda: _matrix(store, region))


def coverage(store: GraphStore, region: str | None = None, limit: int = 100, offset: int = 0) -> Coverage:
    """The matrix (one page of labs), computed once per graph version and region."""
    scope = region_scope(store, region)
    chains, rows = _kept(store, region)
    limit, offset = max(1, min(limit, MAX_LABS)), max(0, offset)
    return Coverage(region=scope.region.name if scope else None, chains=chains, total_labs=len(rows),
                    multi_chain_labs=sum(1 for _, cells in rows if len(cells) > 1), limit=limit, offset=offset,
                    labs=_named(store, rows[offset:offset + limit]))


_TIER_ZH = {"stated": "明述", "hosted": "依托单位"}


def coverage_tables(store: GraphStore, region: str | None = None) -> list[Table]:
    """The whole matrix (every lab) and the chain totals."""
    chains, cells = _kept(store, region)
    rows = _named(store, cells)
    names = [c.chain for c in chains]
    return [
        Table("matrix", "实验室 × 产业链 覆盖矩阵", ["实验室/平台 lab", "id", "服务产业链数 chains", *names],
              [[r.name, r.id, len(r.chains), *(_TIER_ZH.get(r.chains.get(n, ""), "") for n in names)] for r in rows]),
        Table("chains", "各产业链的实验室覆盖", ["产业链 chain", "实验室 labs", "明述 stated", "经依托单位 hosted"],
              [[c.chain, c.labs, c.stated, c.hosted] for c in chains]),
    ]
