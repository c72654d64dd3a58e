"""How two entities are connected."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from ecograph.api.deps import StoreDep
from ecograph.queries import models, paths as read

router = APIRouter(tags=["paths"])


@router.get("/paths", response_model=models.PathsResult, summary="Shortest paths between two entities")
def paths(
    store: StoreDep,
    from_id: Annotated[str, Query(alias="from", min_length=1, max_length=200, description="entity id")],
    to_id: Annotated[str, Query(alias="to", min_length=1, max_length=200, description="entity id")],
    max_len: Annotated[int, Query(ge=1, le=models.MAX_PATH_LEN)] = 4,
    limit: Annotated[int, Query(ge=1, le=models.MAX_PATHS)] = 10,
) -> models.PathsResult:
    return read.paths(store, from_id, to_id, max_len, limit)
