"""The seed graph in a real store and app (bench/served.py), and one headless chromium."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.served import serve, stored
from ecograph.graph.store import GraphStore
from ecograph.loaders.ingest import ingest_paths
from tests.conftest import SEEDS


@pytest.fixture(scope="session")
def seed_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder holding the five seed documents, ingested once for the whole session."""
    data = tmp_path_factory.mktemp("seeds") / "data"
    with stored(data) as store:
        report = ingest_paths([SEEDS], store)
        assert not report.failed, report.failed
    return data


@pytest.fixture(scope="session")
def seed_store(seed_dir: Path) -> Iterator[GraphStore]:
    with stored(seed_dir) as store:
        yield store


@pytest.fixture(scope="session")
def seed_app(seed_dir: Path, seed_store: GraphStore) -> Iterator[str]:
    with serve(seed_dir) as url:
        yield url

