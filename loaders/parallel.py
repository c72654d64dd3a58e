"""Extraction across processes: `extract_text` is pure and CPU-bound, so documents fan out to a pool.

Each document's result comes back in input order, as its `Graph` or the exception it raised, so one
bad document never sinks the batch. Documents travel in chunks to amortise pickling; with one
worker (or one document) everything runs in this process, which keeps tracebacks and profiles simple.
"""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from functools import cache

from graph.model import Graph
from loaders.pipeline import extract_text

Result = Graph | Exception


def _extract_chunk(chunk: list[tuple[str, str]]) -> list[Result]:
    out: list[Result] = []
    for name, text in chunk:
        try:
            out.append(extract_text(text, name))
        except Exception as exc:  # returned, not raised: the caller reports it per document
            out.append(exc)
    return out


def extract_all(texts: list[tuple[str, str]], workers: int, chunk_chars: int = 200_000) -> list[Result]:
    """`extract_text` of every (name, text), in order; chunks of about `chunk_chars` go to `workers` processes."""
    if workers <= 1 or len(texts) <= 1:
        return _extract_chunk(texts)
    chunks: list[list[tuple[str, str]]] = [[]]
    size = 0
    for item in texts:
        if size >= chunk_chars and chunks[-1]:
            chunks.append([])
            size = 0
        chunks[-1].append(item)
        size += len(item[1])
    return [r for part in _pool(workers).map(_extract_chunk, chunks) for r in part]


@cache
def _pool(workers: int) -> ProcessPoolExecutor:
    """One pool per size for the life of the process: each worker loads jieba's dictionary once, not per call."""
    return ProcessPoolExecutor(max_workers=workers)
