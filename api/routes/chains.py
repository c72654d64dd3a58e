"""Industry chains: the list, "which labs support chain X", and a chain's ecosystem.

Their answers depend only on the graph, so each is rendered to JSON once and then served from the
app's response cache (api/cache.py) until the graph changes; `response_model` still documents and
produced the bytes, and errors (404 for an unknown chain) are never cached.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response
from pydantic import TypeAdapter

from api.deps import CacheDep, StoreDep
from queries import views

router = APIRouter(prefix="/chains", tags=["chains"])
ChainName = Annotated[
    str,
    Path(min_length=1, max_length=100, description="canonical name, alias, Traditional script or English (光伏, 光伏產業, photovoltaic)"),
]
_SUMMARIES = TypeAdapter(list[views.ChainSummary])


@router.get("", response_model=list[views.ChainSummary], summary="Every industry chain with counts")
async def list_chains(store: StoreDep, cache: CacheDep) -> Response:
    return await cache.answer(store, ("chains",), lambda: _SUMMARIES.dump_json(views.list_chains(store)))


@router.get("/{name}/labs", response_model=views.ChainLabs, summary="Labs that support a chain, stated then inferred")
async def chain_labs(
    name: ChainName,
    store: StoreDep,
    cache: CacheDep,
    limit: Annotated[int, Query(ge=1, le=views.MAX_PAGE, description="labs per page")] = views.MAX_PAGE,
    offset: Annotated[int, Query(ge=0, description="labs to skip")] = 0,
) -> Response:
    return await cache.answer(store, ("labs", name, limit, offset),
                        lambda: views.chain_labs(store, name, limit, offset).model_dump_json().encode())


@router.get("/{name}", response_model=views.ChainEcosystem, summary="A chain's ecosystem and its gaps")
async def chain_ecosystem(name: ChainName, store: StoreDep, cache: CacheDep) -> Response:
    return await cache.answer(store, ("ecosystem", name), lambda: views.chain_ecosystem(store, name).model_dump_json().encode())
