"""Uploads and removals over HTTP are recorded runs: /runs lists them, and /changes since the upload
lists exactly what the removal took out."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from pydantic import SecretStr

from ecograph.api.app import create_app
from ecograph.graph.backends import open_store
from ecograph.graph.settings import Settings
from tests.conftest import SEEDS

TOKEN = "provenance-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
DOC = SEEDS / "000_7405eb821d4f810b.txt"


def test_upload_and_removal_are_runs(tmp_path: Path) -> None:
    open_store(Settings(data_dir=tmp_path / "data")).close()
    app = create_app(Settings(data_dir=tmp_path / "data", api_token=SecretStr(TOKEN)))
    with TestClient(app) as client:
        posted = client.post("/documents", files=[("files", (DOC.name, DOC.read_bytes(), "text/plain"))], headers=AUTH)
        assert posted.status_code == 200, posted.text
        (upload,) = client.get("/runs").json()
        assert (upload["status"], upload["added"]) == ("done", 1)
        (doc,) = client.get("/documents").json()["items"]
        assert (doc["title"], doc["date"], doc["publisher"], doc["run"]) == (
            "环球观速讯丨【新时代 新征程 新伟业】创新如潮逐浪高", "2023-06-25", "山西日报", upload["id"])
        everything = client.get("/changes", params={"since": "2000-01-01"}).json()
        assert everything["entities_added"] > 0 and everything["entities_removed"] == 0
        deleted = client.delete(f"/documents/{doc['id']}", headers=AUTH).json()
        removal = client.get("/runs").json()[1]
        assert (removal["status"], removal["removed"]) == ("done", 1)
        since_upload = client.get("/changes", params={"since": upload["id"]}).json()
        assert since_upload["entities_removed"] == deleted["entities_deleted"] > 0
        assert since_upload["relationships_removed"] == deleted["relationships_deleted"] > 0
        assert since_upload["entities_added"] == since_upload["relationships_added"] == 0
        removed = [r for g in since_upload["chains"] for r in g["relationships"]]
        assert all(r["evidence"]["doc_date"] == "2023-06-25" and r["change"] == "removed" for r in removed)
