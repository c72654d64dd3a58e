"""The embedded FalkorDB server: shared per folder while any process uses it, durable, and never left
running once its last user is gone, however that user ended."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from bench.synthetic import chain_graph
from ecograph import queries
from ecograph.graph import embedded
from ecograph.graph.backends import open_store
from ecograph.graph.embedded import EmbeddedServer
from ecograph.graph.falkordb_store import FalkorStore
from ecograph.graph.model import Graph, Label, Node
from ecograph.graph.settings import Settings
from tests.conftest import stored_nodes


def _server_pids(data_dir: Path) -> list[int]:
    out = subprocess.run(["pgrep", "-f", f"unixsocket:{EmbeddedServer(data_dir).socket}"],
                         capture_output=True, text=True)
    return [int(p) for p in out.stdout.split()]


def _wait_gone(data_dir: Path, seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not _server_pids(data_dir):
            return True
        time.sleep(0.05)
    return False


def _names(store: FalkorStore) -> set[str]:
    return {n.name for n in stored_nodes(store)}


def test_second_store_reuses_the_running_server(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "d")
    first = open_store(settings)
    second = open_store(settings)
    assert isinstance(first, FalkorStore) and isinstance(second, FalkorStore)
    assert first.started and not second.started
    first.write(Graph(nodes=[Node.make(Label.Region, "长治市")]))
    assert _names(second) == {"长治市"}
    second.close()
    assert _server_pids(tmp_path / "d"), "closing a reusing store must not stop the server"
    first.close()
    assert _wait_gone(tmp_path / "d")


def test_data_survives_a_clean_restart(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "d")
    with open_store(settings) as store:
        store.write(Graph(nodes=[Node.make(Label.University, "浙江大学")]))
    assert _wait_gone(tmp_path / "d")
    with open_store(settings) as store:
        assert _names(store) == {"浙江大学"}


def test_acknowledged_write_survives_a_server_crash(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "d")
    store = open_store(settings)
    store.write(Graph(nodes=[Node.make(Label.Lab, "光伏材料重点实验室")]))
    [pid] = _server_pids(tmp_path / "d")
    os.kill(pid, signal.SIGKILL)
    assert _wait_gone(tmp_path / "d")
    store.close()
    with open_store(settings) as again:
        assert _names(again) == {"光伏材料重点实验室"}


def _starter(data: Path) -> subprocess.Popen[str]:
    """Another process that opens the store for `data` (starting its server) and then waits."""
    script = textwrap.dedent(f"""
        import time
        from pathlib import Path
        from ecograph.graph.settings import Settings
        from ecograph.graph.backends import open_store
        store = open_store(Settings(data_dir=Path({str(data)!r})))
        print("up", flush=True)
        time.sleep(60)
    """)
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True,
                             cwd=Path(__file__).resolve().parents[2])
    assert child.stdout is not None and child.stdout.readline().strip() == "up"
    return child


def test_killed_starter_leaves_no_server_behind(tmp_path: Path) -> None:
    data = tmp_path / "d"
    child = _starter(data)
    assert _server_pids(data)
    child.kill()
    child.wait()
    assert _wait_gone(data), "the server outlived the process that started it"


def test_a_killed_starter_leaves_the_server_to_its_other_users_and_the_last_one_out_stops_it(tmp_path: Path) -> None:
    data = tmp_path / "d"
    child = _starter(data)
    store = open_store(Settings(data_dir=data))
    assert isinstance(store, FalkorStore) and not store.started
    child.kill()
    child.wait()
    time.sleep(1)  # several rounds of the server's parent counting users
    store.write(Graph(nodes=[Node.make(Label.Region, "晋中市")]))
    assert _names(store) == {"晋中市"}
    store.close()
    assert _wait_gone(data), "the last user closed, and the server kept running"
    with open_store(Settings(data_dir=data)) as again:
        assert _names(again) == {"晋中市"}


def test_bulk_load_survives_a_server_crash(tmp_path: Path) -> None:
    """bulk_load runs with the append-only file off and rebuilds it before returning."""
    settings = Settings(data_dir=tmp_path / "d")
    store = open_store(settings)
    graph = chain_graph("氢能", 200)
    summary = store.bulk_load(graph)
    assert store._db.connection.config_get("appendonly")["appendonly"] == "yes"
    [pid] = _server_pids(tmp_path / "d")
    os.kill(pid, signal.SIGKILL)
    assert _wait_gone(tmp_path / "d")
    store.close()
    with open_store(settings) as again:
        assert sum(r["count"] for r in queries.run(again, "count_by_label")) == summary.nodes == len(graph.nodes)
        assert sum(r["count"] for r in queries.run(again, "count_by_type")) == summary.edges
        assert _names(again) == {n.name for n in graph.nodes}


def test_clean_stop_rewrites_a_grown_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The next start loads the saved graph instead of replaying every logged query."""
    monkeypatch.setattr(embedded, "_LOG_SLACK", 0)
    settings = Settings(data_dir=tmp_path / "d")
    store = open_store(settings)
    assert isinstance(store, FalkorStore)
    store.write(chain_graph("光伏", 50))
    logged = store._db.connection.info("persistence")
    assert logged["aof_current_size"] > logged["aof_base_size"]
    store.close()
    with open_store(settings) as again:
        assert isinstance(again, FalkorStore)
        restarted = again._db.connection.info("persistence")
        assert restarted["aof_current_size"] - restarted["aof_base_size"] < logged["aof_current_size"] - logged["aof_base_size"]
        assert _names(again) == {n.name for n in chain_graph("光伏", 50).nodes}
