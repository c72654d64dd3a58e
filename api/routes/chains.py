"""Industry chains: the list, "which labs support chain X", and a chain's ecosystem."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from api.deps import StoreDep
from queries import views

router = APIRouter(prefix="/chains", tags=["chains"])
ChainName = Annotated[
    str,
    Path(min_length=1, max_length=100, description="canonical name, alias, Traditional script or English (光伏, 光伏產業, photovoltaic)"),
]


@router.get("", response_model=list[views.ChainSummary], summary="Every industry chain with counts")
def list_chains(store: StoreDep) -> list[views.ChainSummary]:
    return views.list_chains(store)


@router.get("/{name}/labs", response_model=views.ChainLabs, summary="Labs that support a chain, stated then inferred")
def chain_labs(
    name: ChainName,
    store: StoreDep,
    limit: Annotated[int, Query(ge=1, le=views.MAX_PAGE, description="labs per page")] = views.MAX_PAGE,
    offset: Annotated[int, Query(ge=0, description="labs to skip")] = 0,
) -> views.ChainLabs:
    return views.chain_labs(store, name, limit, offset)


@router.get("/{name}", response_model=views.ChainEcosystem, summary="A chain's ecosystem and its gaps")
def chain_ecosystem(name: ChainName, store: StoreDep) -> views.ChainEcosystem:
    return views.chain_ecosystem(store, name)
