"""The ASGI application: PortalRB's three endpoints, /healthz and /openapi.json.

`Guard` wraps everything: Bearer auth, the per-token rate limit, one JSON log line per request, and
a JSON 500 for anything unexpected. Errors are always `{"error": true, "code", "message"}`, never HTML
or a traceback, also for the router's own 404 and 405."""

from __future__ import annotations

import time
from typing import Any

import orjson
from anyio import to_thread
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from pmprb.i18n import t
from pmprb.serve.ratelimit import RateLimit
from pmprb.serve.service import Service
from pmprb.serve.store import Log, UnitFailed, with_unit
from pmprb.serve.tokens import Verifier, bearer

CODES = {
    401: "UNAUTHORIZED",
    403: "FORBIDDEN",
    404: "NOT_FOUND",
    405: "METHOD_NOT_ALLOWED",
    422: "VALIDATION_ERROR",
    429: "RATE_LIMITED",
    500: "INTERNAL_ERROR",
}
OPEN = ("/healthz", "/openapi.json")  # no token: the proxy's health check and the API's description
JSON = "application/json"


def error(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    body = orjson.dumps({"error": True, "code": CODES.get(status, "ERROR"), "message": message})
    return Response(body, status, headers, media_type=JSON)


class Guard:
    """Outermost layer: nothing reaches the routes without a valid token and a free slot."""

    def __init__(self, app: ASGIApp, verifier: Verifier, limit: RateLimit, lang: str, log: Log) -> None:
        self.app, self.verifier, self.limit, self.lang, self.log = app, verifier, limit, lang, log

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        state: dict[str, Any] = {"status": None, "token": None}

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                state["status"] = message["status"]
            await send(message)

        try:
            refusal = self._admit(scope, state)
            if refusal is not None:
                await refusal(scope, receive, sending)
            else:
                await self.app(scope, receive, sending)
        except Exception as exc:  # answered as JSON 500 and logged, never a traceback
            state["error"] = f"{type(exc).__name__}: {exc}"
            if state["status"] is None:
                await error(500, t("serve.http.500", self.lang))(scope, receive, sending)
        finally:
            line = {
                "event": "request",
                "method": scope.get("method"),
                "path": scope.get("path", "")[:300],
                "status": state["status"],
                "duration_ms": round((time.perf_counter() - start) * 1000, 2),
                "token": state["token"],
                "client": (scope.get("client") or ("", 0))[0] or None,
            }
            if "error" in state:
                line["error"] = state["error"]
            self.log(line)

    def _admit(self, scope: Scope, state: dict[str, Any]) -> Response | None:
        if scope.get("path") in OPEN:
            return None
        header = None
        for key, value in scope.get("headers", ()):
            if key == b"authorization":
                header = value.decode("latin-1")
                break
        presented = bearer(header)
        token = self.verifier.check(presented) if presented is not None else None
        if token is None:
            code = "serve.http.401-missing" if presented is None else "serve.http.401-wrong"
            return error(401, t(code, self.lang), {"WWW-Authenticate": 'Bearer realm="pmprb"'})
        state["token"] = token.id
        wait = self.limit.take(token.id)
        if wait:
            return error(429, t("serve.http.429", self.lang, seconds=wait), {"Retry-After": str(wait)})
        return None


def create_app(service: Service, verifier: Verifier, limit: RateLimit, lang: str, log: Log) -> Guard:
    from pmprb.serve.openapi import document

    openapi = orjson.dumps(document(service.tahun))

    def year_refused(request: Request) -> Response | None:
        raw = request.query_params.get("tahun")
        if raw is None:
            return None
        if not raw.strip().isdigit() or int(raw) != service.tahun:
            return error(422, t("serve.http.422-tahun", lang, value=raw[:40], tahun=service.tahun))
        return None

    async def listing(request: Request) -> Response:
        refused = year_refused(request)
        if refused is not None:
            return refused
        name = request.url.path.rsplit("-", 1)[-1]
        data = await to_thread.run_sync(service.listing, name)
        return Response(orjson.dumps(data), media_type=JSON)

    async def answers(request: Request) -> Response:
        unit = service.unit(request.path_params["unit_id"])  # a lookup in the table, never a path
        if unit is None:
            return error(404, t("serve.http.404-unit", lang))
        refused = year_refused(request)
        if refused is not None:
            return refused
        reading = service.store.cached(unit)
        try:
            if reading is None:
                reading = await to_thread.run_sync(service.store.get, unit)
        except UnitFailed:
            return error(500, t("serve.http.500-unit", lang, unit=unit.id))
        if unit.kategori is None and reading.predicate not in ("WBK", "WBBM"):
            return error(403, t("serve.http.403-unit", lang, unit=unit.id))
        return Response(with_unit(reading.body, unit), media_type=JSON)

    async def health(request: Request) -> Response:
        return Response(b'{"status":"ok"}', media_type=JSON)

    async def schema(request: Request) -> Response:
        return Response(openapi, media_type=JSON)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        status = exc.status_code if exc.status_code in CODES else 500
        code = {404: "serve.http.404", 405: "serve.http.405"}.get(status, "serve.http.500")
        return error(status, t(code, lang), dict(exc.headers or {}))

    async def crash(request: Request, exc: Exception) -> Response:
        return error(500, t("serve.http.500", lang))

    routes = [
        Route("/pengusulan/unit-wbk", listing, methods=["GET"]),
        Route("/pengusulan/unit-wbbm", listing, methods=["GET"]),
        Route("/lke/jawaban-unit/{unit_id}", answers, methods=["GET"]),
        Route("/healthz", health, methods=["GET"]),
        Route("/openapi.json", schema, methods=["GET"]),
    ]
    app = Starlette(routes=routes, exception_handlers={HTTPException: http_error, Exception: crash})
    app.router.redirect_slashes = False  # a redirect is no answer PortalRB can use: 404 instead
    return Guard(app, verifier, limit, lang, log)
