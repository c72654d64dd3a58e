"""Issue 6 at scale: bulk load, query latency (store and HTTP) and GraphML export of a synthetic graph.

    python bench/scale.py --nodes 1000000 --rels 3000000 --workdir /tmp/scale [--phases load,store,...]

Phases (each can be rerun alone on the store a previous run kept in --workdir):
  load     generate the rows (bench/synth.py graph_rows) and GRAPH.BULK them into a fresh store;
  compare  load --compare-nodes/--compare-rels three ways into fresh stores: GRAPH.BULK, UNWIND CREATE
           (GraphStore.bulk_load_rows, the path Neo4j uses) and MERGE (GraphStore.write, incremental);
  store    p50/p99 through the store of the read functions the API uses (queries/);
  http     p50/p99 and req/s of GET /chains/{name}/labs over HTTP with wrk, concurrency 1 and 32;
  export   GraphML streamed from the store vs networkx (the store read into a MultiDiGraph, then
           write_graphml), each in its own process so peak RSS is its own; the streamed file is read
           back with networkx and opened by shared/eval/score_graph.py.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import rss, synth  # noqa: E402
from ecograph.graph.backends import open_store  # noqa: E402
from ecograph.graph.errors import QueryFailed  # noqa: E402
from ecograph.graph.falkordb_store import FalkorStore  # noqa: E402
from ecograph.graph.model import Graph, Label, Node  # noqa: E402
from ecograph.graph.settings import Settings  # noqa: E402
from ecograph.graph.store import GraphStore  # noqa: E402
from ecograph.queries.chains import ChainCache, chain_labs  # noqa: E402
from ecograph.queries.entities import entity_detail, neighbours  # noqa: E402
from ecograph.queries.paths import paths  # noqa: E402


def peak_rss_mb() -> float:
    return rss.rss_mb()[1]


def server_rss_mb(store: FalkorStore) -> tuple[float, float]:
    """(current, peak) RSS of the embedded redis-server."""
    return rss.rss_mb(store._db.connection.info("server")["process_id"])


def wait_indexes(store: GraphStore) -> None:
    while any(r["status"] != "OPERATIONAL" for r in store.run("list_index_status")):
        time.sleep(0.2)


def load_compare(nodes: int, rels: int, root: Path) -> dict[str, float]:
    """Relationships/s of the three load paths on one smaller synthetic graph, a fresh store each:
    GRAPH.BULK (FalkorStore.bulk_load_rows), UNWIND CREATE (GraphStore.bulk_load_rows, the portable
    path Neo4j uses) and MERGE (GraphStore.write, the incremental path ingest uses)."""
    node_rows, edge_rows = synth.graph_rows(nodes, rels, seed=7)
    g = synth.graph(nodes, rels, seed=7)
    out: dict[str, float] = {}
    for name in ("bulk", "create", "merge"):
        store = open_store(Settings(data_dir=root / f"cmp-{name}"))
        t = time.perf_counter()
        if name == "bulk":
            summary = store.bulk_load_rows(node_rows, edge_rows)
        elif name == "create":
            summary = GraphStore.bulk_load_rows(store, node_rows, edge_rows)
        else:
            summary = store.write(g)
        dt = time.perf_counter() - t
        out[name] = summary.edges / dt
        print(f"  {name}: {summary.nodes:,} nodes + {summary.edges:,} rels in {dt:.1f} s = {out[name]:,.0f} rels/s",
              file=sys.stderr)
        store.close()
        shutil.rmtree(root / f"cmp-{name}")
    return out


def load_big(args: argparse.Namespace, data_dir: Path, sample: Path) -> dict[str, Any]:
    """Generate the big graph's rows and GRAPH.BULK them into a fresh store; keep a sample of ids."""
    res: dict[str, Any] = {}
    t = time.perf_counter()
    node_rows, edge_rows = synth.graph_rows(args.nodes, args.rels)
    res["generate_s"] = time.perf_counter() - t
    res["generate_peak_rss_mb"] = peak_rss_mb()
    print(f"generated {args.nodes:,} nodes / {args.rels:,} rels in {res['generate_s']:.1f} s", file=sys.stderr)
    rnd = random.Random(2)
    orgs = [(label.value, r["id"], r["name"]) for label in (Label.Company, Label.Lab, Label.University)
            for r in rnd.sample(list(node_rows[label]), min(2000, len(node_rows[label])))]
    sample.write_text(json.dumps(orgs, ensure_ascii=False))
    store = open_store(Settings(data_dir=data_dir))
    assert isinstance(store, FalkorStore)
    t = time.perf_counter()
    summary = store.bulk_load_rows(node_rows, edge_rows)
    res["bulk_s"] = time.perf_counter() - t
    wait_indexes(store)
    res["bulk_with_indexes_s"] = time.perf_counter() - t
    res["bulk_nodes"], res["bulk_rels"] = summary.nodes, summary.edges
    res["bulk_rels_per_s"] = summary.edges / res["bulk_s"]
    res["bulk_rels_per_s_incl_indexes"] = summary.edges / res["bulk_with_indexes_s"]
    res["load_peak_rss_mb"] = peak_rss_mb()
    res["server_rss_mb"], res["server_peak_rss_mb"] = server_rss_mb(store)
    print(f"bulk: {summary.nodes:,} nodes {summary.edges:,} rels in {res['bulk_s']:.1f} s "
          f"({res['bulk_rels_per_s']:,.0f} rels/s), indexes ready at {res['bulk_with_indexes_s']:.1f} s", file=sys.stderr)
    store.close()
    return res


