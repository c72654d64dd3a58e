"""Content negotiation: browsers get HTML pages at the API's own paths, every other client JSON.

The JSON API owns `/chains/{name}` and `/entities/{id}`. A browser asks for `text/html` first, so
`PageRewrite` sends such GETs (and `/`, `/search`, and any `?format=html`) to the page routes
under the internal `PREFIX`.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs

from starlette.types import ASGIApp, Receive, Scope, Send

PREFIX = "/pages"
_REWRITTEN = re.compile(r"^/(chains|entities)/[^/]+$")


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
