"""Fixtures every test folder shares: where ../shared is, and a fresh real embedded store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bench.chromium import Chromium, chromium_path
from bench.served import READY
from ecograph import queries
from ecograph.graph.backends import open_store
from ecograph.graph.export import iter_entities
from ecograph.graph.falkordb_store import FalkorStore
from ecograph.graph.model import Label, Node
from ecograph.graph.settings import Settings
from ecograph.graph.store import GraphStore, Row

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
GOLD = SHARED / "gold" / "seeds.json"
SCORER = SHARED / "eval" / "score_graph.py"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.fail(f"the seed corpus is missing: {SEEDS} (clone the repo beside ../shared)")
    return SEEDS


@pytest.fixture
def fresh_store(tmp_path: Path) -> Iterator[FalkorStore]:
    """A real embedded FalkorDB in this test's own data folder, stopped afterwards."""
    store = open_store(Settings(data_dir=tmp_path / "data"))
    assert isinstance(store, FalkorStore)
    yield store
    store.close()


def iter_rows(store: GraphStore, name: str, page: int = 5000, **params: Any) -> Iterator[Row]:
    """Every row of a `$skip`/`$limit` read query of queries/, page by page."""
    skip = 0
    while True:
        rows = queries.run(store, name, {**params, "skip": skip, "limit": page})
        yield from rows
        if len(rows) < page:
            return
        skip += page


def stored_nodes(store: GraphStore) -> list[Node]:
    """Every entity in the store as a Node (what a test compares or resolves against)."""
    return [Node(id=r["id"], label=Label(r["label"]), name=r["name"], aliases=r["aliases"] or [],
                 docs=r["docs"] or [], name_en=r["name_en"]) for r in iter_entities(store)]


@pytest.fixture(scope="session")
def browser() -> Iterator[Chromium]:
    """One headless chromium for every page test of the session."""
    binary = chromium_path()
    if binary is None:
        pytest.skip("chromium is not installed (CI installs Debian's `chromium`; apt-get install chromium)")
    with Chromium(binary) as chromium:
        yield chromium


def load(browser: Chromium, url: str, shot: Path) -> None:
    """Open a page, wait until its map (if any) has drawn, screenshot it, and check it stayed clean:
    no console error, no request beyond localhost, no dialog."""
    log = browser.open(url, READY)
    browser.screenshot(shot)
    assert log.errors == [], log.errors
    assert log.remote_requests == [], log.remote_requests
    assert log.dialogs == [], log.dialogs
