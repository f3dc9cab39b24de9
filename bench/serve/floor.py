"""The floor: the same server (auth, rate limit, logs, Starlette, uvicorn) answering every unit from
an in-memory dict made at start, without looking at the files again.

    python bench/serve/floor.py DIR UNITS.yaml TOKEN_FILE
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from pmprb.serve import tokens
from pmprb.serve.app import create_app
from pmprb.serve.logs import JsonLog
from pmprb.serve.ratelimit import RateLimit
from pmprb.serve.server import bind, run
from pmprb.serve.service import open_service


def main() -> None:
    root, manifest, token_file = (Path(a) for a in sys.argv[1:4])
    log = JsonLog()
    service = open_service(root, manifest, None, log, "id")
    readings = {unit.id: service.store.get(unit) for unit in service.units.values()}
    service.store.cached = lambda unit: readings[unit.id]  # type: ignore[method-assign]
    found, _ = tokens.load(token_file)
    app = create_app(service, tokens.Verifier(found), RateLimit(10**9), "id", log)
    sock = bind("127.0.0.1", 0)
    run(app, sock, lambda url: log({"event": "start", "url": url, "pid": os.getpid()}))


if __name__ == "__main__":
    main()
