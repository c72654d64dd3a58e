"""`create_app`: the FastAPI app over the configured store, errors mapped to HTTP once."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import Depends, FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from starlette.background import BackgroundTask

from ecograph.api import docs
from ecograph.api.cache import ResponseCache
from ecograph.api.deps import StoreHolder, require_read
from ecograph.api.routes import analytics, chains, changes, documents, entities, export, pages, paths, stats
from ecograph.api.schemas import ErrorBody
from ecograph.graph.errors import (
    DataDirError,
    DocumentError,
    EcographError,
    NotFound,
    QueryFailed,
    QueryNotFound,
    QueryTimeout,
    StoreUnavailable,
)
from ecograph.graph.settings import Settings
from ecograph.queries.chains import ChainCache

log = logging.getLogger("ecograph.api")
_ERRORS: dict[int | str, dict[str, Any]] = {404: {"model": ErrorBody}, 422: {"description": "bad parameters"}, 503: {"model": ErrorBody}}


def _status(exc: EcographError) -> int:
    if isinstance(exc, NotFound):
        return 404
    if isinstance(exc, StoreUnavailable | DataDirError):
        return 503
    if isinstance(exc, DocumentError):
        return 422
    if isinstance(exc, QueryTimeout):
        return 504
    return 500


async def _ecograph_error(request: Request, exc: Exception) -> JSONResponse:
    """The one place our errors become HTTP answers: a message and suggestions, never a trace."""
    assert isinstance(exc, EcographError)
    code = _status(exc)
    background = None
    if code == 503:
        # closing may wait for a stalled store: after the answer is sent, in the thread pool
        background = BackgroundTask(request.app.state.stores.drop)
        detail = f"存储不可用 / the graph store is unavailable: {str(exc).splitlines()[0]}"
    elif code == 504:
        detail = "the query took longer than the configured timeout (ECOGRAPH_QUERY_TIMEOUT_MS)"
    elif isinstance(exc, QueryFailed | QueryNotFound):
        log.error("query failed on %s: %s", request.url.path, exc)
        detail = "the graph store could not answer this query"
    else:
        detail = str(exc)
    body = ErrorBody(detail=detail, suggestions=getattr(exc, "suggestions", []))
    return JSONResponse(body.model_dump(), status_code=code, background=background)


def create_app(settings: Settings | None = None) -> FastAPI:
    """The API on the store `settings` choose (embedded FalkorDB by default, Neo4j when configured)."""
    settings = settings or Settings()
    holder = StoreHolder(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        try:
            await run_in_threadpool(holder.get)
        except EcographError as exc:  # serve anyway: requests answer 503 until the store is back
            log.warning("graph store unavailable at startup: %s", exc)
        yield
        await run_in_threadpool(holder.close)

    app = FastAPI(
        title="ecograph",
        summary="Knowledge graph of a regional innovation ecosystem: labs, companies, universities, chains.",
        version="0.1.0",
        docs_url=None, redoc_url=None,  # served offline by api/docs.py
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.stores = holder
    app.state.cache = ResponseCache()  # rendered answers of graph-only reads (api/cache.py)
    app.state.chains = ChainCache()  # chain snapshots until the graph changes (queries/chains.py)
    app.add_exception_handler(EcographError, _ecograph_error)
    read = [Depends(require_read)]
    for router in (chains.router, entities.router, paths.router, stats.router, export.router, documents.router,
                   changes.router):
        app.include_router(router, dependencies=read, responses=_ERRORS)
    app.include_router(analytics.router, dependencies=read, responses=_ERRORS)
    pages.install(app)
    docs.install(app)
    return app
