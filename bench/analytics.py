"""Planner analytics at scale: chain report, key organisations and coverage on the synthetic graph.

    python bench/analytics.py --nodes 1000000 --rels 3000000 --workdir /tmp/analytics [--out bench-analytics.json]

Loads bench/synth.py's graph (GRAPH.BULK, as bench/scale.py does) unless --workdir already holds it,
then times each read three ways: cold (first call on a freshly opened store), warm (the store's
caches warm, the read layer's memo cleared: the whole computation again) and cached (the memo
GraphStore.remembered keeps until the graph changes: what a page, its CSV and its Excel file share).
Chains: the largest (weight 1/rank makes the first chain of the taxonomy hold ~1/5 of all memberships)
and one of median size (the largest only with --largest).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import synth  # noqa: E402
from bench.scale import wait_indexes  # noqa: E402
from ecograph.graph.backends import open_store  # noqa: E402
from ecograph.graph.settings import Settings  # noqa: E402
from ecograph.graph.store import GraphStore  # noqa: E402
from ecograph.queries.coverage import coverage  # noqa: E402
from ecograph.queries.key_orgs import key_organisations  # noqa: E402
from ecograph.queries.report import chain_report  # noqa: E402


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def measure(store: GraphStore, name: str, fn: Callable[[], Any]) -> dict[str, float]:
    """Seconds of one read (its JSON included): cold, warm without the memo (best of 3), cached."""
    store.forget()
    cold, _ = timed(lambda: fn().model_dump_json())
    warm = []
    for _ in range(3):
        store.forget()
        warm.append(timed(lambda: fn().model_dump_json())[0])
    cached, _ = timed(lambda: fn().model_dump_json())
    res = {"cold_s": round(cold, 3), "warm_s": round(min(warm), 3), "cached_s": round(cached, 4)}
    print(f"  {name}: {res}", file=sys.stderr)
    return res


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", type=int, default=100_000)
    ap.add_argument("--rels", type=int, default=300_000)
    ap.add_argument("--workdir", type=Path, required=True, help="the store is kept here and reused when present")
    ap.add_argument("--largest", action="store_true", help="also the largest chain (~1/5 of all memberships: minutes at 1M)")
    ap.add_argument("--out", type=Path, default=Path("bench-analytics.json"))
    args = ap.parse_args()
    data = args.workdir / f"synth-{args.nodes}-{args.rels}"
    fresh = not data.exists()
    store = open_store(Settings(data_dir=data, query_timeout_ms=600_000))  # measure the largest chain, however long
    res: dict[str, Any] = {"nodes": args.nodes, "rels": args.rels}
    if fresh:
        node_rows, edge_rows = synth.graph_rows(args.nodes, args.rels)
        res["load_s"] = timed(lambda: store.bulk_load_rows(node_rows, edge_rows))[0]
        del node_rows, edge_rows
        wait_indexes(store)
        print(f"loaded in {res['load_s']:.1f} s", file=sys.stderr)
    res["coverage"] = measure(store, "coverage", lambda: coverage(store))
    save(args, res)
    names = synth.chain_names()  # membership weight 1/rank: the first is the largest
    picks = [("median", names[len(names) // 2])] + ([("largest", names[0])] if args.largest else [])
    for kind, name in picks:
        counts = chain_report(store, name).counts
        res[f"{kind}_chain"] = {"name": name, **counts}
        print(f"{kind} chain {name}: {counts}", file=sys.stderr)
        res[f"report_{kind}"] = measure(store, f"report {kind}", lambda c=name: chain_report(store, c))
        res[f"key_orgs_{kind}"] = measure(store, f"key organisations {kind}", lambda c=name: key_organisations(store, c))
        save(args, res)
    store.close()


def save(args: argparse.Namespace, res: dict[str, Any]) -> None:
    """Merge this size's results into --out (each step saved: the largest chain may take minutes)."""
    previous = json.loads(args.out.read_text()) if args.out.exists() else {}
    previous[f"{args.nodes}/{args.rels}"] = res
    args.out.write_text(json.dumps(previous, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
