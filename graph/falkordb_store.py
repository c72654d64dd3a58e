"""The embedded default: GraphStore over the FalkorDB server of a data folder (graph.embedded).

Every call has a time limit: reads wait for the server at most the query timeout and a second more
(a stalled server is then unavailable, not a hang), writes at most `WRITE_WAIT_S`. Every write also
bumps the graph's version, a counter kept in the same server and changed in the same transaction
as the data, which caches in any process compare instead of guessing from counts.
"""

from __future__ import annotations

import asyncio
import contextlib
import struct
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

import redis
import redis.asyncio
import redis.asyncio.retry
from falkordb import FalkorDB
from falkordb.query_result import parse_scalar
from redis.backoff import NoBackoff
from redis.retry import Retry

from ecograph.graph.cypher import STATEMENTS
from ecograph.graph.embedded import EmbeddedServer, wait_rewritten
from ecograph.graph.errors import QueryFailed, QueryTimeout, StoreUnavailable
from ecograph.graph.model import Document, Label, RelType
from ecograph.graph.settings import Settings
from ecograph.graph.store import EdgeRows, GraphStore, NodeRows, Row, WriteSummary

# Value types of FalkorDB's compact replies (falkordb.query_result.ResultSetScalarTypes).
_AS_IS = frozenset({1, 2, 3})  # null, string, integer
_BOOLEAN, _DOUBLE, _ARRAY, _MAP = 4, 5, 6, 10


class _ParamEncoder:
    """Parameters as the CYPHER k=v header FalkorDB reads: values stay values, never spliced into the
    query. Map keys are checked once each and remembered by the store's encoder: rows repeat the
    same few keys thousands of times."""

    def __init__(self) -> None:
        self._keys: set[str] = set()

    def header(self, params: Mapping[str, Any]) -> str:
        """The CYPHER k=v prefix that carries parameters ("" without any)."""
        if not params:
            return ""
        return "CYPHER " + "".join(f"{self._key(k)}={self._literal(v)} " for k, v in params.items())

    def _literal(self, value: Any) -> str:
        """A parameter value as the Cypher literal FalkorDB reads from the header, without control
        characters (FalkorDB reads parameters as a C string, so NUL would cut the query).

        The same output as falkordb-py's stringify_param_value, in one pass that also cleans: that
        function plus a cleaning pass were ~40% of the ingest's write time. Text that is printable and
        holds no quote or backslash (nearly all of it) is quoted as it is."""
        if isinstance(value, str):
            if not value.isprintable() or '"' in value or "\\" in value:
                value = value.translate(_QUOTE)
            return f'"{value}"'
        if value is None:
            return "null"
        if isinstance(value, list | tuple):
            return f"[{','.join(map(self._literal, value))}]"
        if isinstance(value, dict):
            keys = self._keys
            return "{" + ",".join([f"`{k if k in keys else self._key(k)}`:{self._literal(v)}" for k, v in value.items()]) + "}"
        return str(value)

    def _key(self, name: object) -> str:
        if not isinstance(name, str) or not name.isidentifier():
            raise QueryFailed(f"parameter and map key names must be identifiers, not {name!r}")
        if len(self._keys) < 10_000:
            self._keys.add(name)
        return name


_BULK_BYTES = 64 * 1024 * 1024  # per GRAPH.BULK command; Redis caps one argument at 512 MB
# Property order of the bulk records: fixed-size values first, so each record is one struct.pack
# and one UTF-8 encode of an f-string, the least Python work per row (the encoder is the bottleneck).
_NODE_PROPS = ("id", "name", "name_en", "aliases", "docs")
_EDGE_PROPS = ("start", "end", "confidence", "key", "evidence", "doc", "rule")
_EDGE_FIXED = struct.Struct("<QQbqbqbd")  # source, target, then (type byte, value) of start, end, confidence
_LIST_HEAD = struct.Struct("<bq")  # type byte 5 (array), length
_CONTROL = {c: None for c in (*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F)}
_C_CLEAN = str.maketrans(_CONTROL)
_QUOTE = str.maketrans({"\\": "\\\\", '"': '\\"'} | _CONTROL)  # a Cypher string literal's escapes, control characters dropped


def _text(value: str) -> str:
    """Text without control characters, which GRAPH.BULK reads as C strings. isprintable() is a fast
    C check that is false whenever one is present, so the translate runs only on suspicious values."""
    return value if value.isprintable() else value.translate(_C_CLEAN)


def _bulk_list(values: list[str]) -> bytes:
    """A list of strings: type byte 5, 8-byte length, then each string (type byte 3, text, NUL)."""
    return _LIST_HEAD.pack(5, len(values)) + "".join(f"\x03{_text(v)}\x00" for v in values).encode()


