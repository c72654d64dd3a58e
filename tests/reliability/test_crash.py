"""Kill -9 the ingest (or its FalkorDB server) mid-batch, or mid-replacement of documents ingested
before; the rerun finishes the batch and the graph equals that of an uninterrupted run — same
entities, same edges, same evidence counts.

The batch is the seeds and the demo corpus copied under other names with a line of their own,
ingested by real `ecograph ingest` processes in groups of 10 documents, so the kill lands between
groups as well as inside one. The replacement is the seeds ingested again with other content, one
document per group, killed at each step the store is seen to take (a document removed, its new
version's entities, relationships and record written).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import redis

from ecograph import queries
from ecograph.graph.backends import open_store
from ecograph.graph.embedded import EmbeddedServer
from ecograph.graph.settings import Settings
from ecograph.graph.store import GraphStore
from ecograph.queries.stats import fingerprint
from tests.conftest import REPO, iter_rows
from tests.reliability.conftest import Snapshot, snapshot

COPIES = 5
GROUP = 10
INGEST = "import ecograph.loaders.ingest as m; m.GROUP_DOCS = {group}; from ecograph.cli import main; main()"
KILL_POINTS = 6


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


def _ingest(folder: Path, data: Path, group: int = GROUP, *flags: str) -> subprocess.Popen[str]:
    env = {**os.environ, "ECOGRAPH_DATA_DIR": str(data)}
    return subprocess.Popen([sys.executable, "-c", INGEST.format(group=group), "ingest", "-q", *flags, str(folder)],
                            cwd=data.parent, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


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
    while server.is_up():  # the last user out (the watcher) stops the server
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


DELETE_ALL = ("from ecograph.graph.backends import open_store; "
              "from ecograph.queries.documents import delete_document, list_documents; "
              "store = open_store(); [delete_document(store, d.id) for d in list_documents(store).items]")


def _state(store: GraphStore) -> tuple[object, ...]:
    """What every step of a removal or replacement changes: the graph's version, document
    records, and which documents each entity names."""
    docs = tuple(sorted((r["id"], len(r["docs"] or [])) for r in iter_rows(store, "list_entities")))
    return fingerprint(store), queries.run(store, "count_documents")[0]["documents"], docs


def _kill_after_steps(start: Callable[[], subprocess.Popen[str]], data: Path, steps: int) -> int:
    """Start a process writing to the store in `data` and SIGKILL it once the store has been seen to
    change `steps` times; returns the changes seen (fewer when the process finished first). The
    store's server is started here first, so the watch misses no step while the process starts."""
    with open_store(Settings(data_dir=data)) as watcher:
        last, seen = _state(watcher), 0
        proc = start()
        while seen < steps and proc.poll() is None:
            if (now := _state(watcher)) != last:
                seen, last = seen + 1, now
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
    return seen


@pytest.fixture(scope="module")
def replaced(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> tuple[Path, Path, Path, Snapshot]:
    """The seeds ingested (a stopped data folder to copy), the same names with other content (half
    of each text, and a line of its own), and the graph an uninterrupted replacement leaves."""
    root = tmp_path_factory.mktemp("replace")
    first, second = root / "first" / "docs", root / "second" / "docs"
    for src in sorted(seeds_dir.iterdir()):
        lines = src.read_text(encoding="utf-8").splitlines()
        (first / src.name).parent.mkdir(parents=True, exist_ok=True)
        (second / src.name).parent.mkdir(parents=True, exist_ok=True)
        (first / src.name).write_text("\n".join(lines) + "\n", encoding="utf-8")
        (second / src.name).write_text("\n".join(lines[: len(lines) // 2] + ["更新后的版本。"]) + "\n", encoding="utf-8")
    base = root / "base" / "data"
    base.parent.mkdir()
    out, err = _ingest(first, base, group=1).communicate(timeout=300)
    assert out.startswith("5 ingested"), (out, err)
    reference = root / "reference" / "data"
    reference.parent.mkdir()
    shutil.copytree(base, reference, ignore=shutil.ignore_patterns("*.sock", "server.lock"))
    out, err = _ingest(second, reference, 1, "--replace").communicate(timeout=300)  # same names, another folder
    assert out.startswith("5 ingested"), (out, err)
    return base, first, second, snapshot(reference)


@pytest.mark.parametrize("steps", range(1, KILL_POINTS + 1))
def test_a_replacement_killed_after_any_step_then_rerun_equals_an_uninterrupted_run(
    replaced: tuple[Path, Path, Path, Snapshot], tmp_path: Path, steps: int
) -> None:
    base, first, second, want = replaced
    data = tmp_path / "data"
    shutil.copytree(base, data, ignore=shutil.ignore_patterns("*.sock", "server.lock"))
    assert snapshot(data) != want
    assert _kill_after_steps(lambda: _ingest(second, data, 1, "--replace"), data, steps) >= 1
    out, err = _ingest(second, data, 1, "--replace").communicate(timeout=300)
    assert ", 0 failed" in out, (out, err)
    assert_same(snapshot(data), want)


@pytest.mark.parametrize("steps", range(1, KILL_POINTS + 1))
def test_removals_killed_after_any_step_then_the_same_ingest_restores_the_graph(
    replaced: tuple[Path, Path, Path, Snapshot], tmp_path: Path, steps: int
) -> None:
    """Removing documents one by one, killed at any point: re-running the ingest of the same files
    gives back the graph they made. A removal in several steps fails this: killed after its evidence
    went but before its record did, the file then reads as unchanged and its evidence stays lost."""
    base, first, _, _ = replaced
    data = tmp_path / "data"
    shutil.copytree(base, data, ignore=shutil.ignore_patterns("*.sock", "server.lock"))
    want = snapshot(data)
    env = {**os.environ, "ECOGRAPH_DATA_DIR": str(data)}
    delete = [sys.executable, "-c", DELETE_ALL]
    assert _kill_after_steps(lambda: subprocess.Popen(delete, cwd=tmp_path, env=env, text=True), data, steps) >= 1
    out, err = _ingest(first, data, group=1).communicate(timeout=300)
    assert ", 0 failed" in out, (out, err)
    assert_same(snapshot(data), want)
