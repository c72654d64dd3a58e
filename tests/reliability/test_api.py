"""Issue 7 item 4 over real HTTP: tokens on writes (and reads when configured), body limits,
schemathesis against the OpenAPI schema with zero server errors, and a short bounded load run.

Each test has its own seed store, served by uvicorn in a child process on 127.0.0.1 (bench/api_load.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from bench.api_load import run_load, serving
from ecograph.graph.backends import open_store
from ecograph.graph.settings import Settings
from ecograph.loaders.ingest import ingest_paths
from tests.conftest import SEEDS

TOKEN = "reliability-write-token"
READ_TOKEN = "reliability-read-token"
LIMIT = 100_000
WRITE = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("api") / "data"
    with open_store(Settings(data_dir=data)) as store:
        assert not ingest_paths([SEEDS], store).failed
    return data


@pytest.fixture
def app(seeded: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The app over the module's seed store, writes with TOKEN, uploads limited to LIMIT bytes."""
    monkeypatch.setenv("ECOGRAPH_API_TOKEN", TOKEN)
    monkeypatch.setenv("ECOGRAPH_MAX_UPLOAD_BYTES", str(LIMIT))
    with serving(seeded) as url:
        yield url


def _doc(text: str = "山西大学与太原理工大学签署战略合作协议。\n") -> dict[str, tuple[str, bytes, str]]:
    return {"files": ("合作.txt", text.encode(), "text/plain")}


def test_write_endpoints_need_the_write_token(app: str) -> None:
    assert httpx.post(f"{app}/documents", files=_doc()).status_code == 401
    assert httpx.post(f"{app}/documents", files=_doc(), headers={"Authorization": "Bearer wrong"}).status_code == 403
    assert httpx.post(f"{app}/documents", files=_doc(), headers={"Authorization": f"Bearer {TOKEN}x"}).status_code == 403
    added = httpx.post(f"{app}/documents", files=_doc(), headers=WRITE, timeout=60)
    assert added.status_code == 200 and added.json()["ingested"] == ["合作.txt"], added.text
    doc = next(d for d in httpx.get(f"{app}/documents").json()["items"] if d["path"] == "合作.txt")
    assert httpx.delete(f"{app}/documents/{doc['id']}").status_code == 401
    assert httpx.delete(f"{app}/documents/{doc['id']}", headers={"Authorization": "Bearer wrong"}).status_code == 403
    assert httpx.delete(f"{app}/documents/{doc['id']}", headers=WRITE).status_code == 200


def test_reads_need_a_token_when_a_read_token_is_set(seeded: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ECOGRAPH_API_TOKEN", TOKEN)
    monkeypatch.setenv("ECOGRAPH_READ_TOKEN", READ_TOKEN)
    with serving(seeded) as url:
        assert httpx.get(f"{url}/stats").status_code == 401
        assert httpx.get(f"{url}/stats", headers={"Authorization": "Bearer wrong"}).status_code == 403
        assert httpx.get(f"{url}/stats", headers={"Authorization": f"Bearer {READ_TOKEN}"}).status_code == 200
        assert httpx.get(f"{url}/stats", headers=WRITE).status_code == 200
        no_write = httpx.post(f"{url}/documents", files=_doc(), headers={"Authorization": f"Bearer {READ_TOKEN}"})
        assert no_write.status_code == 403  # the read token never writes


def test_bodies_over_the_limit_are_413_declared_or_streamed(app: str) -> None:
    big = _doc("光伏" * LIMIT)
    assert httpx.post(f"{app}/documents", files=big, headers=WRITE).status_code == 413

    def chunks() -> Iterator[bytes]:  # chunked transfer: no Content-Length to refuse up front
        boundary = b"--b\r\nContent-Disposition: form-data; name=files; filename=big.txt\r\n\r\n"
        yield boundary
        for _ in range(LIMIT // 10_000 + 2):
            yield "光伏".encode() * 1700
        yield b"\r\n--b--\r\n"

    streamed = httpx.post(f"{app}/documents", content=chunks(), timeout=60,
                          headers={**WRITE, "Content-Type": "multipart/form-data; boundary=b"})
    assert streamed.status_code == 413, streamed.text
    assert "光伏" * 10 not in str(httpx.get(f"{app}/documents").json())  # nothing of it was ingested


@pytest.fixture(scope="module")
def api_schema(seeded: Path) -> Iterator[schemathesis.BaseSchema]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ECOGRAPH_API_TOKEN", TOKEN)
        mp.setenv("ECOGRAPH_MAX_UPLOAD_BYTES", str(LIMIT))
        with serving(seeded) as url:
            yield schemathesis.openapi.from_url(f"{url}/openapi.json")


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_operation_answers_a_server_error(case: schemathesis.Case) -> None:
    """Every operation of the OpenAPI schema, with generated parameters and bodies, the write token sent."""
    case.call_and_validate(headers=WRITE, checks=[not_a_server_error], timeout=60)


def test_short_load_run_has_zero_errors(app: str) -> None:
    """bench/api_load.py for 5 s with 50 concurrent clients (the 60 s figures are in BENCHMARKS.md)."""
    result = run_load(app, clients=50, seconds=5)
    assert result.requests > 100
    assert not result.errors, result.line()
