"""Planner analytics: a chain's panorama and gaps, its key organisations, lab × chain coverage,
regions (one, two side by side, and search within one). Every answer is JSON by default and also
`?format=csv` (one table, `?table=` picks which), `?format=xlsx` (every table) and, for the pages,
`?format=html`. The read layer keeps each answer until the graph changes (GraphStore.remembered).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Path, Query, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse
from pydantic import BaseModel

from ecograph.api.deps import StoreDep
from ecograph.graph.model import Label
from ecograph.queries.coverage import Coverage, coverage, coverage_tables
from ecograph.queries.key_orgs import MAX_KEY, KeyOrganisations, key_organisations, key_tables
from ecograph.queries.regions import (
    Located,
    RegionComparison,
    RegionView,
    compare_regions,
    comparison_tables,
    region_tables,
    region_view,
    search_in_region,
)
from ecograph.queries.report import ChainReport, chain_report, report_tables
from ecograph.queries.tables import Table, pick, to_csv, to_xlsx
from ecograph.viz.report import render_coverage, render_region, render_report

router = APIRouter(tags=["analytics"])
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_TABLE_MEDIA: dict[str, dict[str, str]] = {"text/csv": {}, XLSX: {}, "text/html": {}}


class Format(StrEnum):
    json = "json"
    html = "html"
    csv = "csv"
    xlsx = "xlsx"


ChainName = Annotated[str, Path(min_length=1, max_length=100, description="chain name, alias or English name")]
RegionQ = Annotated[str | None, Query(min_length=1, max_length=100,
                                      description="only organisations in this region or a region under it (长治市, 山西省)")]
FormatQ = Annotated[Format, Query(description="json, html (a page), csv (one table) or xlsx (every table)")]
TableQ = Annotated[str | None, Query(max_length=40, description="which table a CSV holds (default: the first)")]


def _answer(fmt: Format, model: BaseModel, tables: Callable[[], Sequence[Table]], filename: str,
            table: str | None = None, page: Callable[[], str] | None = None) -> Response:
    if fmt is Format.csv:
        chosen = pick(tables(), table)
        return _download(to_csv(chosen), "text/csv; charset=utf-8", f"{filename}-{chosen.name}.csv")
    if fmt is Format.xlsx:
        return _download(to_xlsx(tables()), XLSX, f"{filename}.xlsx")
    if fmt is Format.html and page is not None:
        return HTMLResponse(page(), headers={"X-Content-Type-Options": "nosniff"})
    return Response(model.model_dump_json(), media_type="application/json")


def _download(body: bytes, media: str, filename: str) -> Response:
    disposition = f"attachment; filename=\"{filename.encode('ascii', 'replace').decode()}\"; filename*=UTF-8''{quote(filename)}"
    return Response(body, media_type=media, headers={"Content-Disposition": disposition})


@router.get("/chains/{name}/report", response_model=ChainReport, responses={200: {"content": _TABLE_MEDIA}},
            summary="A chain's panorama by segment and its gaps (补链)")
async def report(name: ChainName, store: StoreDep, region: RegionQ = None, format: FormatQ = Format.json,
                 table: TableQ = None) -> Response:
    def answer() -> Response:
        rep = chain_report(store, name, region)
        return _answer(format, rep, lambda: report_tables(rep), f"report-{rep.chain.name}", table,
                       lambda: render_report(rep, key_organisations(store, name, region)))
    return await run_in_threadpool(answer)


@router.get("/chains/{name}/key-organisations", response_model=KeyOrganisations,
            responses={200: {"content": _TABLE_MEDIA}}, summary="A chain's key organisations (链主/龙头), ranked with reasons")
async def key_orgs(name: ChainName, store: StoreDep, region: RegionQ = None, format: FormatQ = Format.json,
                   limit: Annotated[int, Query(ge=1, le=MAX_KEY)] = 50) -> Response:
    def answer() -> Response:
        result = key_organisations(store, name, region, limit)
        return _answer(format, result, lambda: key_tables(result), f"key-organisations-{result.chain.name}")
    return await run_in_threadpool(answer)


@router.get("/coverage", response_model=Coverage, responses={200: {"content": _TABLE_MEDIA}},
            summary="The lab × chain coverage matrix (CSV/Excel hold every lab)")
async def lab_coverage(store: StoreDep, region: RegionQ = None, format: FormatQ = Format.json,
                       limit: Annotated[int, Query(ge=1, le=1000)] = 100, offset: Annotated[int, Query(ge=0)] = 0,
                       table: TableQ = None) -> Response:
    def answer() -> Response:
        cov = coverage(store, region, limit, offset)
        return _answer(format, cov, lambda: coverage_tables(store, region), "coverage", table, lambda: render_coverage(cov))
    return await run_in_threadpool(answer)


@router.get("/regions/compare", response_model=RegionComparison, responses={200: {"content": _TABLE_MEDIA}},
            summary="Two regions side by side, chain by chain")
async def compare(a: Annotated[str, Query(min_length=1, max_length=100)], b: Annotated[str, Query(min_length=1, max_length=100)],
                  store: StoreDep, format: FormatQ = Format.json) -> Response:
    def answer() -> Response:
        cmp = compare_regions(store, a, b)
        return _answer(format, cmp, lambda: comparison_tables(cmp), f"compare-{cmp.a.region.name}-{cmp.b.region.name}")
    return await run_in_threadpool(answer)


@router.get("/regions/{name}", response_model=RegionView, responses={200: {"content": _TABLE_MEDIA}},
            summary="A region: its chains, organisations and gaps")
async def region(name: Annotated[str, Path(min_length=1, max_length=100)], store: StoreDep,
                 format: FormatQ = Format.json, table: TableQ = None) -> Response:
    def answer() -> Response:
        view = region_view(store, name)
        return _answer(format, view, lambda: region_tables(view), f"region-{view.region.name}", table,
                       lambda: render_region(view))
    return await run_in_threadpool(answer)


@router.get("/search/entities", response_model=list[Located], summary="Organisations in a region whose name contains q")
async def search(region: Annotated[str, Query(min_length=1, max_length=100)], store: StoreDep,
                 q: Annotated[str, Query(max_length=100)] = "", label: Label | None = None,
                 limit: Annotated[int, Query(ge=1, le=200)] = 50) -> Response:
    def answer() -> Response:
        hits = search_in_region(store, region, q, label.value if label else None)[:limit]
        return Response(b"[" + b",".join(h.model_dump_json().encode() for h in hits) + b"]", media_type="application/json")
    return await run_in_threadpool(answer)
