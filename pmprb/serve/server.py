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


def json_errors(message: str) -> type:
    """uvicorn's HTTP/1.1 protocol, answering a request it cannot parse (a malformed line or header, one
    too large) with a JSON error like every other, instead of its plain-text 400."""
    import h11
    import orjson
    from uvicorn.protocols.http.h11_impl import H11Protocol

    body = orjson.dumps({"error": True, "code": "BAD_REQUEST", "message": message})

    class JsonErrors(H11Protocol):
        def send_400_response(self, msg: str) -> None:
            headers = [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ]
            for event in (
                h11.Response(status_code=400, headers=headers),
                h11.Data(data=body),
                h11.EndOfMessage(),
            ):
                self.transport.write(self.conn.send(event) or b"")
            self.transport.close()

    return JsonErrors


def run(
    app: Any, sock: socket.socket, started: Callable[[str], None], bad_request: str = "Bad request."
) -> None:
    import uvicorn

    from pmprb.serve.logs import uvicorn_log_config

    config = uvicorn.Config(
        app,
        http=json_errors(bad_request),
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
