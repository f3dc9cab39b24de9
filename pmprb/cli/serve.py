"""`pmprb serve DIR`: PortalRB's pull API over a folder of LKE files (see pmprb/serve/)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from pmprb.cli.base import Lang, LangOption, app, examples


@app.command(
    "serve",
    epilog=examples(
        "pmprb token new --token-file /etc/pmprb/tokens",
        "pmprb serve /srv/lke --token-file /etc/pmprb/tokens --port 8000",
    ),
)
def serve(
    folder: Annotated[Path, typer.Argument(help="Folder berkas LKE unit (dan units.yaml bila ada).")],
    host: Annotated[
        str, typer.Option("--host", help="Alamat yang didengar (di balik reverse proxy).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port (0: port bebas).")] = 8000,
    token_file: Annotated[
        Path | None,
        typer.Option("--token-file", envvar="PMPRB_TOKEN_FILE", help="Berkas token (pmprb token new)."),
    ] = None,
    units: Annotated[
        Path | None, typer.Option("--units", help="Daftar unit (bawaan: DIR/units.yaml).")
    ] = None,
    year: Annotated[
        int | None, typer.Option("--year", help="Tahun evaluasi (bawaan: lembar kerja terbaru).")
    ] = None,
    rate_limit: Annotated[
        int, typer.Option("--rate-limit", min=1, help="Permintaan per menit per token.")
    ] = 600,
    check: Annotated[
        bool, typer.Option("--check", help="Tampilkan unit dan daftar usulannya, lalu keluar.")
    ] = False,
    lang: LangOption = Lang.id,
) -> None:
    """Layani API integrasi PortalRB (ZI) dari folder berkas LKE."""
    from pmprb.cli.base import exit_with, print_problems
    from pmprb.errors import ExitCode, Location, Problem, UserError
    from pmprb.serve.logs import JsonLog
    from pmprb.serve.service import open_service

    log = JsonLog()
    if check:
        from pmprb.serve.check import report

        service = open_service(folder, units, year, lambda line: None, lang.value)
        text, ok = report(service, lang.value)
        sys.stdout.write(text)
        if not ok:
            exit_with(ExitCode.INVALID)
        return
    from pmprb.serve import tokens

    if token_file is None:
        raise UserError(Problem("serve.token-required", Location()))
    found, warnings = tokens.load(token_file)
    print_problems(warnings, lang.value)
    service = open_service(folder, units, year, log, lang.value)
    from pmprb.i18n import t
    from pmprb.serve.app import create_app
    from pmprb.serve.ratelimit import RateLimit
    from pmprb.serve.server import bind, run

    application = create_app(service, tokens.Verifier(found), RateLimit(rate_limit), lang.value, log)
    try:
        sock = bind(host, port)
    except OSError as exc:
        where = Location(f"{host}:{port}")
        raise UserError(
            Problem("file.unreadable", where, params={"reason": exc.strerror or str(exc)})
        ) from None

    def started(url: str) -> None:
        root = str(folder.resolve())
        message = t(
            "serve.listening", lang.value, units=len(service.units), tahun=service.tahun, root=root, url=url
        )
        log({"event": "start", "url": url, "pid": os.getpid(), "message": message})

    run(application, sock, started, t("serve.http.400", lang.value))
