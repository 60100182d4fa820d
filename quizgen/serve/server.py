"""Running the app: uvicorn on a socket bound to 127.0.0.1 only, never another address."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn
from starlette.applications import Starlette

HOST = "127.0.0.1"
SHUTDOWN_GRACE_S = 1  # open live-reload streams are closed after this on Ctrl+C


def bind(port: int) -> socket.socket:
    """A listening socket on 127.0.0.1:port (0: any free port); OSError when it is taken."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((HOST, port))
        sock.listen(64)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def address(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    return f"http://{host}:{port}/"


def server(app: Starlette) -> uvicorn.Server:
    config = uvicorn.Config(
        app, log_level="warning", access_log=False, timeout_graceful_shutdown=SHUTDOWN_GRACE_S, lifespan="on"
    )
    return uvicorn.Server(config)


def run(app: Starlette, sock: socket.socket) -> None:
    """Serve until Ctrl+C."""
    server(app).run(sockets=[sock])


@contextmanager
def running(app: Starlette, port: int = 0) -> Iterator[str]:
    """Serve in a thread while the block runs (for tests and scripts); yields the address."""
    sock = bind(port)
    srv = server(app)
    thread = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        while not srv.started:
            if not thread.is_alive():
                raise RuntimeError("the review server did not start")
            thread.join(0.01)
        yield address(sock)
    finally:
        srv.should_exit = True
        thread.join(10)
        sock.close()
