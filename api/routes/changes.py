"""What changed since a run or a date: JSON, the page 本期新增 (`?format=html`) or CSV (`?format=csv`)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query, Response, status
from fastapi.responses import HTMLResponse

from ecograph.api.deps import StoreDep
from ecograph.queries import changes as read
from ecograph.viz.changes import render_changes
from ecograph.viz.pages import Links

router = APIRouter(tags=["changes"])


@router.get("/changes", response_model=read.Changes, summary="New and removed entities and relationships since a run or date",
            responses={200: {"content": {"text/html": {}, "text/csv": {}}}, 409: {"description": "store predates runs"}})
def changes(
    store: StoreDep,
    since: Annotated[str, Query(min_length=1, max_length=40, description="a run id (see /runs) or a date YYYY-MM-DD")],
    format: Annotated[Literal["json", "html", "csv"], Query(description="json (default), html (本期新增) or csv")] = "json",
    limit: Annotated[int, Query(ge=1, le=read.MAX_CHANGES, description="most changes of each kind listed")] = read.MAX_CHANGES,
) -> read.Changes | Response:
    try:
        result = read.changes(store, since, limit)
    except read.LegacyStore as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from exc
    if format == "html":
        return HTMLResponse(render_changes(result, Links()), headers={"X-Content-Type-Options": "nosniff"})
    if format == "csv":
        return Response("\ufeff" + read.to_csv(result), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": 'attachment; filename="changes.csv"'})
    return result


@router.get("/runs", response_model=list[read.RunInfo], summary="Every recorded ingest run, oldest first")
def runs(store: StoreDep) -> list[read.RunInfo]:
    return read.list_runs(store)
