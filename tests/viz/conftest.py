"""A real app on a real embedded store, served by uvicorn on a loopback port, and one headless chromium."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import uvicorn

from api.app import create_app
from graph.model import Graph
from graph.settings import Settings
from graph.store import GraphStore, open_store
from loaders.ingest import ingest_paths
from tests.conftest import SEEDS
from tests.viz.chromium import Chromium, chromium_path

# Drawn when the map reports its first frame; pages without a map are ready when loaded.
READY = "document.readyState === 'complete' && (!document.getElementById('graph') || (window.ecograph && window.ecograph.drawn))"


@contextmanager
def serve(data_dir: Path) -> Iterator[str]:
    """The real ecograph app over the store in `data_dir`, on a free 127.0.0.1 port; yields its base URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(Settings(data_dir=data_dir)), log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the app did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


@contextmanager
def stored(data_dir: Path, *graphs: Graph) -> Iterator[GraphStore]:
    store = open_store(Settings(data_dir=data_dir))
    try:
        for graph in graphs:
            store.write(graph)
        yield store
    finally:
        store.close()


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


@pytest.fixture(scope="session")
def browser() -> Iterator[Chromium]:
    binary = chromium_path()
    if binary is None:
        pytest.skip("chromium is not installed (CI installs Debian's `chromium`; apt-get install chromium)")
    with Chromium(binary) as chromium:
        yield chromium