def pct(samples: list[float]) -> dict[str, float]:
    s = sorted(samples)
    return {"p50_ms": statistics.median(s) * 1000, "p99_ms": s[min(len(s) - 1, int(len(s) * 0.99))] * 1000,
            "n": len(s)}


def store_latency(store: GraphStore, g: Graph, n: int) -> dict[str, Any]:
    """p50/p99 of the read functions the API uses. The first chain_labs call of each chain counts its
    labs and scans for keywords (kept until the graph changes): timed apart as `chain_totals_cold`."""
    rnd = random.Random(1)
    chains = [c for c in synth.chain_names()]
    orgs = [x for x in g.nodes if x.label in (Label.Company, Label.Lab, Label.University)]
    out: dict[str, Any] = {}
    cache = ChainCache()  # what the API keeps on app.state
    t = time.perf_counter()
    totals = {c: (page.stated, page.inferred) for c in chains for page in [chain_labs(store, c, limit=1, cache=cache)]}
    out["chain_totals_cold_s"] = time.perf_counter() - t
    out["labs_per_chain_sample"] = {c: totals[c] for c in chains[:3] + chains[-3:]}  # (stated, inferred)
    print(f"  store chain totals, {len(chains)} chains cold: {out['chain_totals_cold_s']:.1f} s", file=sys.stderr)
    found = 0

    def path() -> None:
        nonlocal found
        found += bool(paths(store, rnd.choice(orgs).id, rnd.choice(orgs).id, max_len=4, limit=10).paths)

    # Random pairs are rarely joined once regions and chains are no stepping stones, so the same
    # search is also timed between pairs known to be joined: an entity and the farthest one of its
    # 3-hop neighbourhood (regions and chains excluded, as paths exclude them).
    pairs = []
    while len(pairs) < n + 5:
        start = rnd.choice(orgs).id
        far = [x for x in neighbours(store, start, depth=3, limit=100).nodes
               if x.label not in (Label.Region, Label.IndustryChain) and x.distance > 1]
        if far:
            pairs.append((start, max(far, key=lambda x: x.distance).id))
    joined = iter(pairs)
    joined_found = 0

    def joined_path() -> None:
        nonlocal joined_found
        joined_found += bool(paths(store, *next(joined), max_len=6, limit=10).paths)

    cases = {
        "chain_labs_page20": lambda: chain_labs(store, rnd.choice(chains), limit=20, offset=rnd.choice([0, 20, 200]), cache=cache),
        "chain_labs_page200": lambda: chain_labs(store, rnd.choice(chains), cache=cache),
        "chain_labs_biggest_page20": lambda: chain_labs(store, chains[0], limit=20, cache=cache),
        "entity_detail": lambda: entity_detail(store, rnd.choice(orgs).id),
        "neighbours_2hop": lambda: neighbours(store, rnd.choice(orgs).id, depth=2, limit=100),
        "paths": path,
        "paths_joined": joined_path,
    }
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
    out["paths"]["found"] = found
    out["paths_joined"]["found"] = joined_found
    return out


