"""p50/p99 latency of GET /chains/{name}/labs over real HTTP on the seed graph.

Ingests the seeds into a fresh embedded store, starts `uvicorn` on 127.0.0.1 in a child process
(as `ecograph serve` does), then times a bounded number of sequential requests per chain name
with httpx after a warm-up. Run: python bench/api_latency.py [--requests N]
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from ecograph.graph.backends import open_store
from ecograph.graph.settings import Settings
from ecograph.loaders.ingest import ingest_paths

SEEDS = Path(__file__).resolve().parents[1].parent / "shared/corpus/seeds"
NAMES = ("现代煤化工", "photovoltaic", "光電", "hydrogen", "高端装备制造", "生物医药大健康")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(url: str, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            httpx.get(url, timeout=1.0)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise SystemExit(f"the server at {url} did not come up")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=500, help="timed requests per chain name")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ecograph-bench-") as tmp:
        data_dir = Path(tmp)
        store = open_store(Settings(data_dir=data_dir))  # this process owns the embedded server
        print(ingest_paths([SEEDS], store).summary(), file=sys.stderr)
        port = _free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "--factory", "ecograph.api.app:create_app", "--host", "127.0.0.1",
             "--port", str(port), "--log-level", "warning"],
            env={**os.environ, "ECOGRAPH_DATA_DIR": str(data_dir)},
        )
        try:
            base = f"http://127.0.0.1:{port}"
            _wait(f"{base}/stats")
            timings: list[float] = []
            with httpx.Client(base_url=base, timeout=10.0) as client:
                for name in NAMES:
                    for i in range(20 + args.requests):
                        started = time.perf_counter()
                        response = client.get(f"/chains/{name}/labs")
                        elapsed = time.perf_counter() - started
                        response.raise_for_status()
                        if i >= 20:  # warm-up requests are not timed
                            timings.append(elapsed * 1000)
            cuts = statistics.quantiles(timings, n=100)
            print(f"GET /chains/{{name}}/labs over HTTP, {len(timings)} requests on {len(NAMES)} chain names: "
                  f"p50 {cuts[49]:.1f} ms, p99 {cuts[98]:.1f} ms, max {max(timings):.1f} ms")
        finally:
            server.terminate()
            server.wait(timeout=30)
            store.close()


if __name__ == "__main__":
    main()
