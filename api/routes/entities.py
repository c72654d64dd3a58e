"""Entities: search by name, one entity with its evidence, its neighbourhood."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from ecograph.api.deps import StoreDep
from ecograph.graph.model import Label
from ecograph.queries import entities as read, models

router = APIRouter(prefix="/entities", tags=["entities"])
EntityId = Annotated[str, Path(min_length=1, max_length=200)]


@router.get("", response_model=models.EntityPage, summary="Search entities by name or alias")
def search_entities(
    store: StoreDep,
    q: Annotated[str, Query(min_length=1, max_length=100, description="substring of a name or alias, Simplified or Traditional")],
    label: Annotated[Label | None, Query(description="only entities of this label")] = None,
    limit: Annotated[int, Query(ge=1, le=models.MAX_PAGE)] = models.DEFAULT_PAGE,
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
) -> models.EntityPage:
    return read.search_entities(store, q, label, limit, offset)


@router.get("/{id}", response_model=models.EntityDetail, summary="One entity with every relationship and its evidence")
def entity_detail(id: EntityId, store: StoreDep) -> models.EntityDetail:
    return read.entity_detail(store, id)


@router.get("/{id}/neighbours", response_model=models.Neighbourhood, summary="Entities within 1-3 hops")
def neighbours(
    id: EntityId,
    store: StoreDep,
    depth: Annotated[int, Query(ge=1, le=models.MAX_DEPTH)] = 1,
    limit: Annotated[int, Query(ge=1, le=models.MAX_NEIGHBOURS, description="most nodes returned besides the centre")] = 100,
) -> models.Neighbourhood:
    return read.neighbours(store, id, depth, limit)
