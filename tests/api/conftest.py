"""A real store loaded from the seed documents by the real ingest, and the real app over it.

The store is built once per session (ingest takes seconds) in its own data folder; each app
opens its own client on that folder, as `ecograph serve` would. With ECOGRAPH_NEO4J_URI set,
every test that uses these fixtures runs again against that Neo4j (which is wiped first).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from ecograph.api.app import create_app
from ecograph.graph.backends import open_store
from ecograph.graph.settings import Settings
from ecograph.graph.store import GraphStore
from ecograph.loaders.ingest import ingest_paths

SEEDS = Path(__file__).resolve().parents[2].parent / "shared/corpus/seeds"
TOKEN = "test-write-token"


def make_settings(backend: str, data_dir: Path, **extra: object) -> Settings:
    if backend == "neo4j":
        return Settings(backend="neo4j", neo4j_uri=os.environ["ECOGRAPH_NEO4J_URI"], data_dir=data_dir, **extra)
    return Settings(data_dir=data_dir, **extra)


def empty_store(backend: str, data_dir: Path) -> GraphStore:
    store = open_store(make_settings(backend, data_dir))
    store.run("delete_graph", write=True)
    return store


@pytest.fixture(scope="session", params=["falkordb", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def backend(request: pytest.FixtureRequest) -> str:
    if request.param == "neo4j" and not os.environ.get("ECOGRAPH_NEO4J_URI"):
        pytest.skip("ECOGRAPH_NEO4J_URI is not set")
    return str(request.param)


@pytest.fixture(scope="session")
def seed_dir(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Data folder of a store holding the five seed documents, ingested by loaders.ingest."""
    data_dir = tmp_path_factory.mktemp(f"seeds-{backend}")
    store = empty_store(backend, data_dir)
    report = ingest_paths([SEEDS], store)
    assert not report.failed, report.summary()
    yield data_dir
    store.close()


@pytest.fixture(scope="session")
def client(backend: str, seed_dir: Path) -> Iterator[TestClient]:
    """The real app over the seed store: reads open, writes with TOKEN."""
    app = create_app(make_settings(backend, seed_dir, api_token=SecretStr(TOKEN)))
    with TestClient(app) as c:
        yield c


def find(client: TestClient, name: str, label: str | None = None) -> dict[str, object]:
    """The entity whose name or alias is exactly `name` (searching as a user would)."""
    params = {"q": name, "limit": 50} | ({"label": label} if label else {})
    items = client.get("/entities", params=params).json()["items"]
    hits = [i for i in items if i["name"] == name or name in i["aliases"]]
    assert hits, f"{name} not in the seed graph"
    return hits[0]
