"""Writing over HTTP: upload ingests like the CLI, delete removes only what a document contributed,
and both need the bearer token. Uses its own store, so the shared seed graph stays untouched."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from ecograph.api.app import create_app
from tests.api.conftest import SEEDS, TOKEN, empty_store, find, make_settings

AUTH = {"Authorization": f"Bearer {TOKEN}"}
DOC_001 = next(SEEDS.glob("001_*.txt"))
DOC_004 = next(SEEDS.glob("004_*.txt"))


@pytest.fixture(scope="module")
def writer(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    data_dir = tmp_path_factory.mktemp(f"writes-{backend}")
    empty_store(backend, data_dir).close()
    app = create_app(make_settings(backend, data_dir, api_token=SecretStr(TOKEN), max_upload_bytes=200_000))
    with TestClient(app) as c:
        yield c


def _upload(*paths: Path) -> list[tuple[str, tuple[str, bytes, str]]]:
    return [("files", (p.name, p.read_bytes(), "text/plain")) for p in paths]


def test_writes_need_the_bearer_token(writer: TestClient) -> None:
    assert writer.post("/documents", files=_upload(DOC_001)).status_code == 401
    wrong = writer.post("/documents", files=_upload(DOC_001), headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 403
    assert writer.delete("/documents/x").status_code == 401


def test_upload_then_delete_removes_only_that_documents_contribution(writer: TestClient) -> None:
    response = writer.post("/documents", files=_upload(DOC_001, DOC_004), headers=AUTH)
    assert response.status_code == 200, response.text
    body = response.json()
    assert sorted(body["ingested"]) == [DOC_001.name, DOC_004.name] and body["relationships_written"] > 0
    again = writer.post("/documents", files=_upload(DOC_004), headers=AUTH).json()
    assert again["unchanged"] == [DOC_004.name]

    zhendong = find(writer, "振东制药", "Company")  # named in both 001 and 004
    only_004 = find(writer, "中医药与健康山西省实验室", "Lab")
    doc_004 = next(d for d in writer.get("/documents").json()["items"] if d["path"] == DOC_004.name)

    deleted = writer.delete(f"/documents/{doc_004['id']}", headers=AUTH)
    assert deleted.status_code == 200, deleted.text
    assert deleted.json()["relationships_deleted"] > 0 and deleted.json()["entities_deleted"] > 0

    assert writer.get(f"/entities/{only_004['id']}").status_code == 404
    kept = writer.get(f"/entities/{zhendong['id']}").json()
    assert kept["docs"] == [DOC_001.name]
    assert all(r["doc"] == DOC_001.name for r in kept["relationships"])
    assert [d["path"] for d in writer.get("/documents").json()["items"]] == [DOC_001.name]
    assert writer.get("/stats").json()["documents"] == 1
    missing = writer.delete(f"/documents/{doc_004['id']}", headers=AUTH)
    assert missing.status_code == 404 and doc_004["id"] in missing.json()["detail"]


def test_uploads_over_the_size_limit_are_refused(writer: TestClient) -> None:
    big = [("files", ("big.txt", "光伏".encode() * 100_000, "text/plain"))]
    assert writer.post("/documents", files=big, headers=AUTH).status_code == 413


def test_a_document_that_cannot_be_read_is_422(writer: TestClient) -> None:
    bad = [("files", ("../../etc/evil.pdf", b"%PDF-1.4 not really a pdf", "application/pdf"))]
    response = writer.post("/documents", files=bad, headers=AUTH)
    assert response.status_code == 422
    assert "evil.pdf" in response.json()["detail"] and "/etc" not in response.json()["detail"]
