"""Pages over HTTP without a browser: who gets HTML and who keeps JSON, and no remote URL in any page."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from bench.chromium import is_local
from ecograph.api.app import create_app
from ecograph.cli import cli
from ecograph.graph.settings import Settings
from ecograph.graph.store import GraphStore
from ecograph.queries.chains import chain_ecosystem, list_chains
from ecograph.queries.export import iter_whole_graph

BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
URL = re.compile(r"""(?:https?|wss?)://[^\s"'<>)]+""")


@pytest.fixture(scope="module")
def client(seed_dir: Path, seed_store: GraphStore) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(data_dir=seed_dir))) as client:
        yield client


def remote_urls(html: str) -> list[str]:
    return [url for url in URL.findall(html) if not is_local(url)]


@pytest.mark.parametrize(
    ("path", "accept", "html"),
    [
        ("/", "application/json", True),
        ("/chains/现代煤化工", BROWSER_ACCEPT, True),
        ("/chains/现代煤化工", "application/json", False),
        ("/chains/现代煤化工", "*/*", False),
        ("/chains/现代煤化工?format=html", "*/*", True),
        ("/chains/现代煤化工?format=json", BROWSER_ACCEPT, False),
        ("/chains/现代煤化工/labs", BROWSER_ACCEPT, False),
        ("/chains", BROWSER_ACCEPT, False),
    ],
)
def test_browsers_get_pages_and_api_clients_keep_json(client: TestClient, path: str, accept: str, html: bool) -> None:
    response = client.get(path, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html" if html else "application/json")


def test_unknown_chain_is_an_html_404_with_suggestions(client: TestClient) -> None:
    response = client.get("/chains/现代煤化?format=html")
    assert response.status_code == 404
    assert "text/html" in response.headers["content-type"]
    assert "现代煤化工" in response.text


def test_no_page_refers_to_anything_off_this_machine(client: TestClient, seed_store: GraphStore) -> None:
    lab = chain_ecosystem(seed_store, "现代煤化工").labs[0].lab
    for path in ("/", "/chains/现代煤化工", "/chains/光伏", f"/entities/{lab.id}", "/search?q=实验室"):
        page = client.get(path, headers={"Accept": BROWSER_ACCEPT}).text
        assert remote_urls(page) == [], path
    for asset in ("ecograph.js", "ecograph.css", "vis-network.css"):
        assert remote_urls(client.get(f"/static/{asset}").text) == [], asset


def test_render_writes_pages_with_relative_links_that_resolve(seed_dir: Path, seed_store: GraphStore, tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = CliRunner().invoke(cli, ["render", str(out)], env={"ECOGRAPH_DATA_DIR": str(seed_dir)})
    assert result.exit_code == 0, result.output
    chains = list_chains(seed_store)
    assert {p.stem for p in (out / "chains").iterdir()} == {c.name for c in chains}
    pages = list(out.rglob("*.html"))
    assert len(pages) == 1 + len(chains) + sum(1 for _ in iter_whole_graph(seed_store)[0])
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert remote_urls(html) == [], page
        for href in re.findall(r'(?:href|src)="([^"#]+)"', html):
            if href.startswith("data:"):
                continue
            assert not href.startswith("/"), (page, href)
            assert (page.parent / unquote(href)).resolve().is_file(), (page, href)
