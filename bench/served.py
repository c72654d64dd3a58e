"""A real app on a real embedded store, served by uvicorn on a loopback port (benchmarks and tests)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn

from ecograph.api.app import create_app
from ecograph.graph.backends import open_store
from ecograph.graph.model import Graph
from ecograph.graph.settings import Settings
from ecograph.graph.store import GraphStore

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
