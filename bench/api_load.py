"""Bounded load test of the API on loopback: N concurrent clients for S seconds, errors and p50/p99.

Ingests the seeds into a fresh embedded store, starts `uvicorn` on 127.0.0.1 in a child process
(as `ecograph serve` does), then runs `--clients` httpx async clients for `--seconds`, each sending
the next request of a fixed mix of JSON reads and HTML pages as soon as its last one answered.
An error is a transport failure, a timeout or any status other than the one expected.
Run: python bench/api_load.py [--clients 50] [--seconds 60]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import httpx

from ecograph.graph.backends import open_store
from ecograph.graph.settings import Settings
from ecograph.loaders.ingest import ingest_paths

SEEDS = Path(__file__).resolve().parents[1].parent / "shared/corpus/seeds"
LOOPBACK = "127.0.0.1"


@dataclass
class LoadResult:
    """What a load run saw: every latency in ms, and the errors by kind."""

    seconds: float
    latencies_ms: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)

    @property
    def requests(self) -> int:
        return len(self.latencies_ms) + sum(self.errors.values())

    def line(self) -> str:
        cuts = statistics.quantiles(self.latencies_ms, n=100) if len(self.latencies_ms) > 1 else [0.0] * 99
        return (f"{self.requests} requests in {self.seconds:.0f} s ({self.requests / self.seconds:.0f}/s), "
                f"{sum(self.errors.values())} errors {dict(self.errors)}; p50 {cuts[49]:.1f} ms, "
                f"p99 {cuts[98]:.1f} ms, max {max(self.latencies_ms, default=0):.1f} ms")


@contextmanager
def serving(data_dir: Path) -> Iterator[str]:
    """The real app in a uvicorn child process on a free loopback port; yields its base URL."""
    with socket.socket() as s:
        s.bind((LOOPBACK, 0))
        port = int(s.getsockname()[1])
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "--factory", "ecograph.api.app:create_app", "--host", LOOPBACK,
         "--port", str(port), "--log-level", "warning"],
        env={**os.environ, "ECOGRAPH_DATA_DIR": str(data_dir)}, cwd=Path(__file__).resolve().parents[1],
    )
    base = f"http://{LOOPBACK}:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/openapi.json", timeout=2.0).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the server at {base} did not come up")
            time.sleep(0.1)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def request_mix(base: str) -> list[tuple[str, str]]:
    """(path, Accept) pairs the clients cycle through: JSON reads of chains, entities, neighbours,
    search and documents, and the same entity and chain URLs as HTML pages."""
    with httpx.Client(base_url=base, timeout=30) as client:
        chains = [c["name"] for c in client.get("/chains").json()][:4]
        entities = [e["id"] for e in client.get("/entities", params={"q": "大学", "limit": 4}).json()["items"]]
    json_paths = ["/stats", "/chains", "/documents", f"/entities?q={quote('实验室')}"]
    json_paths += [p for name in chains for p in (f"/chains/{quote(name)}", f"/chains/{quote(name)}/labs")]
    json_paths += [p for e in entities for p in (f"/entities/{e}", f"/entities/{e}/neighbours")]
    pages = ["/", f"/search?q={quote('大学')}", *(f"/chains/{quote(n)}" for n in chains[:2]),
             *(f"/entities/{e}" for e in entities[:2])]
    return [(p, "application/json") for p in json_paths] + [(p, "text/html") for p in pages]


async def _client(base: str, mix: list[tuple[str, str]], start: int, deadline: float, result: LoadResult) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=30.0) as client:
        for path, accept in itertools.islice(itertools.cycle(mix), start, None):
            if time.monotonic() >= deadline:
                return
            began = time.perf_counter()
            try:
                response = await client.get(path, headers={"Accept": accept})
            except httpx.HTTPError as exc:
                result.errors[type(exc).__name__] += 1
                continue
            if response.status_code != 200:
                result.errors[f"HTTP {response.status_code}"] += 1
            else:
                result.latencies_ms.append((time.perf_counter() - began) * 1000)


def run_load(base: str, clients: int, seconds: float) -> LoadResult:
    """`clients` concurrent clients against `base` for `seconds`, each request after the last answered."""
    if not base.startswith(f"http://{LOOPBACK}:"):
        raise ValueError("the load test only runs against loopback")
    mix = request_mix(base)
    result = LoadResult(seconds=seconds)

    async def main() -> None:
        deadline = time.monotonic() + seconds
        await asyncio.gather(*(_client(base, mix, i, deadline, result) for i in range(clients)))

    asyncio.run(main())
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ecograph-load-") as tmp:
        store = open_store(Settings(data_dir=Path(tmp)))  # this process owns the embedded server
        try:
            print(ingest_paths([SEEDS], store).summary(), file=sys.stderr)
            with serving(Path(tmp)) as base:
                result = run_load(base, args.clients, args.seconds)
        finally:
            store.close()
    print(f"{args.clients} clients: {result.line()}")


if __name__ == "__main__":
    main()
