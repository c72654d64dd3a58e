"""The parent of an embedded FalkorDB server: keeps it running while any process uses the data folder.

Every process that opens the store holds an exclusive `flock` on a file of its own under
`<data folder>/users/`; the kernel releases it when the process ends, however it ends. This process
starts `redis-server` as its child (which gets SIGTERM if this process dies) and, every
`POLL_S`, counts the users still alive; when none is left (the last one was killed before it could
stop the server itself), it stops the server with SIGTERM, which flushes the append-only file.

Only the standard library: it starts with every embedded server, so it must start fast.
Run as `python -m ecograph.graph.watchdog DATA_DIR -- REDIS_SERVER ARGS...`.
"""

from __future__ import annotations

import ctypes
import fcntl
import os
import signal
import subprocess
import sys
from pathlib import Path

POLL_S = 0.2
STOP_WAIT_S = 60.0


def live_users(users: Path) -> int:
    """Processes holding their user file; files whose owner is gone are removed.

    The caller holds the folder's `server.lock`, so no file is between its creation and its lock."""
    alive = 0
    try:
        files = list(users.iterdir())
    except FileNotFoundError:
        return 0
    for path in files:
        try:
            fd = os.open(path, os.O_RDONLY)
        except FileNotFoundError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            alive += 1
        else:
            path.unlink(missing_ok=True)
        finally:
            os.close(fd)
    return alive


def _die_with_parent() -> None:
    """In the child, before exec: ask Linux to SIGTERM the server when this process dies."""
    libc = ctypes.CDLL("libc.so.6", use_errno=True)
    libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _stop(server: subprocess.Popen[bytes]) -> int:
    server.terminate()
    try:
        return server.wait(timeout=STOP_WAIT_S)
    except subprocess.TimeoutExpired:  # stalled (SIGSTOP): every acknowledged write is in the log already
        server.kill()
        return server.wait()


def watch(data_dir: Path, command: list[str]) -> int:
    """Run the server until it exits or no user is left; the server's exit code."""
    server = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, preexec_fn=_die_with_parent)
    signal.signal(signal.SIGTERM, lambda *_: server.terminate())
    with open(data_dir / "server.lock", "a") as lock:
        while True:
            try:
                return server.wait(timeout=POLL_S)
            except subprocess.TimeoutExpired:
                pass
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                if server.poll() is None and not live_users(data_dir / "users"):
                    return _stop(server)
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)


def main(argv: list[str]) -> int:
    data_dir, sep, *command = argv
    if sep != "--" or not command:
        print("usage: python -m ecograph.graph.watchdog DATA_DIR -- COMMAND...", file=sys.stderr)
        return 2
    return watch(Path(data_dir), command)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
