"""A bounded cache of rendered JSON answers for reads that depend only on the graph.

An entry is the exact bytes the response model produced once (`model_dump_json`), so a hit skips
the queries, pydantic validation and serialisation. Entries are tagged with the app's write
generation and the graph's version (`queries.stats.fingerprint`: a counter the store bumps in the
transaction of every write, whoever makes it) read *before* the answer was computed:

* a write through this app (POST /documents, DELETE /documents/{id}) clears the cache and bumps
  the generation, so an answer computed while the write ran is never stored as current;
* a write by anyone else (another `ecograph serve` worker, the CLI) bumps the version, and the
  first request that sees the new version drops every entry. A replacement that keeps the node
  and relationship counts equal is seen like any other write.

The version is awaited (an asyncio client of the store): a stalled store fails it after the store's
time limit and never blocks the event loop (static files and /docs keep answering).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

from fastapi import Response
from fastapi.concurrency import run_in_threadpool

from ecograph.graph.store import GraphStore
from ecograph.queries.stats import fingerprint_async

MAX_ENTRIES = 4096
MAX_BYTES = 64 * 1024 * 1024  # a 200-lab page of the biggest chain is ~0.3 MB
JSON = "application/json"


class ResponseCache:
    """LRU by entries and bytes, thread-safe; `answer` is the one call routes make."""

    def __init__(self, max_entries: int = MAX_ENTRIES, max_bytes: int = MAX_BYTES) -> None:
        self.max_entries, self.max_bytes = max_entries, max_bytes
        self._entries: OrderedDict[Hashable, bytes] = OrderedDict()
        self._bytes = 0
        self._tag: tuple[Any, ...] | None = None
        self._generation = 0
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def clear(self) -> None:
        """Forget every answer; answers being computed now will not be kept (called after a write)."""
        with self._lock:
            self._generation += 1
            self._drop_all()

    def _drop_all(self) -> None:
        self._entries.clear()
        self._bytes = 0

    async def tag(self, store: GraphStore) -> tuple[Any, ...]:
        with self._lock:
            generation = self._generation
        return (generation, await fingerprint_async(store))

    def get(self, key: Hashable, tag: tuple[Any, ...]) -> bytes | None:
        with self._lock:
            if tag != self._tag:  # the graph changed (or this tag is older): nothing held is current
                self._drop_all()
                self._tag = tag
                self.misses += 1
                return None
            body = self._entries.get(key)
            if body is None:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return body

    def put(self, key: Hashable, tag: tuple[Any, ...], body: bytes) -> None:
        if len(body) > self.max_bytes // 4:
            return
        with self._lock:
            if tag != self._tag:  # a write happened while this answer was computed
                return
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= len(old)
            self._entries[key] = body
            self._bytes += len(body)
            while len(self._entries) > self.max_entries or self._bytes > self.max_bytes:
                _, evicted = self._entries.popitem(last=False)
                self._bytes -= len(evicted)

    async def answer(self, store: GraphStore, key: Hashable, render: Callable[[], bytes]) -> Response:
        """The cached bytes for `key`, or `render()`'s (JSON of the response model), kept if still current.

        Routes using this are `async def`: a hit costs one store call (the version, ~0.05 ms) awaited
        on the event loop, never blocking it; a miss renders in the thread pool, as a plain `def` route would."""
        tag = await self.tag(store)
        body = self.get(key, tag)
        if body is None:
            body = await run_in_threadpool(render)
            self.put(key, tag, body)
        return Response(body, media_type=JSON)

    def __len__(self) -> int:
        return len(self._entries)
