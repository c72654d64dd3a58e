"""Extraction across processes: `extract_text` is pure and CPU-bound, so documents fan out to a pool.

Each document's result comes back in input order, as its `Graph` or the exception it raised, so one
bad document never sinks the batch. Documents travel in chunks to amortise pickling; with one
worker (or one document) everything runs in this process, which keeps tracebacks and profiles simple.
`start` returns at once, so the ingest can resolve and write one group while the pool extracts the next.
"""

from __future__ import annotations

import os
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from functools import cache

from ecograph.graph.model import Graph
from ecograph.loaders.pipeline import extract_text

Result = Graph | Exception


def _extract_chunk(chunk: list[tuple[str, str]]) -> list[Result]:
    out: list[Result] = []
    for name, text in chunk:
        try:
            out.append(extract_text(text, name))
        except Exception as exc:  # returned, not raised: the caller reports it per document
            out.append(exc)
    return out


def _chunks(texts: list[tuple[str, str]], chunk_chars: int) -> list[list[tuple[str, str]]]:
    chunks: list[list[tuple[str, str]]] = [[]]
    size = 0
    for item in texts:
        if size >= chunk_chars and chunks[-1]:
            chunks.append([])
            size = 0
        chunks[-1].append(item)
        size += len(item[1])
    return chunks


class Extraction:
    """Extraction under way: in the pool already, or (one worker) run by `result()` in this process."""

    def __init__(self, texts: list[tuple[str, str]], workers: int, chunk_chars: int) -> None:
        self._texts = texts
        self._futures: list[Future[list[Result]]] | None = None
        if workers > 1 and len(texts) > 1:
            self._futures = [_pool(workers).submit(_extract_chunk, c) for c in _chunks(texts, chunk_chars)]

    def result(self) -> list[Result]:
        """`extract_text` of every (name, text), in input order; waits for the pool."""
        if self._futures is None:
            return _extract_chunk(self._texts)
        return [r for f in self._futures for r in f.result()]

    def cancel(self) -> None:
        """Drop the chunks no worker has started (the ingest failed; nobody will read them)."""
        for f in self._futures or []:
            f.cancel()


def start(texts: list[tuple[str, str]], workers: int, chunk_chars: int = 200_000) -> Extraction:
    """Begin extracting every (name, text); chunks of about `chunk_chars` go to `workers` processes."""
    return Extraction(texts, workers, chunk_chars)


def extract_all(texts: list[tuple[str, str]], workers: int, chunk_chars: int = 200_000) -> list[Result]:
    """`extract_text` of every (name, text), in order, waiting for the result."""
    return start(texts, workers, chunk_chars).result()


@cache
def _pool(workers: int) -> ProcessPoolExecutor:
    """One pool per size for the life of the process: each worker loads jieba's dictionary once, not per call.
    Workers exit when this process is gone, so an ingest killed with SIGKILL leaves none behind."""
    return ProcessPoolExecutor(max_workers=workers, initializer=_exit_with_parent, initargs=(os.getpid(),))


def _exit_with_parent(parent: int) -> None:
    """In a worker: exit once `parent` is gone. A watcher thread, not Linux's parent-death signal,
    because that signal follows the thread that forked the worker, and the API ingests from
    worker threads that end when idle."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()
