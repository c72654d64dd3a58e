"""`/docs` (Swagger UI) and `/redoc` that work without internet and under a strict Content-Security-Policy.

FastAPI's own pages load Swagger UI and Redoc from a CDN and start Swagger with an inline script.
Here the bundles come from the `fastapi-offline` package (installed with ecograph, so nothing is
fetched at run time), the Swagger start-up is our own file viz/assets/swagger-init.js, and Redoc
starts itself from its `<redoc spec-url>` element: the pages run no inline script at all.
Redoc's bundle draws its maker's logo from their CDN; we serve it pointing at our own icon, so the
page asks nothing of any other host.
"""

from __future__ import annotations

from functools import cache
from html import escape
from importlib import resources

from fastapi import APIRouter, FastAPI, HTTPException, Request, Response
from fastapi.responses import HTMLResponse

STATIC = "/docs/static"
# The pages' own policy: scripts and styles from this server only (Swagger and Redoc set inline
# style attributes, and draw their icons from data: URLs); Redoc's search runs in a blob: worker.
POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; worker-src 'self' blob:; base-uri 'none'; form-action 'none'"
)
FILES = {  # name served under STATIC -> (package, media type)
    "swagger-ui-bundle.js": ("fastapi_offline", "text/javascript; charset=utf-8"),
    "swagger-ui.css": ("fastapi_offline", "text/css; charset=utf-8"),
    "redoc.standalone.js": ("fastapi_offline", "text/javascript; charset=utf-8"),
    "favicon.png": ("fastapi_offline", "image/png"),
    "swagger-init.js": ("ecograph.viz", "text/javascript; charset=utf-8"),
}

SWAGGER = """<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} · 接口文档 Swagger UI</title>
<link rel="stylesheet" href="{static}/swagger-ui.css">
<link rel="icon" href="{static}/favicon.png">
</head>
<body>
<noscript>接口文档需要启用 JavaScript（the API docs need JavaScript）。</noscript>
<div id="swagger-ui" data-openapi="{openapi}"></div>
<script src="{static}/swagger-ui-bundle.js"></script>
<script src="{static}/swagger-init.js"></script>
</body>
</html>
"""

REDOC = """<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} · 接口文档 Redoc</title>
<link rel="icon" href="{static}/favicon.png">
</head>
<body style="margin: 0">
<noscript>接口文档需要启用 JavaScript（the API docs need JavaScript）。</noscript>
<redoc spec-url="{openapi}"></redoc>
<script src="{static}/redoc.standalone.js"></script>
</body>
</html>
"""

router = APIRouter(include_in_schema=False)


REMOTE_LOGO = b'src:"https://cdn.redoc.ly/redoc/logo-mini.svg"'
LOCAL_LOGO = b'src:"' + STATIC.encode() + b'/favicon.png"'


@cache
def _file(name: str) -> bytes:
    package = FILES[name][0]
    folder = "static" if package == "fastapi_offline" else "assets"
    data = resources.files(package).joinpath(folder, name).read_bytes()
    return data.replace(REMOTE_LOGO, LOCAL_LOGO) if name == "redoc.standalone.js" else data


def _page(request: Request, template: str) -> HTMLResponse:
    root = request.scope.get("root_path", "")
    app = request.app
    html = template.format(
        title=escape(app.title), static=escape(root + STATIC), openapi=escape(root + (app.openapi_url or ""))
    )
    return HTMLResponse(html, headers={"Content-Security-Policy": POLICY, "X-Content-Type-Options": "nosniff"})


@router.get("/docs")
def swagger(request: Request) -> HTMLResponse:
    return _page(request, SWAGGER)


@router.get("/redoc")
def redoc(request: Request) -> HTMLResponse:
    return _page(request, REDOC)


@router.get(STATIC + "/{name}")
def static(name: str) -> Response:
    if name not in FILES:
        raise HTTPException(404, "no such file")
    return Response(_file(name), media_type=FILES[name][1], headers={"Cache-Control": "public, max-age=3600"})


def install(app: FastAPI) -> None:
    """Serve the docs on an app made with `docs_url=None, redoc_url=None`."""
    app.include_router(router)
