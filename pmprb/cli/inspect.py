"""`pmprb inspect FILE [--worksheet W] [--format json]`: what pmprb recognised in a file and why.
The first command to run when a score looks wrong."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from pmprb.cli.base import Lang, LangOption, WorksheetOption, app


class InspectFormat(StrEnum):
    text = "text"
    json = "json"


@app.command("inspect")
def inspect(
    file: Annotated[Path, typer.Argument(help="Berkas jawaban (.xlsx, .ods, .xls, .json, .csv).")],
    worksheet: WorksheetOption = None,
    fmt: Annotated[
        InspectFormat, typer.Option("--format", "-f", help="text atau json.")
    ] = InspectFormat.text,
    lang: LangOption = Lang.id,
) -> int:
    """Tampilkan apa yang dikenali pmprb dalam berkas dan alasannya (langkah pertama bila nilai keliru)."""
    from pmprb.api import resolve_worksheet
    from pmprb.cli.base import print_problems
    from pmprb.errors import ExitCode
    from pmprb.readers.inspection import inspect as run

    code = lang.value
    found = run(file, resolve_worksheet(worksheet))
    if fmt is InspectFormat.json:
        sys.stdout.write(json.dumps(found.to_dict(code), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(render(found, code))
        print_problems(found.problems, code)
    return int(ExitCode.USAGE) if found.format is None or found.refused else 0


def render(found: object, lang: str) -> str:
    from pmprb.i18n import t
    from pmprb.readers.inspection import Inspection

    assert isinstance(found, Inspection)
    lines = [t("inspect.file", lang, file=found.file)]
    if found.format is None:
        lines.append(t("inspect.unrecognised", lang))
        return "\n".join(lines) + "\n"
    share = f"{(found.confidence or 0) * 100:.0f}%"
    lines.append(t("inspect.format", lang, format=found.format))
    lines.append(
        t(
            "inspect.worksheet",
            lang,
            worksheet=found.worksheet,
            found=found.found,
            total=found.total,
            share=share,
        )
    )
    lines.append(t("inspect.reason", lang, reason=found.reason))
    if found.refused:
        lines.append(t("inspect.refused", lang))
    others = [c for c in found.candidates if c["worksheet"] != found.worksheet]
    if others:
        shown = ", ".join(f"{c['worksheet']} {c['found']}/{c['total']}" for c in others)
        lines.append(t("inspect.candidates", lang, candidates=shown))
    if found.sheet is not None:
        header = str(found.header_row) if found.header_row else t("inspect.no-header", lang)
        lines.append(t("inspect.sheet", lang, sheet=found.sheet, header=header))
        if found.numbered_by == "rows":
            lines.append(t("inspect.numbered-rows", lang, count=found.by_number, total=found.total))
        elif found.numbered_by:
            lines.append(
                t(
                    "inspect.numbered-id",
                    lang,
                    column=found.numbered_by,
                    count=found.by_number,
                    total=found.total,
                )
            )
        else:
            lines.append(t("inspect.numbered-none", lang))
    lines.append(t("inspect.layers", lang, count=len(found.layers)))
    for layer in found.layers:
        parts = [
            t("inspect.column." + key, lang, col=", ".join(v) if isinstance(v, list) else v)
            for key, v in layer.items()
            if key != "name"
        ]
        lines.append(f"  - {layer['name']}" + (f": {'; '.join(parts)}" if parts else ""))
    if found.sheet is not None:
        lines.append(t("inspect.missing", lang, count=len(found.missing)))
        lines += [f"  - {m['question']}: {m['text'][:90]}" for m in found.missing]
        lines.append(t("inspect.unmapped", lang, count=len(found.unmapped)))
        lines += [f"  - {t('inspect.row', lang, row=u['row'])}: {u['text'][:90]}" for u in found.unmapped]
        lines.append(t("inspect.form-rows", lang, count=len(found.form_rows)))
        for f in found.form_rows:
            kind = t("inspect.kind." + f["kind"], lang)
            extra = f" ({' + '.join(f['parts'])})" if f["parts"] else ""
            lines.append(f"  - {t('inspect.row', lang, row=f['row'])} {kind}: {f['text'][:80]}{extra}")
    return "\n".join(lines) + "\n"
