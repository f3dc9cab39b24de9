"""`pmprb token new --token-file FILE`: a fresh API token; its sha256 digest is appended to FILE and
the token printed once."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from pmprb.cli.base import Lang, LangOption, app, examples
from pmprb.errors import Location, Problem, UserError
from pmprb.i18n import t
from pmprb.serve import tokens
from pmprb.writers.atomic import atomic_path

token_app = typer.Typer(help="Token API untuk `pmprb serve`.", no_args_is_help=True)
app.add_typer(token_app, name="token")


@token_app.command("new", epilog=examples("pmprb token new --token-file /etc/pmprb/tokens"))
def new(
    token_file: Annotated[
        Path,
        typer.Option("--token-file", envvar="PMPRB_TOKEN_FILE", help="Berkas token (dibuat bila belum ada)."),
    ],
    lang: LangOption = Lang.id,
) -> None:
    """Buat token baru untuk PortalRB: sidiknya ditambahkan ke berkas token, tokennya ditampilkan sekali."""
    import os
    from datetime import UTC, datetime

    existing = ""
    if token_file.exists():
        try:
            existing = token_file.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            where = Location(str(token_file))
            raise UserError(Problem("file.unreadable", where, params={"reason": str(exc)})) from None
        _, problems = tokens.parse(existing, str(token_file))
        errors = [p for p in problems if p.severity == "error"]
        if errors:  # a file we would not read back: leave it as the user made it
            raise UserError(*errors)
    token, line = tokens.new()
    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    text = existing + ("" if not existing or existing.endswith("\n") else "\n") + f"# {stamp}\n{line}\n"
    new_file = not token_file.exists()
    with atomic_path(token_file) as tmp:
        tmp.write_text(text, encoding="utf-8")
    if new_file:  # digests only, but nobody else needs to read them; an existing file keeps its mode
        os.chmod(token_file, 0o600)
    sys.stderr.write(t("serve.token-created", lang.value, path=str(token_file)) + "\n")
    sys.stdout.write(token + "\n")
    sys.stderr.write(t("serve.token-restart", lang.value) + "\n")
