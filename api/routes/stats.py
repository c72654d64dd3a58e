"""What the graph holds."""

from __future__ import annotations

from fastapi import APIRouter

from ecograph.api.deps import StoreDep
from ecograph.queries import models, stats as read

router = APIRouter(tags=["stats"])


@router.get("/stats", response_model=models.Stats, summary="Counts by label and relationship type, documents ingested")
def stats(store: StoreDep) -> models.Stats:
    return read.stats(store)
