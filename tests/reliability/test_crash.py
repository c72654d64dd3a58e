"""Issue 7 item 2: kill -9 the ingest (or its FalkorDB server) mid-batch; the rerun finishes the batch
and the graph equals that of an uninterrupted run — same entities, same edges, same evidence counts.

The batch is the seeds and the demo corpus copied under other names with a line of their own,
ingested by real `ecograph ingest` processes in groups of 10 documents, so the kill lands between
groups as well as inside one.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import redis

import queries
from graph.backends import open_store
from graph.falkordb_store import EmbeddedServer
from graph.settings import Settings
from tests.conftest import REPO
from tests.reliability.conftest import Snapshot, snapshot

COPIES = 5
GROUP = 10
INGEST = f"import loaders.ingest as m; m.GROUP_DOCS = {GROUP}; import ecograph; ecograph.main()"


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> tuple[Path, int]:
    """45 documents: every seed and demo document five times, each copy with its own last line."""
    folder = tmp_path_factory.mktemp("batch") / "docs"
    sources = sorted(seeds_dir.iterdir()) + sorted((REPO / "demo" / "corpus").iterdir())
    for k in range(COPIES):
        for src in sources:
            target = folder / f"copy{k}" / src.name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(src.read_text(encoding="utf-8") + f"\n第{k}份抄送件。\n", encoding="utf-8")
    return folder, COPIES * len(sources)


@pytest.fixture(scope="module")
def reference(batch: tuple[Path, int], tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Snapshot]:
    folder, total = batch
    data = tmp_path_factory.mktemp("reference") / "data"
    result = _ingest(folder, data).communicate(timeout=300)
    assert f"{total} ingested" in result[0], result
    return data, snapshot(data)


def _ingest(folder: Path, data: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "ECOGRAPH_DATA_DIR": str(data)}
    return subprocess.Popen([sys.executable, "-c", INGEST, "ingest", "-q", str(folder)], cwd=data.parent, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _kill_mid_batch(folder: Path, data: Path, total: int, kill: Callable[[subprocess.Popen[str]], None]) -> int:
    """Start an ingest, and once some but not all Document records exist, `kill`; returns the records left."""
    proc = _ingest(folder, data)
    server = EmbeddedServer(data)
    deadline = time.monotonic() + 120
    while not server.is_up():
        assert proc.poll() is None and time.monotonic() < deadline, proc.communicate()
        time.sleep(0.02)
    with open_store(Settings(data_dir=data)) as watcher:  # reuses the ingest's server; never stops it
        while (done := queries.run(watcher, "count_documents")[0]["documents"]) == 0:
            assert proc.poll() is None and time.monotonic() < deadline, proc.communicate()
            time.sleep(0.02)
        kill(proc)
    proc.wait(timeout=60)
    while server.is_up():  # the server follows its starter down (parent-death signal)
        assert time.monotonic() < deadline
        time.sleep(0.05)
    with open_store(Settings(data_dir=data)) as store:
        left = queries.run(store, "count_documents")[0]["documents"]
    assert done <= left < total, (done, left, total)
    return left


def assert_same(got: Snapshot, want: Snapshot) -> None:
    """Equal snapshots, with the differences themselves in the failure message."""
    assert got[0] - want[0] == want[0] - got[0] == frozenset(), (sorted(got[0] - want[0]), sorted(want[0] - got[0]))
    assert got[1] == want[1], (got[1] - want[1], want[1] - got[1])
    assert got[2] == want[2]


def _finish(folder: Path, data: Path, total: int, left: int) -> None:
    out, err = _ingest(folder, data).communicate(timeout=300)
    assert out.startswith(f"{total - left} ingested, {left} unchanged, 0 failed"), (out, err)


def test_kill_9_of_the_ingest_mid_batch_then_rerun_equals_an_uninterrupted_run(
    batch: tuple[Path, int], reference: tuple[Path, Snapshot], tmp_path: Path
) -> None:
    folder, total = batch
    data = tmp_path / "data"
    left = _kill_mid_batch(folder, data, total, lambda proc: proc.send_signal(signal.SIGKILL))
    _finish(folder, data, total, left)
    assert_same(snapshot(data), reference[1])


def test_kill_9_of_the_falkordb_server_mid_batch_then_rerun_equals_an_uninterrupted_run(
    batch: tuple[Path, int], reference: tuple[Path, Snapshot], tmp_path: Path
) -> None:
    folder, total = batch
    data = tmp_path / "data"

    def kill_server(proc: subprocess.Popen[str]) -> None:
        client = redis.Redis(unix_socket_path=str(EmbeddedServer(data).socket))
        os.kill(int(client.info("server")["process_id"]), signal.SIGKILL)
        client.close()
        _, err = proc.communicate(timeout=60)  # the ingest notices and stops with a message, no traceback
        assert proc.returncode == 1 and "Error:" in err and "Traceback" not in err, err

    left = _kill_mid_batch(folder, data, total, kill_server)
    _finish(folder, data, total, left)
    assert_same(snapshot(data), reference[1])


def test_a_document_ingested_again_with_other_content_replaces_its_old_statements(tmp_path: Path) -> None:
    doc = tmp_path / "docs" / "通报.txt"
    doc.parent.mkdir()
    first = "山西大学与太原理工大学签署战略合作协议。\n中北大学与太原钢铁集团有限公司开展合作。\n"
    doc.write_text(first, encoding="utf-8")
    data = tmp_path / "data"
    assert _ingest(doc.parent, data).communicate(timeout=120)[0].startswith("1 ingested")
    nodes, edges, _ = snapshot(data)
    assert any(n[1] == "中北大学" for n in nodes) and len(edges) == 2
    doc.write_text(first.splitlines()[0] + "\n", encoding="utf-8")  # the second sentence withdrawn
    assert _ingest(doc.parent, data).communicate(timeout=120)[0].startswith("1 ingested")
    nodes, edges, docs = snapshot(data)
    assert docs == {"通报.txt"}
    assert [e[1:3] for e in edges] == [("山西大学", "太原理工大学")]
    assert not any(n[1] in {"中北大学", "太原钢铁集团有限公司"} for n in nodes)
