"""Issue 13, uploads over real HTTP: checked before they are read, and never lost to a same-named one.

The app runs in a uvicorn child process (bench/api_load.py) on its own empty store, with its temp
folder (TMPDIR) watched, so a spooled body would show.
"""

from __future__ import annotations

import io
import socket
import time
import zipfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from bench.api_load import serving

TOKEN = "uploads-write-token"
WRITE = {"Authorization": f"Bearer {TOKEN}"}
LIMIT = 1_000_000
GB2 = 2 << 30


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, Path]]:
    """(base URL, the server's temp folder) of an app over an empty store, uploads capped at LIMIT."""
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(tmp))
    monkeypatch.setenv("ECOGRAPH_API_TOKEN", TOKEN)
    monkeypatch.setenv("ECOGRAPH_MAX_UPLOAD_BYTES", str(LIMIT))
    with serving(tmp_path / "data") as url:
        yield url, tmp


def _raw_post(url: str, headers: dict[str, str], first: bytes) -> tuple[int, float]:
    """Send a request's head and the first bytes of its body, then wait (2 s at most) for the answer's status."""
    parts = urlsplit(url)
    head = "".join(f"{k}: {v}\r\n" for k, v in {"Host": parts.netloc, **headers}.items())
    with socket.create_connection((parts.hostname, parts.port)) as sock:
        sock.settimeout(2)
        started = time.perf_counter()
        sock.sendall(f"POST /documents HTTP/1.1\r\n{head}\r\n".encode() + first)
        try:
            answer = sock.recv(4096)
        except TimeoutError:
            return 0, time.perf_counter() - started
        return int(answer.split()[1]), time.perf_counter() - started


def _part(name: str = "big.txt") -> bytes:
    return f'--b\r\nContent-Disposition: form-data; name="files"; filename="{name}"\r\n\r\n'.encode() + b"a" * 60_000


def test_a_2_gb_upload_without_a_token_is_refused_at_once_with_no_temp_file(app: tuple[str, Path]) -> None:
    url, tmp = app
    form = {"Content-Type": "multipart/form-data; boundary=b"}
    before = set(tmp.rglob("*"))
    assert _raw_post(url, {**form, "Content-Length": str(GB2)}, _part())[0] == 401
    status, seconds = _raw_post(url, {**form, "Content-Length": str(GB2)}, _part())
    assert status == 401 and seconds < 1
    status, seconds = _raw_post(url, {**form, "Transfer-Encoding": "chunked"}, b"ea60\r\n" + _part()[:60_000])
    assert status == 401 and seconds < 1  # chunked: no length declared, the token alone refuses it
    status, seconds = _raw_post(url, {**form, **WRITE, "Content-Length": str(GB2)}, _part())
    assert status == 413 and seconds < 1  # with the token, the declared length refuses it
    assert set(tmp.rglob("*")) == before


def test_a_chunked_upload_stops_at_the_cap(app: tuple[str, Path]) -> None:
    url, tmp = app

    def chunks() -> Iterator[bytes]:
        yield b'--b\r\nContent-Disposition: form-data; name="files"; filename="big.txt"\r\n\r\n'
        for _ in range(200):  # 20 MB, 20 times the cap
            yield "光伏".encode() * 17_000
        yield b"\r\n--b--\r\n"

    answer = httpx.post(f"{url}/documents", content=chunks(), timeout=60,
                        headers={**WRITE, "Content-Type": "multipart/form-data; boundary=b"})
    assert answer.status_code == 413 and "上限" in answer.json()["detail"], answer.text
    assert httpx.get(f"{url}/documents").json()["total"] == 0
    assert not list(tmp.glob("ecograph-upload-*"))