def _node_records(rows: Iterable[Row]) -> Iterator[bytes]:
    """GRAPH.BULK node records in _NODE_PROPS order (a missing name_en is type byte 0, null)."""
    for r in rows:
        en = r["name_en"]
        head = f"\x03{_text(r['id'])}\x00\x03{_text(r['name'])}\x00" + ("\x00" if en is None else f"\x03{_text(en)}\x00")
        yield head.encode() + _bulk_list(r["aliases"]) + _bulk_list(r["docs"])


def _edge_records(rows: Iterable[Row], internal: dict[str, int]) -> Iterator[bytes]:
    """GRAPH.BULK relationship records: endpoints by internal id, then _EDGE_PROPS in order."""
    for r in rows:
        try:
            ends = internal[r["source"]], internal[r["target"]]
        except KeyError as exc:
            raise ValueError(f"bulk_load: relationship {r['key']} names an unknown node {exc}") from None
        yield _EDGE_FIXED.pack(*ends, 4, r["start"], 4, r["end"], 2, r["confidence"]) + (
            f"\x03{_text(r['key'])}\x00\x03{_text(r['evidence'])}\x00\x03{_text(r['doc'])}\x00\x03{_text(r['rule'])}\x00"
        ).encode()


def _bulk_header(name: str, props: tuple[str, ...]) -> bytes:
    return name.encode() + b"\x00" + struct.pack("<I", len(props)) + b"".join(p.encode() + b"\x00" for p in props)


def _bulk_blobs(name: str, props: tuple[str, ...], records: Iterator[bytes]) -> Iterator[tuple[int, bytes]]:
    """(record count, blob) pieces of one label or type, each under _BULK_BYTES."""
    header = _bulk_header(name, props)
    parts: list[bytes] = [header]
    size, count = len(header), 0
    for rec in records:
        parts.append(rec)
        size += len(rec)
        count += 1
        if size >= _BULK_BYTES:
            yield count, b"".join(parts)
            parts, size, count = [header], len(header), 0
    if count:
        yield count, b"".join(parts)


T = TypeVar("T")
WRITE_WAIT_S = 600.0  # a write's time grows with its size (a 64 MB bulk blob, an index on millions of nodes)
READ_SLACK_S = 1.0  # beyond the query timeout: the server's own limit answers first when it is alive
_LOST = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError)


def _failure(exc: redis.exceptions.ResponseError) -> QueryFailed:
    """The error of a failed query; FalkorDB says only in its message that the time limit was hit."""
    message = str(exc)
    return QueryTimeout(message) if message.startswith("Query timed out") else QueryFailed(message)


