"""Typed dependencies: the app's one store, its settings and caches, and the bearer-token checks.

They are `async def` because none of them blocks (except opening a store that is not open yet,
which runs in the thread pool): FastAPI runs a plain `def` dependency in its thread pool, and at
five or six per request those hops cost more than a cached answer does.
"""

from __future__ import annotations

import logging
import secrets
import threading
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from fastapi.concurrency import run_in_threadpool
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import SecretStr

from ecograph.api.cache import ResponseCache
from ecograph.graph.backends import open_store
from ecograph.graph.errors import EcographError, StoreUnavailable
from ecograph.graph.settings import Settings
from ecograph.graph.store import GraphStore
from ecograph.queries.chains import ChainCache

log = logging.getLogger("ecograph.api")


class StoreHolder:
    """The one store of an app: opened at startup, reopened on demand if the store was down.

    A store that cannot be reached at startup does not stop the server; requests answer 503 until
    it can be opened, and a store that fails mid-request is dropped so the next request reconnects.
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._store: GraphStore | None = None
        self._lock = threading.Lock()
        self.write_lock = threading.Lock()  # ingest and delete resolve against what the store holds

    @property
    def reopen_wait_s(self) -> float:
        """How long a request waits for the store to be opened again: its own time limit, and a second."""
        return self.settings.query_timeout_ms / 1000 + 1

    def get(self, wait_s: float = 60.0) -> GraphStore:
        """The open store, opened first if need be, within `wait_s` (StoreUnavailable beyond it)."""
        if not self._lock.acquire(timeout=wait_s):  # another request is opening it, and taking long
            raise StoreUnavailable("存储正在重新连接 / the graph store is being reconnected")
        try:
            if self._store is None:
                self._store = open_store(self.settings, wait_s)
            return self._store
        finally:
            self._lock.release()

    def current(self) -> GraphStore | None:
        """The open store, or None when it has to be opened first (without waiting for the lock)."""
        return self._store

    def drop(self) -> None:
        """Forget a store that failed, so the next request opens a fresh one."""
        with self._lock:
            store, self._store = self._store, None
        if store is not None:
            try:
                store.close()
            except (EcographError, OSError) as exc:  # closing a dead connection may fail; it is gone either way
                log.info("closing the failed store: %s", exc)

    def close(self) -> None:
        self.drop()


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_holder(request: Request) -> StoreHolder:
    holder: StoreHolder = request.app.state.stores
    return holder


async def get_store(holder: Annotated[StoreHolder, Depends(get_holder)]) -> GraphStore:
    store = holder.current()
    return store if store is not None else await run_in_threadpool(holder.get, holder.reopen_wait_s)


async def get_cache(request: Request) -> ResponseCache:
    cache: ResponseCache = request.app.state.cache
    return cache


async def get_chain_cache(request: Request) -> ChainCache:
    chains: ChainCache = request.app.state.chains
    return chains


SettingsDep = Annotated[Settings, Depends(get_settings)]
HolderDep = Annotated[StoreHolder, Depends(get_holder)]
StoreDep = Annotated[GraphStore, Depends(get_store)]
CacheDep = Annotated[ResponseCache, Depends(get_cache)]
ChainCacheDep = Annotated[ChainCache, Depends(get_chain_cache)]
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(HTTPBearer(auto_error=False))]


def _check(credentials: HTTPAuthorizationCredentials | None, accepted: list[SecretStr]) -> None:
    if credentials is None:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED, "a bearer token is required", headers={"WWW-Authenticate": "Bearer"}
        )
    given = credentials.credentials.encode("utf-8")
    # compare against every accepted token, always, so timing says nothing about which one matched
    matches = [secrets.compare_digest(given, t.get_secret_value().encode("utf-8")) for t in accepted]
    if not any(matches):
        raise HTTPException(status.HTTP_403_FORBIDDEN, "the bearer token is not valid")


async def require_read(settings: SettingsDep, credentials: Credentials) -> None:
    """Reads are open unless ECOGRAPH_READ_TOKEN is set; then the read or the write token is needed."""
    if settings.read_token is not None:
        _check(credentials, [t for t in (settings.read_token, settings.api_token) if t is not None])


async def require_write(settings: SettingsDep, credentials: Credentials) -> None:
    """Writes need ECOGRAPH_API_TOKEN; without one configured, writing over HTTP is off."""
    if settings.api_token is None:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "writing is disabled: the server has no ECOGRAPH_API_TOKEN")
    _check(credentials, [settings.api_token])

