"""One GraphML export in its own process, so its peak RSS is its own (called by bench/scale.py).

    python bench/export_one.py stream DATA_DIR OUT.graphml     stream from the store (graph/export.py)
    python bench/export_one.py networkx DATA_DIR IN.graphml    read IN back with networkx (the check that
                                                               the streamed file is valid), then time
                                                               networkx.write_graphml of that graph
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from graph.export import write_graphml  # noqa: E402
from graph.settings import Settings  # noqa: E402
from graph.store import open_store  # noqa: E402


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    mode, data_dir, path = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    base = rss_mb()
    if mode == "stream":
        store = open_store(Settings(data_dir=data_dir))
        t = time.perf_counter()
        with path.open("w", encoding="utf-8") as f:
            nodes, edges = write_graphml(store, f)
        dt = time.perf_counter() - t
        store.close()
        res = {"seconds": dt, "nodes": nodes, "edges": edges, "bytes": path.stat().st_size,
               "peak_rss_mb": rss_mb(), "rss_before_mb": base}
    else:
        import networkx as nx

        t = time.perf_counter()
        g = nx.read_graphml(path, force_multigraph=True)
        read_s = time.perf_counter() - t
        after_read = rss_mb()
        out = path.with_suffix(".networkx.graphml")
        t = time.perf_counter()
        nx.write_graphml(g, out)
        dt = time.perf_counter() - t
        res = {"seconds": dt, "read_back_s": read_s, "nodes": g.number_of_nodes(), "edges": g.number_of_edges(),
               "bytes": out.stat().st_size, "peak_rss_mb": rss_mb(), "rss_after_read_mb": after_read}
    print(json.dumps(res))


if __name__ == "__main__":
    main()
