"""Configuration the app must refuse or survive: read tokens, remote hosts, a store that is down."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr, ValidationError

from ecograph.api.app import create_app
from ecograph.graph.settings import Settings


def test_reads_need_a_token_when_one_is_configured(seed_dir: Path, backend: str) -> None:
    if backend != "falkordb":
        pytest.skip("configuration, not backend, is under test")
    settings = Settings(data_dir=seed_dir, read_token=SecretStr("r"), api_token=SecretStr("w"))
    with TestClient(create_app(settings)) as client:
        assert client.get("/stats").status_code == 401
        assert client.get("/stats", headers={"Authorization": "Bearer x"}).status_code == 403
        assert client.get("/stats", headers={"Authorization": "Bearer r"}).status_code == 200
        assert client.get("/stats", headers={"Authorization": "Bearer w"}).status_code == 200
        assert client.post("/documents", headers={"Authorization": "Bearer r"}, files=[]).status_code == 403


def test_writes_are_off_without_an_api_token(seed_dir: Path, backend: str) -> None:
    if backend != "falkordb":
        pytest.skip("configuration, not backend, is under test")
    with TestClient(create_app(Settings(data_dir=seed_dir))) as client:
        response = client.delete("/documents/x", headers={"Authorization": "Bearer anything"})
        assert response.status_code == 403 and "ECOGRAPH_API_TOKEN" in response.json()["detail"]


def test_a_remote_host_needs_an_api_token() -> None:
    with pytest.raises(ValidationError, match="ECOGRAPH_API_TOKEN"):
        Settings(host="0.0.0.0")
    assert Settings(host="0.0.0.0", api_token=SecretStr("t")).host == "0.0.0.0"
    assert Settings(host="::1").host == "::1"


def test_a_store_that_is_down_is_a_503_with_a_message(tmp_path: Path) -> None:
    settings = Settings(backend="neo4j", neo4j_uri="bolt://127.0.0.1:9", data_dir=tmp_path)
    with TestClient(create_app(settings)) as client:
        response = client.get("/chains/光伏/labs")
    assert response.status_code == 503
    assert "unavailable" in response.json()["detail"] and "Traceback" not in response.text
