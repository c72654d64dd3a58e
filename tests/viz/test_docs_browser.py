"""/docs and /redoc in a real headless chromium: they render from our own server, with no inline script."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from bench.chromium import Chromium

pytestmark = pytest.mark.browser


def test_swagger_ui_lists_the_operations_offline(browser: Chromium, seed_app: str, tmp_path: Path) -> None:
    log = browser.open(seed_app + "/docs", "document.querySelectorAll('.opblock').length > 0")
    browser.screenshot(tmp_path / "swagger.png")
    paths = browser.evaluate("[...document.querySelectorAll('.opblock-summary-path')].map(e => e.innerText)")
    assert any(p.startswith("/chains") for p in paths), paths
    assert log.errors == [], log.errors
    assert log.remote_requests == [], log.remote_requests
    assert log.dialogs == []


def test_redoc_shows_the_title_offline(browser: Chromium, seed_app: str, tmp_path: Path) -> None:
    log = browser.open(seed_app + "/redoc", "document.querySelector('.api-info h1')")
    browser.screenshot(tmp_path / "redoc.png")
    assert browser.evaluate("document.querySelector('.api-info h1').innerText").startswith("ecograph")
    assert log.errors == [], log.errors
    assert log.remote_requests == [], log.remote_requests


def test_docs_pages_run_no_inline_script_under_a_strict_policy(seed_app: str) -> None:
    for path in ("/docs", "/redoc"):
        page = httpx.get(seed_app + path)
        assert page.status_code == 200
        policy = page.headers["content-security-policy"]
        assert "script-src 'self';" in policy and "unsafe-eval" not in policy
        assert "<script>" not in page.text and "https://" not in page.text
    assert httpx.get(seed_app + "/docs/static/../app.py").status_code == 404


def test_no_docs_file_names_another_host(seed_app: str) -> None:
    for name in ("swagger-ui-bundle.js", "swagger-ui.css", "redoc.standalone.js", "swagger-init.js"):
        body = httpx.get(f"{seed_app}/docs/static/{name}").text
        assert "cdn.redoc.ly" not in body and "cdn.jsdelivr" not in body and "fonts.googleapis" not in body, name
