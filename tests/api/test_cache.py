"""The response cache of the chain reads (api/cache.py): a cached answer is byte-for-byte what the
response model renders, and a write (through this app or through another process on the same
store) is seen by the next read. Real stores, real ingest, real HTTP through the app."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from ecograph.api.app import create_app
from ecograph.api.cache import ResponseCache
from ecograph.graph.backends import open_store
from ecograph.queries.chains import chain_ecosystem, chain_labs, list_chains
from tests.api.conftest import SEEDS, TOKEN, empty_store, make_settings

AUTH = {"Authorization": f"Bearer {TOKEN}"}
DOC_001 = next(SEEDS.glob("001_*.txt"))  # names the coal-chemical chain's three labs
DOC_004 = next(SEEDS.glob("004_*.txt"))
COAL = "现代煤化工"
COAL_LABS = {"国家煤基合成工程技术研究中心", "山西省煤基合成润滑油材料研究与应用技术创新中心", "北大-襄垣煤化工联合实验室"}


def _upload(*paths: Path) -> list[tuple[str, tuple[str, bytes, str]]]:
    return [("files", (p.name, p.read_bytes(), "text/plain")) for p in paths]


def _stated(body: dict[str, object]) -> set[str]:
    return {lab["lab"]["name"] for lab in body["labs"] if lab["tier"] == "stated"}  # type: ignore[index,union-attr]


@pytest.mark.parametrize("url", ["/chains", f"/chains/{COAL}", f"/chains/{COAL}/labs", f"/chains/{COAL}/labs?limit=2&offset=1"])
def test_a_cached_answer_is_the_uncached_one(client: TestClient, seed_dir: Path, backend: str, url: str) -> None:
    cache: ResponseCache = client.app.state.cache  # type: ignore[attr-defined]
    cache.clear()
    first, hits = client.get(url), cache.hits
    second = client.get(url)
    assert first.status_code == second.status_code == 200
    assert cache.hits == hits + 1, "the second read came from the cache"
    assert second.content == first.content and second.headers["content-type"] == "application/json"
    # and both are what the view renders without any cache, read through a store of our own
    store = open_store(make_settings(backend, seed_dir))
    try:
        if url == "/chains":
            direct = [c.model_dump(mode="json") for c in list_chains(store)]
        elif url.endswith("/labs"):
            direct = chain_labs(store, COAL).model_dump(mode="json")
        elif "labs?" in url:
            direct = chain_labs(store, COAL, limit=2, offset=1).model_dump(mode="json")
        else:
            direct = chain_ecosystem(store, COAL).model_dump(mode="json")
    finally:
        store.close()
    assert second.json() == direct


def test_errors_are_not_cached_and_parameters_are_still_checked(client: TestClient) -> None:
    cache: ResponseCache = client.app.state.cache  # type: ignore[attr-defined]
    before = len(cache)
    assert client.get("/chains/no-such-chain-anywhere/labs").status_code == 404
    assert client.get("/chains/no-such-chain-anywhere/labs").status_code == 404
    assert client.get(f"/chains/{COAL}/labs", params={"limit": 0}).status_code == 422
    assert len(cache) == before


@pytest.fixture()
def writable(backend: str, tmp_path: Path) -> Iterator[tuple[TestClient, Path]]:
    empty_store(backend, tmp_path).close()
    app = create_app(make_settings(backend, tmp_path, api_token=SecretStr(TOKEN)))
    with TestClient(app) as c:
        yield c, tmp_path


def test_an_ingest_or_delete_over_http_is_seen_by_the_next_read(writable: tuple[TestClient, Path]) -> None:
    writer, _ = writable
    assert writer.post("/documents", files=_upload(DOC_004), headers=AUTH).status_code == 200
    before = [writer.get(f"/chains/{COAL}/labs", params={"limit": 20}) for _ in range(2)]  # the second is a hit
    assert before[0].status_code == 200 and before[0].content == before[1].content
    assert not _stated(before[1].json()) & COAL_LABS

    assert writer.post("/documents", files=_upload(DOC_001), headers=AUTH).status_code == 200
    after = writer.get(f"/chains/{COAL}/labs", params={"limit": 20}).json()
    assert _stated(after) == COAL_LABS and after["stated"] == before[1].json()["stated"] + 3

    doc = next(d for d in writer.get("/documents").json()["items"] if d["path"] == DOC_001.name)
    assert writer.delete(f"/documents/{doc['id']}", headers=AUTH).status_code == 200
    gone = writer.get(f"/chains/{COAL}/labs", params={"limit": 20}).json()
    assert (gone["stated"], gone["inferred"], gone["labs"]) == (before[0].json()["stated"], before[0].json()["inferred"], [])


def test_a_write_by_another_process_is_seen_through_the_graph_fingerprint(
    backend: str, writable: tuple[TestClient, Path]
) -> None:
    """As with two `ecograph serve` workers: the reader's cache learns of the write from the counts."""
    reader, data_dir = writable
    assert reader.post("/documents", files=_upload(DOC_004), headers=AUTH).status_code == 200
    cached = [reader.get(f"/chains/{COAL}/labs").json() for _ in range(2)][1]
    other = create_app(make_settings(backend, data_dir, api_token=SecretStr(TOKEN)))
    with TestClient(other) as writer:
        assert writer.post("/documents", files=_upload(DOC_001), headers=AUTH).status_code == 200
    fresh = reader.get(f"/chains/{COAL}/labs").json()
    assert _stated(fresh) == COAL_LABS and fresh["stated"] == cached["stated"] + 3


def test_the_cache_is_bounded_by_entries_and_bytes() -> None:
    cache = ResponseCache(max_entries=3, max_bytes=40)
    tag = (0, 1, 1)
    assert cache.get("a", tag) is None  # first sight of a tag: nothing held
    for key in "abc":
        cache.put(key, tag, b"x" * 5)
    assert cache.get("a", tag) == b"xxxxx"  # a is now the most recent
    cache.put("d", tag, b"y" * 5)
    assert len(cache) == 3 and cache.get("b", tag) is None and cache.get("a", tag) is not None
    cache.put("e", tag, b"z" * 10)
    held = [body for key in "abcde" if (body := cache.get(key, tag)) is not None]
    assert sum(map(len, held)) <= 40 and len(held) == len(cache) <= 3
    cache.put("huge", tag, b"h" * 11)  # more than a quarter of the byte budget: never kept
    assert cache.get("huge", tag) is None
    cache.put("f", (0, 2, 2), b"old")  # computed under other counts: not kept
    assert cache.get("f", tag) is None
    assert cache.get("a", (0, 2, 2)) is None and len(cache) == 0  # new counts drop everything
