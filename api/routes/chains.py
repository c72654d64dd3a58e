"""Industry chains: the list, "which labs support chain X", and a chain's ecosystem.

Their answers depend only on the graph, so each is rendered to JSON once and then served from the
app's response cache (api/cache.py) until the graph changes; `response_model` still documents and
produced the bytes, and errors (404 for an unknown chain) are never cached.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response
from pydantic import TypeAdapter

from ecograph.api.deps import CacheDep, ChainCacheDep, StoreDep
from ecograph.queries import chains as read
from ecograph.queries.models import MAX_PAGE, ChainEcosystem, ChainLabs, ChainSummary

router = APIRouter(prefix="/chains", tags=["chains"])
ChainName = Annotated[
    str,
    Path(min_length=1, max_length=100, description="canonical name, alias, Traditional script or English (光伏, 光伏產業, photovoltaic)"),
]
_SUMMARIES = TypeAdapter(list[ChainSummary])


@router.get("", response_model=list[ChainSummary], summary="Every industry chain with counts")
async def list_chains(store: StoreDep, cache: CacheDep) -> Response:
    return await cache.answer(store, ("chains",), lambda: _SUMMARIES.dump_json(read.list_chains(store)))


@router.get("/{name}/labs", response_model=ChainLabs, summary="Labs that support a chain, stated then inferred")
async def chain_labs(
    name: ChainName,
    store: StoreDep,
    cache: CacheDep,
    chains: ChainCacheDep,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE, description="labs per page")] = MAX_PAGE,
    offset: Annotated[int, Query(ge=0, description="labs to skip")] = 0,
) -> Response:
    return await cache.answer(store, ("labs", name, limit, offset),
                        lambda: read.chain_labs(store, name, limit, offset, chains).model_dump_json().encode())


@router.get("/{name}", response_model=ChainEcosystem, summary="A chain's ecosystem and its gaps")
async def chain_ecosystem(name: ChainName, store: StoreDep, cache: CacheDep, chains: ChainCacheDep) -> Response:
    return await cache.answer(store, ("ecosystem", name),
                              lambda: read.chain_ecosystem(store, name, chains).model_dump_json().encode())
