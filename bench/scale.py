"""Issue 6 at scale: bulk load, query latency (store and HTTP) and GraphML export of a synthetic graph.

    python bench/scale.py --nodes 1000000 --rels 3000000 --compare-rels 300000

1. generate the graph (bench/synth.py) and load it with GRAPH.BULK (FalkorStore.bulk_load); the same
   run loads `--compare-rels` relationships three ways into fresh stores: GRAPH.BULK, UNWIND CREATE
   (GraphStore.bulk_load, the Neo4j path) and MERGE (GraphStore.write, the incremental path);
2. p50/p99 through the store of the read functions the API uses (queries/views.py);
3. p50/p99 and req/s of GET /chains/{name}/labs over HTTP with wrk, concurrency 1 and 32;
4. GraphML export streamed from the store vs networkx's write_graphml of the same graph, each in
   its own process so peak RSS is the export's own; the streamed file is read back with networkx.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import synth  # noqa: E402
from graph.errors import QueryFailed  # noqa: E402
from graph.falkordb_store import FalkorStore  # noqa: E402
from graph.model import Graph, Label, RelType  # noqa: E402
from graph.settings import Settings  # noqa: E402
from graph.store import GraphStore, open_store  # noqa: E402
from queries import views  # noqa: E402


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def server_rss_mb(store: FalkorStore) -> tuple[float, float]:
    """(current, peak) RSS of the embedded redis-server."""
    pid = store._db.connection.info("server")["process_id"]
    status = Path(f"/proc/{pid}/status").read_text()
    field = {line.split(":")[0]: line.split()[1] for line in status.splitlines() if line.startswith("Vm")}
    return int(field["VmRSS"]) / 1024, int(field["VmHWM"]) / 1024


def wait_indexes(store: GraphStore) -> None:
    while any(r["status"] != "OPERATIONAL" for r in store.run("list_index_status")):
        time.sleep(0.2)


def load_compare(g: Graph, rels: int, root: Path) -> dict[str, float]:
    """Relationships/s of the three load paths on the first `rels` relationships (fresh store each)."""
    ids = {e.source for e in g.edges[:rels]} | {e.target for e in g.edges[:rels]}
    sub = Graph(nodes=[n for n in g.nodes if n.id in ids], edges=g.edges[:rels])
    out: dict[str, float] = {}
    for name in ("bulk", "create", "merge"):
        store = open_store(Settings(data_dir=root / f"cmp-{name}"))
        t = time.perf_counter()
        if name == "bulk":
            store.bulk_load(sub)
        elif name == "create":
            GraphStore.bulk_load(store, sub)
        else:
            store.write(sub)
        dt = time.perf_counter() - t
        out[name] = len(sub.edges) / dt
        print(f"  {name}: {len(sub.nodes):,} nodes + {len(sub.edges):,} rels in {dt:.1f} s = {out[name]:,.0f} rels/s",
              file=sys.stderr)
        store.close()
    return out


def pct(samples: list[float]) -> dict[str, float]:
    s = sorted(samples)
    return {"p50_ms": statistics.median(s) * 1000, "p99_ms": s[min(len(s) - 1, int(len(s) * 0.99))] * 1000,
            "n": len(s)}


def store_latency(store: GraphStore, g: Graph, n: int) -> dict[str, Any]:
    rnd = random.Random(1)
    chains = [c for c in synth.chain_names()]
    orgs = [x for x in g.nodes if x.label in (Label.Company, Label.Lab, Label.University)]
    sizes: dict[str, int] = {}
    cases = {
        "chain_labs": lambda: views.chain_labs(store, rnd.choice(chains)),
        "entity_detail": lambda: views.entity_detail(store, rnd.choice(orgs).id),
        "neighbours_2hop": lambda: views.neighbours(store, rnd.choice(orgs).id, depth=2, limit=100),
        "paths": lambda: views.paths(store, rnd.choice(orgs).id, rnd.choice(orgs).id, max_len=4, limit=10),
    }
    out: dict[str, Any] = {}
    for name, call in cases.items():
        times, failed = [], 0
        for i in range(n + 5):
            t = time.perf_counter()
            try:
                call()
            except QueryFailed:  # the store's read timeout (ECOGRAPH_QUERY_TIMEOUT_MS): counted, not timed
                failed += 1
                continue
            if i >= 5:  # the first calls warm caches
                times.append(time.perf_counter() - t)
        out[name] = {**pct(times), "timed_out": failed} if times else {"timed_out": failed}
        print(f"  store {name}: {out[name]}", file=sys.stderr)
    for c in chains[:3] + chains[-3:]:
        sizes[c] = len(views.chain_labs(store, c).labs)
    out["labs_per_chain_sample"] = sizes
    return out


def http_latency(data_dir: Path, chain: str, seconds: int) -> dict[str, Any]:
    port = 8765
    env = {**os.environ, "ECOGRAPH_DATA_DIR": str(data_dir)}
    server = subprocess.Popen([sys.executable, "-m", "uvicorn", "--factory", "api.app:create_app", "--host",
                               "127.0.0.1", "--port", str(port), "--log-level", "warning"], env=env)
    try:
        import httpx

        url = f"http://127.0.0.1:{port}/chains/{quote(chain)}/labs"
        for _ in range(300):
            try:
                if httpx.get(url, timeout=30).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        out: dict[str, Any] = {"url": url}
        for conns in (1, 32):
            cmd = ["wrk", "-t", "2" if conns > 1 else "1", "-c", str(conns), "-d", f"{seconds}s", "--latency",
                   "--timeout", "10s", url]
            text = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
            out[f"c{conns}"] = text
            print(text, file=sys.stderr)
        return out
    finally:
        server.terminate()
        server.wait()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", type=int, default=100_000)
    ap.add_argument("--rels", type=int, default=300_000)
    ap.add_argument("--compare-rels", type=int, default=100_000, help="size of the bulk/CREATE/MERGE comparison")
    ap.add_argument("--queries", type=int, default=200, help="timed calls per read function")
    ap.add_argument("--http-seconds", type=int, default=10)
    ap.add_argument("--skip-networkx", action="store_true")
    ap.add_argument("--out", type=Path, default=Path("bench-scale.json"))
    ap.add_argument("--workdir", type=Path, default=None, help="keep stores and files here (default: a temp dir)")
    args = ap.parse_args()
    root = args.workdir or Path(tempfile.mkdtemp(prefix="ecograph-scale-"))
    root.mkdir(parents=True, exist_ok=True)
    res: dict[str, Any] = {"nodes": args.nodes, "rels": args.rels}

    t = time.perf_counter()
    g = synth.graph(args.nodes, args.rels)
    res["generate_s"] = time.perf_counter() - t
    print(f"generated {len(g.nodes):,} nodes / {len(g.edges):,} rels in {res['generate_s']:.1f} s", file=sys.stderr)

    res["compare_rels_per_s"] = load_compare(g, args.compare_rels, root)

    data_dir = root / "big"
    store = open_store(Settings(data_dir=data_dir))
    assert isinstance(store, FalkorStore)
    t = time.perf_counter()
    summary = store.bulk_load(g)
    res["bulk_s"] = time.perf_counter() - t
    wait_indexes(store)
    res["bulk_with_indexes_s"] = time.perf_counter() - t
    res["bulk_rels_per_s"] = summary.edges / res["bulk_s"]
    res["bulk_rels_per_s_incl_indexes"] = summary.edges / res["bulk_with_indexes_s"]
    res["server_rss_mb"], res["server_peak_rss_mb"] = server_rss_mb(store)
    print(f"bulk: {summary.nodes:,} nodes {summary.edges:,} rels in {res['bulk_s']:.1f} s "
          f"({res['bulk_rels_per_s']:,.0f} rels/s), indexes ready at {res['bulk_with_indexes_s']:.1f} s", file=sys.stderr)
    del summary
    res["store"] = store_latency(store, g, args.queries)
    del g
    gc.collect()
    biggest = max(res["store"]["labs_per_chain_sample"], key=res["store"]["labs_per_chain_sample"].get)
    smallest = min(res["store"]["labs_per_chain_sample"], key=res["store"]["labs_per_chain_sample"].get)
    res["http"] = {c: http_latency(data_dir, c, args.http_seconds) for c in (smallest, biggest)}

    graphml = root / "streamed.graphml"
    res["export_streamed"] = child("stream", data_dir, graphml)
    res["server_after_export_rss_mb"] = server_rss_mb(store)
    if not args.skip_networkx:
        res["export_networkx"] = child("networkx", data_dir, graphml)
    store.close()
    args.out.write_text(json.dumps(res, ensure_ascii=False, indent=1))
    print(json.dumps({k: v for k, v in res.items() if k != "http"}, ensure_ascii=False, indent=1))


def child(mode: str, data_dir: Path, graphml: Path) -> dict[str, Any]:
    """Run one export in a fresh process (bench/export_one.py) and return what it measured."""
    cmd = [sys.executable, str(Path(__file__).with_name("export_one.py")), mode, str(data_dir), str(graphml)]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True)
    print(out.stderr, file=sys.stderr)
    return json.loads(out.stdout)


if __name__ == "__main__":
    main()
