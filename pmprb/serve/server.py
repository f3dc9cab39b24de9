"""Run the application on uvicorn, on a socket bound here so the start line can tell the real port
(`--port 0` picks a free one)."""

from __future__ import annotations

import socket
from collections.abc import Callable
from typing import Any


def bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(2048)  # connections wait in the backlog from the start line on, until uvicorn accepts them
    sock.set_inheritable(True)
    return sock


def run(app: Any, sock: socket.socket, started: Callable[[str], None]) -> None:
    import uvicorn

    from pmprb.serve.logs import uvicorn_log_config

    config = uvicorn.Config(
        app,
        log_config=uvicorn_log_config(),
        access_log=False,  # the application logs every request itself, as JSON
        server_header=False,
        date_header=True,
        proxy_headers=False,
        timeout_graceful_shutdown=5,
    )
    server = uvicorn.Server(config)
    host, port = sock.getsockname()[:2]
    url = f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"
    started(url)
    server.run(sockets=[sock])
