"""What the graph holds."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import StoreDep
from queries import views

router = APIRouter(tags=["stats"])


@router.get("/stats", response_model=views.Stats, summary="Counts by label and relationship type, documents ingested")
def stats(store: StoreDep) -> views.Stats:
    return views.stats(store)
