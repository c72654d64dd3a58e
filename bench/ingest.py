"""End-to-end ingest throughput (read → clean → extract → resolve → write) on synthetic documents.

    python bench/ingest.py --docs 100 1000 10000 --workers 1 2

For each size the documents (bench/synth.py, ~6 KB each) are written to a folder, then ingested
with `loaders.ingest.ingest_paths` into a fresh embedded store once per worker count
(ECOGRAPH_WORKERS), each time in a fresh process, so its peak RSS is its own: `rss_MB` is the
ingest process, `child_rss_MB` the largest of its children (extraction workers, the FalkorDB server).
Extraction alone (loaders.parallel.extract_all) is timed on the first `--extract-sample` documents,
which is enough for a rate and keeps 10K documents' graphs out of memory.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import synth  # noqa: E402
from ecograph.graph.backends import open_store  # noqa: E402
from ecograph.graph.settings import Settings  # noqa: E402
from ecograph.loaders.ingest import ingest_paths  # noqa: E402
from ecograph.loaders.parallel import extract_all  # noqa: E402


def _ingest_once(corpus: Path, data: Path) -> None:
    """In a process of its own: ingest `corpus` into a fresh store at `data`, print what it took."""
    store = open_store(Settings(data_dir=data))
    t = time.perf_counter()
    report = ingest_paths([corpus], store)
    seconds = time.perf_counter() - t
    store.close()  # stops (and so reaps) the server this process started: its RSS counts among the children
    print(json.dumps({
        "ingest_s": seconds, "ingested": len(report.ingested), "failed": len(report.failed),
        "nodes": report.written.nodes, "edges": report.written.edges,
        "rss_MB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
        "child_rss_MB": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024,
    }))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, nargs="+", default=[100, 1000])
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--extract-sample", type=int, default=300)
    ap.add_argument("--one", nargs=2, type=Path, metavar=("CORPUS", "DATA"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        _ingest_once(*args.one)
        return
    for n in args.docs:
        with tempfile.TemporaryDirectory(prefix="ecograph-ingest-") as tmp:
            corpus = Path(tmp) / "corpus"
            size = 0
            sample: list[tuple[str, str]] = []
            for name, text in synth.documents(n):
                path = corpus / name
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
                size += path.stat().st_size
                if len(sample) < args.extract_sample:
                    sample.append((name, text))
            kb = size / 1000
            sample_kb = sum(len(t.encode("utf-8")) for _, t in sample) / 1000
            for workers in args.workers:
                t = time.perf_counter()
                extract_all(sample, workers)
                extract_s = time.perf_counter() - t
                env = {**os.environ, "ECOGRAPH_WORKERS": str(workers)}
                out = subprocess.run([sys.executable, __file__, "--one", str(corpus), str(Path(tmp) / f"data-{workers}")],
                                     env=env, check=True, capture_output=True, text=True).stdout
                run = json.loads(out.splitlines()[-1])
                total_s = run.pop("ingest_s")
                row = {"docs": n, "workers": workers, "KB": round(kb), "ingest_s": round(total_s, 2),
                       "KB_per_s": round(kb / total_s), "docs_per_s": round(n / total_s, 1),
                       "extract_only_KB_per_s": round(sample_kb / extract_s), "extract_sample_docs": len(sample),
                       **run, "load_avg_1m": round(os.getloadavg()[0], 1)}
                print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