def test_ten_concurrent_uploads_of_one_name_are_ten_documents(app: tuple[str, Path]) -> None:
    url, _ = app
    firms = ["宏达", "鑫源", "华晟", "恒泰", "瑞丰", "华东", "凯盛", "银河", "天成", "永兴"]

    def upload(firm: str) -> httpx.Response:
        text = f"{firm}新材料有限公司与山西大学签署战略合作协议。\n"
        return httpx.post(f"{url}/documents", files={"files": ("工作报告.txt", text.encode(), "text/plain")},
                          headers=WRITE, timeout=120)

    with ThreadPoolExecutor(10) as pool:
        answers = list(pool.map(upload, firms))
    assert all(a.status_code == 200 for a in answers), [a.text for a in answers]
    paths = {d["path"] for d in httpx.get(f"{url}/documents").json()["items"]}
    assert len(paths) == 10 and "工作报告.txt" in paths, paths
    assert sorted(p for a in answers for p in a.json()["renamed"]) == sorted(paths - {"工作报告.txt"})
    for firm in firms:
        found = httpx.get(f"{url}/entities", params={"q": f"{firm}新材料有限公司"}).json()["items"]
        assert found and found[0]["name"] == f"{firm}新材料有限公司"


def test_uploads_named_dot_and_dot_dot_do_not_collide(app: tuple[str, Path]) -> None:
    url, _ = app
    for name, text in ((".", "山西大学与太原理工大学签署战略合作协议。"), ("..", "中北大学与太原钢铁集团有限公司开展合作。")):
        answer = httpx.post(f"{url}/documents", files={"files": (name, text.encode(), "text/plain")}, headers=WRITE,
                            timeout=60)
        assert answer.status_code == 200 and len(answer.json()["ingested"]) == 1, answer.text
    assert httpx.get(f"{url}/documents").json()["total"] == 2


def test_put_replaces_one_document_keeping_its_path(app: tuple[str, Path]) -> None:
    url, _ = app
    first = httpx.post(f"{url}/documents", files={"files": ("通报.txt", "山西大学与太原理工大学签署战略合作协议。".encode(),
                                                             "text/plain")}, headers=WRITE, timeout=60)
    assert first.status_code == 200, first.text
    doc = httpx.get(f"{url}/documents").json()["items"][0]
    new = {"file": ("新版.txt", "中北大学与太原钢铁集团有限公司开展合作。".encode(), "text/plain")}
    assert httpx.put(f"{url}/documents/{doc['id']}", files=new).status_code == 401
    assert httpx.put(f"{url}/documents/nope", files=new, headers=WRITE).status_code == 404
    answer = httpx.put(f"{url}/documents/{doc['id']}", files=new, headers=WRITE, timeout=60)
    assert answer.status_code == 200 and answer.json()["replaced"] == ["通报.txt"], answer.text
    assert [(d["id"], d["path"]) for d in httpx.get(f"{url}/documents").json()["items"]] == [(doc["id"], "通报.txt")]
    assert not httpx.get(f"{url}/entities", params={"q": "太原理工大学"}).json()["items"]


def test_a_zip_with_an_absolute_member_name_is_no_server_error(app: tuple[str, Path], tmp_path: Path) -> None:
    url, _ = app
    local = tmp_path / "local.txt"
    local.write_text("本地文件：中北大学与太原钢铁集团有限公司开展合作。", encoding="utf-8")
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w") as z:
        z.writestr("good.txt", "山西大学与太原理工大学签署战略合作协议。")
        z.writestr(zipfile.ZipInfo(str(local)), "压缩包里的内容。")
    answer = httpx.post(f"{url}/documents", files={"files": ("bundle.zip", packed.getvalue(), "application/zip")},
                        headers=WRITE, timeout=60)
    assert answer.status_code == 200 and answer.json()["ingested"] == ["bundle.zip/good.txt"], answer.text
    assert [s["path"] for s in answer.json()["skipped"]] == ["local.txt"] and "绝对路径" in answer.json()["skipped"][0]["reason"]
    assert not httpx.get(f"{url}/entities", params={"q": "太原钢铁集团有限公司"}).json()["items"]
