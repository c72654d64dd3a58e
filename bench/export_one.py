"""One GraphML export in its own process, so its peak RSS is its own (called by bench/scale.py).

    python bench/export_one.py stream DATA_DIR OUT.graphml     stream from the store (graph/export.py)
    python bench/export_one.py networkx DATA_DIR OUT.graphml   the same store read into a networkx
                                                               MultiDiGraph, then nx.write_graphml
    python bench/export_one.py readback DATA_DIR IN.graphml    nx.read_graphml of a streamed file
    python bench/export_one.py score DATA_DIR IN.graphml       shared/eval/score_graph.py opening it
                                                               (its own process: at 1M nodes networkx
                                                               holds 14 GB, the scorer 10 GB more)
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import rss  # noqa: E402
from ecograph.graph.backends import open_store  # noqa: E402
from ecograph.graph.export import EDGE_KEYS, NODE_KEYS, iter_edges, iter_entities, write_graphml  # noqa: E402
from ecograph.graph.settings import Settings  # noqa: E402

SCORER = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score_graph.py"
GOLD = SCORER.parents[1] / "gold" / "seeds.json"


def rss_mb() -> float:
    return rss.rss_mb()[1]


def stream(data_dir: Path, path: Path) -> dict[str, float]:
    store = open_store(Settings(data_dir=data_dir))
    t = time.perf_counter()
    with path.open("w", encoding="utf-8") as f:
        nodes, edges = write_graphml(store, f)
    dt = time.perf_counter() - t
    store.close()
    return {"seconds": dt, "nodes": nodes, "edges": edges, "bytes": path.stat().st_size, "peak_rss_mb": rss_mb()}


def via_networkx(data_dir: Path, path: Path) -> dict[str, float]:
    """What an export without streaming does: the whole graph in networkx, then its writer."""
    import networkx as nx

    store = open_store(Settings(data_dir=data_dir))
    t = time.perf_counter()
    g = nx.MultiDiGraph()
    for n in iter_entities(store):
        g.add_node(n["id"], **{k: v if isinstance(v, str | float) else json.dumps(v, ensure_ascii=False)
                               for k, _ in NODE_KEYS if (v := n.get(k)) is not None})
    for e in iter_edges(store):
        g.add_edge(e["source"], e["target"], key=e["key"], **{k: e[k] for k, _ in EDGE_KEYS if e.get(k) is not None})
    build = time.perf_counter() - t
    store.close()
    t = time.perf_counter()
    nx.write_graphml(g, path)
    write = time.perf_counter() - t
    return {"seconds": build + write, "build_s": build, "write_s": write, "nodes": g.number_of_nodes(),
            "edges": g.number_of_edges(), "bytes": path.stat().st_size, "peak_rss_mb": rss_mb()}


def readback(path: Path) -> dict[str, float]:
    import networkx as nx

    t = time.perf_counter()
    g = nx.read_graphml(path, force_multigraph=True)
    return {"read_s": time.perf_counter() - t, "nodes": g.number_of_nodes(), "edges": g.number_of_edges(),
            "peak_rss_mb": rss_mb()}


def score(path: Path) -> dict[str, float]:
    t = time.perf_counter()
    scored = subprocess.run([sys.executable, str(SCORER), str(GOLD), str(path), "--json"], capture_output=True, text=True)
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"scorer_s": time.perf_counter() - t, "scorer_exit": scored.returncode, "scorer_peak_rss_mb": child}


def main() -> None:
    mode, data_dir, path = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    run = {"stream": lambda: stream(data_dir, path), "networkx": lambda: via_networkx(data_dir, path),
           "readback": lambda: readback(path), "score": lambda: score(path)}[mode]
    print(json.dumps(run()))


if __name__ == "__main__":
    main()
