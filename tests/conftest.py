"""Fixtures every test folder shares: where ../shared is, and a fresh real embedded store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.falkordb_store import FalkorStore
from graph.settings import Settings
from graph.store import open_store

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
