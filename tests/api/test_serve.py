"""`ecograph serve` with ECOGRAPH_SERVE_WORKERS=2, as a user runs it: two processes answer on one
port over the same store, keep-alive requests are not held back by a delayed ACK, and stopping the
command stops every process. Real processes, real HTTP."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from ecograph.graph.settings import Settings
from tests.api.conftest import SEEDS


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _children(pid: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


def test_serve_workers_is_a_setting_of_at_least_one(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings().serve_workers == 1
    monkeypatch.setenv("ECOGRAPH_SERVE_WORKERS", "2")
    assert Settings().serve_workers == 2
    monkeypatch.setenv("ECOGRAPH_SERVE_WORKERS", "0")
    with pytest.raises(ValueError):
        Settings()


def test_two_serve_processes_answer_on_one_port(tmp_path: Path, backend: str) -> None:
    if backend != "falkordb":
        pytest.skip("the processes share the embedded store")
    data, port = tmp_path / "data", _free_port()
    env = {**os.environ, "ECOGRAPH_DATA_DIR": str(data), "ECOGRAPH_SERVE_WORKERS": "2"}
    run = [sys.executable, "-m", "ecograph"]
    subprocess.run([*run, "ingest", "-q", str(next(SEEDS.glob("001_*.txt")))], env=env, check=True,
                   capture_output=True, timeout=300)
    server = subprocess.Popen([*run, "serve", "--port", str(port), "--log-level", "warning"], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(300):
            try:
                if httpx.get(f"{base}/chains/现代煤化工/labs", timeout=30).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        workers = _children(server.pid)
        assert len(workers) == 2
        with httpx.Client(base_url=base) as client:  # one keep-alive connection, as a load generator uses
            first = client.get("/chains/现代煤化工/labs", params={"limit": 2})
            t = time.perf_counter()
            answers = [client.get("/chains/现代煤化工/labs", params={"limit": 2}) for _ in range(20)]
            elapsed = time.perf_counter() - t
        assert first.status_code == 200 and all(a.content == first.content for a in answers)
        assert elapsed < 20 * 0.035, "keep-alive requests wait for a delayed ACK (no TCP_NODELAY)"
    finally:
        server.send_signal(signal.SIGTERM)
        _, err = server.communicate(timeout=30)
    assert server.returncode == 0, err.decode()
    assert not any(Path(f"/proc/{pid}").exists() for pid in workers)
