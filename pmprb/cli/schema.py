"""`pmprb schema`: the JSON Schema of the worksheet format, for editors (yaml-language-server) and CI.

The committed copy lives in worksheets/schema/ (shipped with the package); a test keeps it current.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from pmprb.cli.base import Lang, LangOption, app, examples

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def worksheet_schema() -> dict[str, Any]:
    """A whole worksheet; or, when it has `extends`, a variant: changes to its base, any of the
    worksheet's keys, checked in full only once merged (`pmprb check`)."""
    from pmprb.model.validation import worksheet_json_schema

    schema = worksheet_json_schema()
    defs = schema.pop("$defs", {})
    variant = {
        "type": "object",
        "description": "A variant: changes to the worksheet `extends` names, merged by id before validation.",
        "required": ["extends"],
        "properties": {name: {} for name in schema.get("properties", {})} | {"extends": {"type": "string"}},
        "additionalProperties": False,
    }
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": "worksheet.schema.json",
        "title": schema.get("title", "Worksheet"),
        "$defs": defs,
        "if": {"required": ["extends"]},
        "then": variant,
        "else": schema,
    }


def schema_text() -> str:
    return json.dumps(worksheet_schema(), ensure_ascii=False, indent=2) + "\n"


@app.command(
    "schema",
    epilog=examples(
        "pmprb schema -o pmprb-worksheet.schema.json",
    ),
)
def schema(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Tulis ke berkas ini (bawaan: keluaran standar).")
    ] = None,
    lang: LangOption = Lang.id,
) -> None:
    """Skema JSON format lembar kerja (untuk pelengkapan otomatis di editor)."""
    text = schema_text()
    if output is None:
        sys.stdout.write(text)
        return
    from pmprb.cli.base import stderr_console
    from pmprb.i18n import t
    from pmprb.writers.atomic import write_text

    write_text(output, text)
    stderr_console().print(t("schema.written", lang.value, path=str(output)))
