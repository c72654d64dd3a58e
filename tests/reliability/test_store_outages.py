"""Nothing stale, nothing that a stalled, dying, full or read-only store turns into a hang or a traceback.

Real `ecograph` processes (CLI and `serve`), real HTTP, the real embedded store; the outages are
real too: SIGSTOP of the server, a tmpfs filled to the last byte or mounted read-only (as root;
those tests are skipped where a filesystem cannot be mounted).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from ecograph.graph.embedded import EmbeddedServer
from tests.conftest import REPO

CLI = [sys.executable, "-m", "ecograph"]
COAL = "现代煤化工"
OLD, NEW = "多元化、低碳化发展", "多元化、绿色化发展"  # one phrase of the evidence of the coal chain's labs in seed 001


def _cli(data: Path, *args: str, timeout: float = 300, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], env={**os.environ, "ECOGRAPH_DATA_DIR": str(data), **env},
                          capture_output=True, text=True, timeout=timeout, cwd=data.parent)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def _serving(data: Path, **env: str) -> Iterator[str]:
    """`ecograph serve` on the folder until the block ends; yields its base URL once /docs answers."""
    port = _free_port()
    server = subprocess.Popen([*CLI, "serve", "--port", str(port), "--log-level", "warning"],
                              env={**os.environ, "ECOGRAPH_DATA_DIR": str(data), **env},
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None and time.monotonic() < deadline, server.communicate()
            try:
                if httpx.get(f"{base}/docs", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        yield base
    finally:
        server.send_signal(signal.SIGTERM)
        server.communicate(timeout=60)


def _server_pid(data: Path) -> int:
    out = subprocess.run(["pgrep", "-f", f"unixsocket:{EmbeddedServer(data).socket}"], capture_output=True, text=True)
    [pid] = out.stdout.split()
    return int(pid)


def _evidence(body: dict[str, object]) -> list[str]:
    return [e["sentence"] for lab in body["labs"] for e in lab["evidence"]]  # type: ignore[attr-defined,index]


def test_a_corrected_document_is_what_every_serve_worker_answers_next(tmp_path: Path, seeds_dir: Path) -> None:
    """The correction keeps node and relationship counts equal; the answer caches still see it."""
    doc = tmp_path / "docs" / next(seeds_dir.glob("001_*.txt")).name
    doc.parent.mkdir()
    text = (seeds_dir / doc.name).read_text(encoding="utf-8")
    assert text.count(OLD) == 1
    doc.write_text(text, encoding="utf-8")
    data = tmp_path / "data"
    assert _cli(data, "ingest", "-q", str(doc.parent)).returncode == 0
    with _serving(data, ECOGRAPH_SERVE_WORKERS="2") as base:
        url = f"{base}/chains/{COAL}/labs"
        before = [httpx.get(url, timeout=30) for _ in range(40)]  # a connection each: both workers answer and cache
        assert all(r.status_code == 200 and any(OLD in s for s in _evidence(r.json())) for r in before)
        counts = httpx.get(f"{base}/stats", timeout=30).json()
        doc.write_text(text.replace(OLD, NEW), encoding="utf-8")
        ingested = _cli(data, "ingest", "-q", str(doc.parent))  # another process writes
        assert ingested.returncode == 0 and ingested.stdout.startswith("1 ingested"), ingested
        assert httpx.get(f"{base}/stats", timeout=30).json() == counts, "the correction changed a count"
        after = [httpx.get(url, timeout=30).json() for _ in range(40)]
    stale = [body for body in after if any(OLD in s for s in _evidence(body))]
    assert not stale, f"{len(stale)} of 40 reads served the old evidence"
    assert all(any(NEW in s for s in _evidence(body)) for body in after)


def test_a_stalled_store_answers_503_in_time_while_static_files_and_docs_answer(
    tmp_path: Path, seeds_dir: Path
) -> None:
    data = tmp_path / "data"
    assert _cli(data, "ingest", "-q", str(seeds_dir)).returncode == 0
    timeout_s = 1.0
    with _serving(data, ECOGRAPH_QUERY_TIMEOUT_MS=str(int(timeout_s * 1000))) as base:
        assert httpx.get(f"{base}/chains/{COAL}/labs", timeout=30).status_code == 200
        pid = _server_pid(data)
        os.kill(pid, signal.SIGSTOP)
        try:
            def timed(path: str) -> tuple[int, float]:
                t = time.monotonic()
                status = httpx.get(f"{base}{path}", timeout=60).status_code
                return status, time.monotonic() - t

            with ThreadPoolExecutor(4) as pool:
                chain = pool.submit(timed, f"/chains/{COAL}/labs?limit=3")
                time.sleep(0.2)  # the chain read is waiting on the stalled store now
                static = pool.submit(timed, "/static/ecograph.css")
                docs = pool.submit(timed, "/docs")
                (chain_status, chain_s), (static_status, static_s), (docs_status, docs_s) = (
                    chain.result(), static.result(), docs.result())
        finally:
            os.kill(pid, signal.SIGCONT)
        assert chain_status in (503, 504) and chain_s < timeout_s + 2, (chain_status, chain_s)
        assert static_status == docs_status == 200 and max(static_s, docs_s) < 0.5, (static_s, docs_s)
        deadline = time.monotonic() + 60  # and the store comes back
        while httpx.get(f"{base}/chains/{COAL}/labs", timeout=30).status_code != 200:
            assert time.monotonic() < deadline
            time.sleep(0.2)


def _ingest(data: Path, folder: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([*CLI, "ingest", "-q", str(folder)], env={**os.environ, "ECOGRAPH_DATA_DIR": str(data)},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=data.parent)


@pytest.mark.parametrize("attempt", range(3))
def test_two_ingests_on_one_folder_both_land_when_the_starter_exits_first(
    tmp_path: Path, seeds_dir: Path, attempt: int
) -> None:
    seeds = sorted(seeds_dir.iterdir())
    small, big = tmp_path / "small", tmp_path / "big"
    for k in range(2):
        for src in seeds:
            (small / f"s{k}").mkdir(parents=True, exist_ok=True)
            (small / f"s{k}" / src.name).write_text(src.read_text(encoding="utf-8") + f"\n小批第{k}份。\n", encoding="utf-8")
    for k in range(12):
        for src in seeds:
            (big / f"b{k}").mkdir(parents=True, exist_ok=True)
            (big / f"b{k}" / src.name).write_text(src.read_text(encoding="utf-8") + f"\n大批第{k}份。\n", encoding="utf-8")
    data = tmp_path / "data"
    first = _ingest(data, small)
    server = EmbeddedServer(data)
    deadline = time.monotonic() + 60
    while not server.is_up():
        assert first.poll() is None and time.monotonic() < deadline, first.communicate()
        time.sleep(0.02)
    second = _ingest(data, big)
    out1, err1 = first.communicate(timeout=300)
    assert second.poll() is None, "the second ingest ended before the first: nothing was shared"
    out2, err2 = second.communicate(timeout=300)
    assert first.returncode == 0 and out1.startswith(f"{2 * len(seeds)} ingested"), err1
    assert second.returncode == 0 and out2.startswith(f"{12 * len(seeds)} ingested"), err2
    deadline = time.monotonic() + 10
    while server.is_up():  # the last one out stopped the server
        assert time.monotonic() < deadline
        time.sleep(0.05)
    stats = _cli(data, "stats")
    assert f"documents: {14 * len(seeds)}" in stats.stdout, stats


@contextmanager
def _tmpfs(path: Path, size: str) -> Iterator[Path]:
    path.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)], capture_output=True)
    if mounted.returncode:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=True)


def _one_clear_line(result: subprocess.CompletedProcess[str], *said: str) -> None:
    assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and all(s in errors[0] for s in said), result.stderr


def test_a_read_only_data_folder_is_one_clear_line_for_every_command(tmp_path: Path, seeds_dir: Path) -> None:
    with _tmpfs(tmp_path / "fs", "8m") as fs:
        data = fs / "data"
        assert _cli(data, "ingest", "-q", str(next(seeds_dir.iterdir()))).returncode == 0
        subprocess.run(["mount", "-o", "remount,ro", str(fs)], check=True)
        for args in (["stats"], ["ingest", "-q", str(seeds_dir)], ["serve", "--port", str(_free_port())]):
            _one_clear_line(_cli(data, *args, timeout=60), "数据目录不可写", "the data folder is not writable")


@contextmanager
def _held(data: Path) -> Iterator[None]:
    """Another process keeps the store open meanwhile, so the server outlives the CLI runs of the test."""
    holder = subprocess.Popen([sys.executable, "-c", "from ecograph.graph.backends import open_store; import sys; "
                               "s = open_store(); print('up', flush=True); sys.stdin.read()"],
                              env={**os.environ, "ECOGRAPH_DATA_DIR": str(data)}, cwd=REPO,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "up\n"
        yield
    finally:
        holder.kill()
        holder.wait()


def _load_big_chain(data: Path) -> None:
    """A chain of 60,000 members, loaded in another process: an export long enough to be cut mid-way."""
    load = ("from bench.synthetic import chain_graph; from ecograph.graph.backends import open_store; "
            "s = open_store(); s.bulk_load(chain_graph('氢能', 60000)); s.close()")
    subprocess.run([sys.executable, "-c", load], env={**os.environ, "ECOGRAPH_DATA_DIR": str(data)}, cwd=REPO,
                   check=True, timeout=300)


def test_a_full_disk_is_named_as_such(tmp_path: Path, seeds_dir: Path) -> None:
    """The server exits when it cannot append to its log; the CLI says why instead of 'connection closed'."""
    with _tmpfs(tmp_path / "fs", "3m") as fs:
        data = fs / "data"
        first = next(seeds_dir.iterdir())
        assert _cli(data, "ingest", "-q", str(first)).returncode == 0
        with _held(data):
            with pytest.raises(OSError), open(fs / "filler", "wb", buffering=0) as filler:
                while True:
                    filler.write(b"\0" * 4096)
            _one_clear_line(_cli(data, "ingest", "-q", str(seeds_dir)), "磁盘已满 / disk full")


def test_a_graphml_export_whose_store_dies_midway_is_not_a_whole_file(tmp_path: Path) -> None:
    """CLI: exit 1 and a file no XML parser accepts; HTTP: the chunked stream is cut, not ended."""
    data = tmp_path / "data"
    _load_big_chain(data)
    out = tmp_path / "out.graphml"
    with _held(data):
        export = subprocess.Popen([*CLI, "export", "graphml", str(out)], env={**os.environ, "ECOGRAPH_DATA_DIR": str(data)},
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path)
        while not out.exists() or out.stat().st_size == 0:
            assert export.poll() is None, export.communicate()
            time.sleep(0.005)
        os.kill(_server_pid(data), signal.SIGKILL)
        _, err = export.communicate(timeout=60)
    assert export.returncode == 1 and "Traceback" not in err, err
    written = out.read_text(encoding="utf-8")
    assert "export interrupted" in written.splitlines()[-1]
    with pytest.raises(ET.ParseError):
        ET.fromstring(written)


def test_an_http_graphml_export_whose_store_dies_midway_ends_abnormally(tmp_path: Path) -> None:
    data = tmp_path / "data"
    _load_big_chain(data)
    with _serving(data) as base:
        received = b""
        with pytest.raises(httpx.RemoteProtocolError), httpx.stream("GET", f"{base}/export/graphml", timeout=60) as r:
            assert r.status_code == 200
            for chunk in r.iter_bytes():
                if not received:
                    os.kill(_server_pid(data), signal.SIGKILL)
                received += chunk
    assert b"export interrupted" in received and not received.rstrip().endswith(b"</graphml>")


def test_a_blank_api_token_does_not_open_serving_beyond_loopback(tmp_path: Path) -> None:
    for token in ("", "   "):
        result = _cli(tmp_path / "data", "serve", "--host", "0.0.0.0", "--port", str(_free_port()),
                      timeout=60, ECOGRAPH_API_TOKEN=token)
        _one_clear_line(result, "ECOGRAPH_API_TOKEN")


def test_a_store_that_dies_while_it_is_being_opened_is_one_clear_line(tmp_path: Path, seeds_dir: Path) -> None:
    """`stats` finds the server up but not answering (stopped), waits for it, and the server dies meanwhile."""
    data = tmp_path / "data"
    assert _cli(data, "ingest", "-q", str(next(seeds_dir.iterdir()))).returncode == 0
    with _held(data):
        pid = _server_pid(data)
        os.kill(pid, signal.SIGSTOP)
        stats = subprocess.Popen([*CLI, "stats"], env={**os.environ, "ECOGRAPH_DATA_DIR": str(data)},
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path)
        time.sleep(4)  # past the first ping's time limit: it waits for a server it takes for loading
        assert stats.poll() is None
        os.kill(pid, signal.SIGKILL)
        out, err = stats.communicate(timeout=60)
    _one_clear_line(subprocess.CompletedProcess(stats.args, stats.returncode, out, err), "FalkorDB")
