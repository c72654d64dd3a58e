"""End-to-end ingest throughput (read → clean → extract → resolve → write) on synthetic documents.

    python bench/ingest.py --docs 100 1000 --workers 1 2

For each size the documents (bench/synth.py, ~3–4 KB each) are written to a folder, then ingested
with `loaders.ingest.ingest_paths` into a fresh embedded store once per worker count
(ECOGRAPH_WORKERS). Also times extraction alone (loaders.parallel.extract_all) on the same texts.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import synth  # noqa: E402
from graph.settings import Settings  # noqa: E402
from graph.store import open_store  # noqa: E402
from loaders.ingest import ingest_paths  # noqa: E402
from loaders.parallel import extract_all  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, nargs="+", default=[100, 1000])
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = ap.parse_args()
    rows = []
    for n in args.docs:
        with tempfile.TemporaryDirectory(prefix="ecograph-ingest-") as tmp:
            corpus = Path(tmp) / "corpus"
            texts = list(synth.documents(n))
            for name, text in texts:
                path = corpus / name
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
            kb = sum(len(t.encode("utf-8")) for _, t in texts) / 1000
            for workers in args.workers:
                os.environ["ECOGRAPH_WORKERS"] = str(workers)
                t = time.perf_counter()
                extract_all(texts, workers)
                extract_s = time.perf_counter() - t
                store = open_store(Settings(data_dir=Path(tmp) / f"data-{workers}"))
                t = time.perf_counter()
                report = ingest_paths([corpus], store)
                total_s = time.perf_counter() - t
                store.close()
                row = {"docs": n, "workers": workers, "KB": round(kb), "ingest_s": round(total_s, 2),
                       "KB_per_s": round(kb / total_s), "docs_per_s": round(n / total_s, 1),
                       "extract_only_KB_per_s": round(kb / extract_s), "ingested": len(report.ingested),
                       "nodes": report.written.nodes, "edges": report.written.edges}
                rows.append(row)
                print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
