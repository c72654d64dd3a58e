"""HTML pages for browsers at the API's own paths (api/negotiation.py routes browsers here).

The page scripts and styles are ecograph's own files under `/static`, so nothing comes from a CDN.
Data comes only from queries/, through viz.site; viz/ turns it into HTML.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Query, Response
from fastapi.responses import HTMLResponse

from ecograph.api.deps import ChainCacheDep, StoreDep, require_read
from ecograph.api.negotiation import PREFIX, PageRewrite
from ecograph.graph.errors import NotFound
from ecograph.graph.model import Label
from ecograph.queries.entities import search_entities
from ecograph.queries.models import MAX_PAGE
from ecograph.viz import pages
from ecograph.viz.pages import Links
from ecograph.viz.site import ASSETS, asset, chain_html, entity_html, index_html

_SERVED = Links()

router = APIRouter(prefix=PREFIX, include_in_schema=False, dependencies=[Depends(require_read)])
assets = APIRouter(prefix="/static", include_in_schema=False)


def _page(html: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(html, status_code=status, headers={"X-Content-Type-Options": "nosniff"})


def _not_found(exc: NotFound) -> HTMLResponse:
    return _page(pages.render_not_found(str(exc), exc.suggestions, _SERVED), 404)


@router.get("/index")
def index_page(store: StoreDep, chains: ChainCacheDep, all: bool = False) -> HTMLResponse:
    return _page(index_html(store, _SERVED, show_all=all, chains=chains))


@router.get("/search")
def search_page(store: StoreDep, q: Annotated[str, Query(max_length=100)] = "", label: str = "") -> HTMLResponse:
    try:
        kind = Label(label) if label else None
    except ValueError:
        kind = None
    return _page(pages.render_search(search_entities(store, q, kind, limit=MAX_PAGE), _SERVED))


@router.get("/chains/{name}")
def chain_page(name: str, store: StoreDep, chains: ChainCacheDep) -> HTMLResponse:
    try:
        return _page(chain_html(store, name, _SERVED, chains))
    except NotFound as exc:
        return _not_found(exc)


@router.get("/entities/{entity_id}")
def entity_page(entity_id: str, store: StoreDep) -> HTMLResponse:
    try:
        return _page(entity_html(store, entity_id, _SERVED))
    except NotFound as exc:
        return _not_found(exc)


@assets.get("/{name}")
def static_asset(name: str) -> Response:
    if name not in ASSETS:
        raise HTTPException(404, "no such asset")
    return Response(asset(name), media_type=ASSETS[name], headers={"Cache-Control": "public, max-age=3600"})


def install(app: FastAPI) -> None:
    """Add the pages, their assets and the rewrite to an app made by `create_app`."""
    app.include_router(router)
    app.include_router(assets)
    app.add_middleware(PageRewrite)