class FalkorStore(GraphStore):
    """GraphStore over FalkorDB, embedded (default) or at a given unix socket."""

    backend = "falkordb"

    def __init__(self, server: EmbeddedServer, graph_name: str, batch_size: int, timeout_ms: int,
                 wait_s: float = 60.0) -> None:
        self.server = server
        self.batch_size = batch_size
        self.timeout_ms = timeout_ms
        self._params = _ParamEncoder()
        self.started = server.start(wait_s)
        quick = self._quick_s = timeout_ms / 1000 + READ_SLACK_S
        self._async: tuple[asyncio.AbstractEventLoop, redis.asyncio.Redis] | None = None  # per event loop
        no_retry = Retry(NoBackoff(), 0)  # a retried write could apply twice; a failure is reported instead
        try:  # the client asks the server what it is (sentinel, cluster): a server dying now fails here
            self._db = self._call(lambda: FalkorDB(unix_socket_path=str(server.socket), socket_timeout=quick,
                                                   socket_connect_timeout=quick, retry=no_retry))
        except StoreUnavailable:
            server.leave()
            raise
        self._patient = redis.Redis(unix_socket_path=str(server.socket), socket_timeout=WRITE_WAIT_S, decode_responses=True,
                                    socket_connect_timeout=quick, retry=no_retry)
        self._graph = self._db.select_graph(graph_name)
        self._version_key = f"ecograph.version:{graph_name}"

    @classmethod
    def from_settings(cls, settings: Settings, bolt_port: int | None = None, wait_s: float = 60.0) -> FalkorStore:
        server = EmbeddedServer(settings.data_dir, bolt_port=bolt_port)
        return cls(server, settings.graph_name, settings.batch_size, settings.query_timeout_ms, wait_s)

    def _call(self, call: Callable[[], T]) -> T:
        """`call()`, a lost or stalled server turned into StoreUnavailable with what its log says."""
        try:
            return call()
        except _LOST as exc:
            raise self._unavailable(exc) from exc

    def _unavailable(self, exc: Exception) -> StoreUnavailable:
        if isinstance(exc, redis.exceptions.TimeoutError | TimeoutError):
            return StoreUnavailable(f"存储无响应 / the FalkorDB server at {self.server.socket} did not answer "
                                    f"in time{self.server.cause()}")
        return StoreUnavailable(f"存储连接中断 / the FalkorDB server at {self.server.socket} does not answer"
                                f"{self.server.cause()}: {exc}")

    def version(self) -> int:
        """The graph's write counter (one GET, ~0.04 ms)."""
        value = self._call(lambda: self._db.connection.get(self._version_key))
        return int(value or 0)

    async def version_async(self) -> int:
        """The version over an asyncio client of the running event loop: a hit of the API's answer cache
        costs no hop to a thread, and a stalled server fails it after the read time limit."""
        loop = asyncio.get_running_loop()
        if self._async is None or self._async[0] is not loop:
            self._async = (loop, redis.asyncio.Redis(unix_socket_path=str(self.server.socket), decode_responses=True,
                                                     retry=redis.asyncio.retry.Retry(NoBackoff(), 0)))
        client = self._async[1]
        try:
            async with asyncio.timeout(self._quick_s):  # the whole call: connecting, its handshake, the read
                value = await client.get(self._version_key)
        except _LOST as exc:
            raise self._unavailable(exc) from exc
        return int(value or 0)

    def _versioned(self, *command: Any) -> Any:
        """Run one write command and bump the version in the same transaction (MULTI/EXEC): the
        append-only file holds both or neither, and no reader sees the data without the new version."""
        pipe = self._patient.pipeline(transaction=True)
        pipe.execute_command(*command)
        pipe.incr(self._version_key)
        try:
            return self._call(lambda: pipe.execute(raise_on_error=False))[0]
        except redis.exceptions.ResponseError as exc:  # refused before it ran (EXECABORT)
            return exc

    def _execute(self, cypher: str, params: Mapping[str, Any], *, write: bool, timeout_ms: int | None,
                 schema: bool = False) -> list[Row]:
        header, rows = self._reply(cypher, params, write=write, timeout_ms=timeout_ms, typed=True, schema=schema)
        columns = [h[1] for h in header]
        return [dict(zip(columns, map(self._value, row), strict=True)) for row in rows]

    def run_scalars(self, name: str, params: Mapping[str, Any] | None = None, *,
                    floats: tuple[str, ...] = ()) -> list[Row]:
        """Untyped (verbose) replies: values arrive as plain strings and integers, floats as text.
        Measured on the 3M export edges: 17.8 s and 5.0 s of client CPU instead of 35.7 s and 21.3 s
        for typed (compact) replies, whose [type, value] pair per value costs both ends."""
        cypher = STATEMENTS.render(name, self.backend)
        header, rows = self._reply(cypher, dict(params or {}), write=False, timeout_ms=None, typed=False)
        out = [dict(zip(header, row, strict=True)) for row in rows]
        for column in floats:
            for row in out:
                if row[column] is not None:
                    row[column] = float(row[column])
        return out

    def _reply(self, cypher: str, params: Mapping[str, Any], *, write: bool, timeout_ms: int | None,
               typed: bool, schema: bool = False) -> tuple[list[Any], list[Any]]:
        """(header, rows) of one query: GRAPH.QUERY or GRAPH.RO_QUERY, typed (--compact) or not.
        A data write bumps the version with it; a read within the default time limit waits for the
        server no longer than that limit (and READ_SLACK_S), anything else up to WRITE_WAIT_S."""
        timeout = timeout_ms if timeout_ms is not None else (None if write else self.timeout_ms)
        command: list[Any] = ["GRAPH.QUERY" if write else "GRAPH.RO_QUERY", self._graph.name,
                              self._params.header(params) + cypher, *(["--compact"] if typed else [])]
        if timeout is not None:
            command += ["timeout", timeout]
        quick = not write and timeout is not None and timeout <= self.timeout_ms
        client = self._db.connection if quick else self._patient
        try:
            if write and not schema:
                response = self._versioned(*command)
            else:
                response = self._call(lambda: client.execute_command(*command))
        except redis.exceptions.ResponseError as exc:
            raise _failure(exc) from exc
        if isinstance(response, redis.exceptions.ResponseError):  # failed inside the transaction
            raise _failure(response) from response
        if isinstance(response[-1], redis.exceptions.ResponseError):  # a run-time error ends the reply
            raise _failure(response[-1]) from response[-1]
        if len(response) < 3:  # statistics only: the query returns nothing
            return [], []
        return response[0], response[1]

    def _value(self, cell: list[Any]) -> Any:
        """One value of a compact reply. Scalars, lists and maps (all our queries return) are read
        here; falkordb-py's general parser costs ~2.6 µs a value, which dominated large reads such
        as the export. Nodes, edges and paths are left to it."""
        kind, value = cell
        if kind in _AS_IS:
            return value
        if kind == _DOUBLE:
            return float(value)
        if kind == _ARRAY:
            return [self._value(v) for v in value]
        if kind == _MAP:
            return {value[i]: self._value(value[i + 1]) for i in range(0, len(value), 2)}
        if kind == _BOOLEAN:
            return value == "true"
        return parse_scalar(cell, self._graph)

    def _schema_exists_error(self, exc: Exception) -> bool:
        return "already indexed" in str(exc)

    def bulk_load_rows(self, nodes: NodeRows, edges: EdgeRows, documents: Sequence[Document] = ()) -> WriteSummary:
        """Build a fresh graph with FalkorDB's GRAPH.BULK binary loader (the falkordb-bulk-loader format).

        GRAPH.BULK only creates a graph that does not exist yet, so the empty graph (it holds only
        indexes) is deleted first and the indexes are created again afterwards. Node ids are
        assigned in the order nodes are sent, which is how edges name their endpoints. A sender
        thread ships each blob while this thread encodes the next: the server and the encoder then
        work on the two cores at once (socket I/O releases the GIL).
        """
        self._require_empty()
        self.drop()
        summary = WriteSummary()
        internal: dict[str, int] = {}

        def numbered(rows: Iterable[Row], label: Label) -> Iterator[Row]:
            for row in rows:
                internal[row["id"]] = len(internal)
                summary.by_label[label.value] = summary.by_label.get(label.value, 0) + 1
                yield row

        def counted(rows: Iterable[Row], rel: RelType) -> Iterator[Row]:
            for row in rows:
                summary.by_type[rel.value] = summary.by_type.get(rel.value, 0) + 1
                yield row

        def commands() -> Iterator[tuple[int, int, bytes]]:
            for label, rows in nodes.items():
                for count, blob in _bulk_blobs(f"Entity:{label.value}", _NODE_PROPS, _node_records(numbered(rows, label))):
                    yield count, 0, blob
            for rel, rows in edges.items():
                for count, blob in _bulk_blobs(rel.value, _EDGE_PROPS, _edge_records(counted(rows, rel), internal)):
                    yield 0, count, blob

        with self._unlogged():
            with ThreadPoolExecutor(max_workers=1, thread_name_prefix="graph-bulk") as sender:
                in_flight: Future[None] | None = None
                for i, (n, e, blob) in enumerate(commands()):
                    sent = sender.submit(self._bulk, i == 0, n, e, blob)
                    if in_flight is not None:
                        in_flight.result()  # at most two blobs in memory; an error stops the load
                    in_flight = sent
                if in_flight is not None:
                    in_flight.result()
            summary.nodes, summary.edges = len(internal), sum(summary.by_type.values())
            self.ensure_schema()  # indexes build in the background while the log is rebuilt
            self._write_documents(documents, summary)
        return summary

    @contextlib.contextmanager
    def _unlogged(self) -> Iterator[None]:
        """Switch the append-only file off for a bulk load, then rebuild it from the loaded graph.

        Logged, a 1M-node load appends ~600 MB of GRAPH.BULK blobs, fsyncs each, and its growth
        triggers automatic rewrites that fork and serialise the graph again and again on the same two
        cores. Switching it back on writes the file once from the data; we wait for that, so a load
        that returned survives a crash like any acknowledged write. (The server is per data folder;
        other graphs in it are unlogged for the same moments.)
        """
        conn = self._patient
        if self._call(lambda: conn.config_get("appendonly")).get("appendonly") != "yes":
            yield
            return
        self._call(lambda: conn.config_set("appendonly", "no"))
        try:
            yield
        finally:
            self._call(lambda: conn.config_set("appendonly", "yes"))
            self._call(lambda: wait_rewritten(conn))

    def _bulk(self, begin: bool, nodes: int, edges: int, blob: bytes) -> None:
        # GRAPH.BULK name [BEGIN] node_count edge_count node_blobs relation_blobs blob...
        args = ["GRAPH.BULK", self._graph.name, *(["BEGIN"] if begin else []), nodes, edges,
                int(nodes > 0), int(edges > 0), blob]
        reply = self._versioned(*args)
        if isinstance(reply, redis.exceptions.ResponseError):
            raise QueryFailed(f"GRAPH.BULK: {reply}") from reply

    def drop(self) -> None:
        """Delete the whole graph (tests and `ecograph reset`); the version goes on counting."""
        self._versioned("GRAPH.DELETE", self._graph.name)  # an error reply (no such graph) is the goal reached

    def close(self) -> None:
        for client in (self._db.connection, self._patient):
            with contextlib.suppress(redis.exceptions.RedisError, OSError):  # a dead connection is closed already
                client.close()
        self._async = None  # its connections belong to their event loop, which closes them
        self.server.leave()
