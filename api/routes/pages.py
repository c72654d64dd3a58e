"""HTML pages for browsers at the API's own paths, and the same pages written to disk.

The JSON API owns `/chains/{name}` and `/entities/{id}`. A browser asks for `text/html` first,
so `install` adds a middleware that sends such GETs (and `/`, and any `?format=html`) to the
page routes under the internal `/pages` prefix; every other client keeps getting JSON. The page
scripts and styles are ecograph's own files under `/static`, so nothing comes from a CDN.

Data comes only from queries/views.py; viz/ turns it into HTML.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Annotated
from urllib.parse import parse_qs

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Query, Response
from fastapi.responses import HTMLResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from api.deps import StoreDep, require_read
from graph.errors import NotFound
from graph.store import GraphStore
from queries import views
from viz import pages
from viz.pages import Links

PREFIX = "/pages"
ASSETS = {
    "vis-network.min.js": "text/javascript; charset=utf-8",
    "vis-network.css": "text/css; charset=utf-8",
    "ecograph.js": "text/javascript; charset=utf-8",
    "ecograph.css": "text/css; charset=utf-8",
    "LICENSE-vis-network.txt": "text/plain; charset=utf-8",
}
_REWRITTEN = re.compile(r"^/(chains|entities)/[^/]+$")
_SERVED = Links()

router = APIRouter(prefix=PREFIX, include_in_schema=False, dependencies=[Depends(require_read)])
assets = APIRouter(prefix="/static", include_in_schema=False)


# ---------------------------------------------------------------- pages from the store


def edges_among(store: GraphStore, ids: Iterable[str]) -> list[views.PathEdge]:
    """The stored relationships among a set of entities, with their evidence."""
    rows = store.run("list_edges_among", {"ids": sorted(ids)})
    return [
        views.PathEdge(key=r["key"], type=r["type"], source=r["source"], target=r["target"],
                       evidence=r["evidence"], doc=r["doc"])
        for r in rows
    ]


def index_html(store: GraphStore, links: Links, entities: Iterable[views.EntityRef] = ()) -> str:
    return pages.render_index(views.list_chains(store), views.stats(store), links, list(entities))


def chain_html(store: GraphStore, name: str, links: Links) -> str:
    eco = views.chain_ecosystem(store, name)
    scene = pages.chain_scene(eco, links)
    return pages.render_chain(eco, scene, edges_among(store, (n.id for n in scene.nodes)), links)


def entity_html(store: GraphStore, entity_id: str, links: Links) -> str:
    detail = views.entity_detail(store, entity_id)
    hood = views.neighbours(store, entity_id, depth=1, limit=views.MAX_NEIGHBOURS)
    return pages.render_entity(detail, hood, links)


def render_site(store: GraphStore, directory: Path) -> int:
    """Write every page as static files that open from disk; returns how many pages were written.

    The scripts are written once under assets/ and linked relatively, rather than inlined into
    each page: an inlined vis-network would add 690 KB to every entity page.
    """
    (directory / "chains").mkdir(parents=True, exist_ok=True)
    (directory / "entities").mkdir(exist_ok=True)
    (directory / "assets").mkdir(exist_ok=True)
    for name in ASSETS:
        (directory / "assets" / name).write_bytes(_asset(name))
    entities = [views.EntityRef(id=r["id"], label=r["label"], name=r["name"]) for r in views.iter_whole_graph(store)[0]]
    (directory / "index.html").write_text(index_html(store, Links(static=True), entities), encoding="utf-8")
    written = 1
    nested = Links(static=True, depth=1)
    for chain in views.list_chains(store):
        html = chain_html(store, chain.name, nested)
        (directory / "chains" / pages.chain_filename(chain.name)).write_text(html, encoding="utf-8")
        written += 1
    for entity in entities:
        html = entity_html(store, entity.id, nested)
        (directory / "entities" / pages.entity_filename(entity.id)).write_text(html, encoding="utf-8")
        written += 1
    return written


# ---------------------------------------------------------------- routes


def _page(html: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(html, status_code=status, headers={"X-Content-Type-Options": "nosniff"})


def _not_found(exc: NotFound) -> HTMLResponse:
    return _page(pages.render_not_found(str(exc), exc.suggestions, _SERVED), 404)


@router.get("/index")
def index_page(store: StoreDep) -> HTMLResponse:
    return _page(index_html(store, _SERVED))


@router.get("/search")
def search_page(store: StoreDep, q: Annotated[str, Query(max_length=100)] = "") -> HTMLResponse:
    return _page(pages.render_search(views.search_entities(store, q, limit=views.MAX_PAGE), _SERVED))


@router.get("/chains/{name}")
def chain_page(name: str, store: StoreDep) -> HTMLResponse:
    try:
        return _page(chain_html(store, name, _SERVED))
    except NotFound as exc:
        return _not_found(exc)


@router.get("/entities/{entity_id}")
def entity_page(entity_id: str, store: StoreDep) -> HTMLResponse:
    try:
        return _page(entity_html(store, entity_id, _SERVED))
    except NotFound as exc:
        return _not_found(exc)


@cache
def _asset(name: str) -> bytes:
    return resources.files("viz").joinpath("assets", name).read_bytes()


@assets.get("/{name}")
def asset(name: str) -> Response:
    if name not in ASSETS:
        raise HTTPException(404, "no such asset")
    return Response(_asset(name), media_type=ASSETS[name], headers={"Cache-Control": "public, max-age=3600"})


# ---------------------------------------------------------------- content negotiation


def _quality(accept: str, kinds: tuple[str, ...]) -> float:
    """The highest q the Accept header gives any of these media types (exact ranges only)."""
    best = 0.0
    for item in accept.split(","):
        kind, *params = (part.strip() for part in item.split(";"))
        if kind.lower() not in kinds:
            continue
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        best = max(best, q)
    return best


def wants_page(path: str, accept: str, query: str) -> bool:
    """Whether a GET should get the HTML page rather than the JSON answer."""
    if path in ("/", "/search"):
        return True
    if not _REWRITTEN.match(path):
        return False
    fmt = parse_qs(query).get("format", [""])[-1]
    if fmt:
        return fmt == "html"
    html = _quality(accept, ("text/html", "application/xhtml+xml"))
    return html > 0 and html >= _quality(accept, ("application/json",))


class PageRewrite:
    """ASGI middleware: route browser GETs of `/`, `/search`, `/chains/x` and `/entities/x` to the pages."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] in ("GET", "HEAD"):
            headers = dict(scope["headers"])
            accept = headers.get(b"accept", b"").decode("latin-1")
            query = scope.get("query_string", b"").decode("latin-1")
            if wants_page(scope["path"], accept, query):
                path = "/index" if scope["path"] == "/" else scope["path"]
                raw = b"/index" if scope["path"] == "/" else scope.get("raw_path") or path.encode()
                scope = {**scope, "path": PREFIX + path, "raw_path": PREFIX.encode() + raw}
        await self.app(scope, receive, send)


def install(app: FastAPI) -> None:
    """Add the pages, their assets and the rewrite to an app made by `create_app`."""
    app.include_router(router)
    app.include_router(assets)
    app.add_middleware(PageRewrite)
