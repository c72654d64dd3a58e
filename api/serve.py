"""Run the API: one uvicorn in this process, or several processes sharing one listening socket."""

from __future__ import annotations

import multiprocessing
import os
import signal
import socket
from multiprocessing.connection import wait

import uvicorn

from ecograph.api.app import create_app
from ecograph.graph.backends import check_store
from ecograph.graph.errors import EcographError
from ecograph.graph.settings import Settings


def serve(settings: Settings, log_level: str = "info") -> None:
    """Serve until stopped, in `settings.serve_workers` processes."""
    check_store(settings)
    if settings.serve_workers == 1:
        uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_level=log_level)
    else:
        _serve_processes(settings, settings.serve_workers, log_level)


def _serve_processes(settings: Settings, workers: int, log_level: str) -> None:
    """ECOGRAPH_SERVE_WORKERS > 1: that many uvicorn processes accepting on one listening socket, each
    with its own app and store client (the embedded server is shared per data folder).

    Not `uvicorn --workers`: the socket it binds has protocol 0, so asyncio does not set TCP_NODELAY
    on the connections it accepts, and keep-alive requests then wait ~40 ms for a delayed ACK. A
    socket made with IPPROTO_TCP (and TCP_NODELAY, which accepted sockets inherit) has no such wait.
    """
    family = socket.AF_INET6 if ":" in settings.host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        sock.bind((settings.host, settings.port))
    except OSError as exc:
        raise EcographError(f"cannot listen on {settings.host}:{settings.port}: {exc}") from exc
    sock.listen(2048)
    context = multiprocessing.get_context("fork")  # nothing is open yet but the socket the children share
    children = [context.Process(target=_serve_one, args=(settings, sock, log_level)) for _ in range(workers)]
    for child in children:
        child.start()

    def stop(signum: int, _frame: object) -> None:
        for child in children:
            if child.is_alive() and child.pid is not None:
                os.kill(child.pid, signal.SIGTERM)  # uvicorn in the child shuts down gracefully

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    wait([c.sentinel for c in children])  # one ended (stopped, or crashed): stop the others too
    stop(signal.SIGTERM, None)
    for child in children:
        child.join()
    sock.close()
    if any(c.exitcode not in (0, -signal.SIGTERM) for c in children):
        raise EcographError("a server process failed; see its messages above")


def _serve_one(settings: Settings, sock: object, log_level: str) -> None:
    uvicorn.Server(uvicorn.Config(create_app(settings), log_level=log_level)).run(sockets=[sock])  # type: ignore[list-item]