def http_latency(data_dir: Path, chain: str, seconds: int) -> dict[str, Any]:
    """GET /chains/{chain}/labs over HTTP, as `ecograph serve --log-level warning` runs it, with
    ECOGRAPH_SERVE_WORKERS 1 and 2 (or only the one given in the environment).

    The API caches the rendered answer until the graph changes (api/cache.py), so two figures per
    page size: `uncached` - sequential requests for pages not asked before (distinct offsets, the
    chain's totals already counted), each computed by queries.chains.chain_labs and rendered: what a first
    request costs; and `cached` - wrk at concurrency 1 and 32 on one URL after a warm-up that filled
    every process's cache: what repeated reads cost."""
    import httpx

    given = os.environ.get("ECOGRAPH_SERVE_WORKERS")
    out: dict[str, Any] = {}
    for workers in [int(given)] if given else [1, 2]:
        port = 8765
        env = {**os.environ, "ECOGRAPH_DATA_DIR": str(data_dir), "ECOGRAPH_SERVE_WORKERS": str(workers)}
        server = subprocess.Popen([sys.executable, "-m", "ecograph", "serve", "--port",
                                   str(port), "--log-level", "warning"], env=env)
        try:
            base = f"http://127.0.0.1:{port}/chains/{quote(chain)}/labs"
            for _ in range(600):
                try:
                    if httpx.get(base, params={"limit": 1}, timeout=120).status_code == 200:  # counts the totals
                        break
                except httpx.TransportError:
                    time.sleep(0.1)

            def warm(params: dict[str, int], url: str = base, n: int = workers * 32) -> None:
                """Concurrent requests on fresh connections, so that they reach every process."""
                from concurrent.futures import ThreadPoolExecutor

                with ThreadPoolExecutor(16) as pool:
                    for r in pool.map(lambda _: httpx.get(url, params=params, timeout=120), range(n)):
                        r.raise_for_status()

            total = sum(httpx.get(base, params={"limit": 1}, timeout=120).json()[k] for k in ("stated", "inferred"))
            res: dict[str, Any] = {"url": base, "labs": total}
            with httpx.Client(timeout=120) as client:
                warm({"limit": 1, "offset": 1})  # every process counts the chain's totals before timing
                for page in (20, 200):
                    offsets = list(range(2, max(3, total), max(1, total // 40)))[:40]
                    times = []
                    for off in offsets:
                        t = time.perf_counter()
                        client.get(base, params={"limit": page, "offset": off}).raise_for_status()
                        times.append(time.perf_counter() - t)
                    res[f"uncached_limit{page}"] = pct(times)
                    print(f"  http {chain} w{workers} uncached limit={page}: {res[f'uncached_limit{page}']}", file=sys.stderr)
            for page in (20, 200):
                warm({"limit": page})  # so that every process has the page cached
                for conns in (1, 32):
                    cmd = ["wrk", "-t", "2" if conns > 1 else "1", "-c", str(conns), "-d", f"{seconds}s", "--latency",
                           "--timeout", "10s", f"{base}?limit={page}"]
                    text = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
                    res[f"cached_limit{page}_c{conns}"] = _wrk_summary(text)
                    print(f"  http {chain} w{workers} cached limit={page} c={conns}: "
                          f"{res[f'cached_limit{page}_c{conns}']}", file=sys.stderr)
            out[f"workers{workers}"] = res
        finally:
            server.terminate()
            server.wait()
    return out


def _wrk_summary(text: str) -> dict[str, Any]:
    """p50, p99 (ms), req/s and non-2xx/socket errors from wrk --latency output (the raw text kept too)."""
    import re

    def ms(label: str) -> float | None:
        m = re.search(rf"^\s*{label}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
        return None if m is None else float(m.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[m.group(2)]

    rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
    errors = re.search(r"(Non-2xx.*|Socket errors.*)", text)
    return {"p50_ms": ms("50"), "p99_ms": ms("99"), "req_s": float(rps.group(1)) if rps else None,
            "errors": errors.group(1) if errors else None, "wrk": text}


PHASES = ("load", "compare", "store", "http", "export")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", type=int, default=100_000)
    ap.add_argument("--rels", type=int, default=300_000)
    ap.add_argument("--compare-nodes", type=int, default=100_000, help="size of the bulk/CREATE/MERGE comparison")
    ap.add_argument("--compare-rels", type=int, default=300_000)
    ap.add_argument("--queries", type=int, default=200, help="timed calls per read function")
    ap.add_argument("--http-seconds", type=int, default=10)
    ap.add_argument("--phases", default=",".join(PHASES), help=f"comma-separated subset of {','.join(PHASES)}")
    ap.add_argument("--out", type=Path, default=Path("bench-scale.json"), help="results (merged into an existing file)")
    ap.add_argument("--workdir", type=Path, default=None, help="keep the store and files here, so phases can be rerun")
    args = ap.parse_args()
    phases = set(args.phases.split(","))
    root = args.workdir or Path(tempfile.mkdtemp(prefix="ecograph-scale-"))
    root.mkdir(parents=True, exist_ok=True)
    data_dir, sample, graphml = root / "big", root / "sample.json", root / "streamed.graphml"
    res: dict[str, Any] = json.loads(args.out.read_text()) if args.out.exists() else {}
    res.update(nodes=args.nodes, rels=args.rels, machine=f"{os.cpu_count()} cores, Python {sys.version.split()[0]}",
               date=time.strftime("%Y-%m-%d"))

    def save() -> None:
        args.out.write_text(json.dumps(res, ensure_ascii=False, indent=1))

    if "load" in phases:
        shutil.rmtree(data_dir, ignore_errors=True)
        res["load"] = load_big(args, data_dir, sample)
        save()
    if "compare" in phases:
        res["compare_rels_per_s"] = load_compare(args.compare_nodes, args.compare_rels, root)
        save()
    if "store" in phases:
        orgs = Graph(nodes=[Node(id=i, label=Label(label), name=name) for label, i, name in json.loads(sample.read_text())])
        store = open_store(Settings(data_dir=data_dir))
        res["store"] = store_latency(store, orgs, args.queries)
        store.close()
        save()
    if "http" in phases:
        sizes = res["store"]["labs_per_chain_sample"]
        res["http"] = {c: http_latency(data_dir, c, args.http_seconds) for c in (min(sizes, key=sizes.get), max(sizes, key=sizes.get))}
        save()
    if "export" in phases:
        res["export_streamed"] = child("stream", data_dir, graphml)
        res["export_readback"] = child("readback", data_dir, graphml)
        res["export_score"] = child("score", data_dir, graphml)
        res["export_networkx"] = child("networkx", data_dir, graphml.with_suffix(".networkx.graphml"))
        save()
    print(json.dumps({k: v for k, v in res.items() if k != "http"}, ensure_ascii=False, indent=1))


def child(mode: str, data_dir: Path, graphml: Path) -> dict[str, Any]:
    """Run one export in a fresh process (bench/export_one.py) and return what it measured."""
    cmd = [sys.executable, str(Path(__file__).with_name("export_one.py")), mode, str(data_dir), str(graphml)]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True)
    print(out.stderr, file=sys.stderr)
    return json.loads(out.stdout)


if __name__ == "__main__":
    main()
