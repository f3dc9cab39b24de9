"""`pmprb export portalrb FILE... -o DIR`: the answers JSON `pmprb serve` sends, written offline (one
`<unit_id>.json` a file) for a manual upload or a check."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from pmprb.cli.base import (
    FilesArgument,
    Lang,
    LangOption,
    WorksheetOption,
    app,
    examples,
    exit_with,
    print_problems,
)
from pmprb.errors import ExitCode, Location, Problem, UserError
from pmprb.i18n import t
from pmprb.serve.export import answers_document
from pmprb.serve.service import worksheet_for
from pmprb.writers.atomic import refuse_input_as_output, write_bytes

export_app = typer.Typer(help="Tulis jawaban dalam format sistem lain.", no_args_is_help=True)
app.add_typer(export_app, name="export")


@export_app.command("portalrb", epilog=examples("pmprb export portalrb lke/*.xlsx -o kirim/"))
def portalrb(
    files: FilesArgument,
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder tujuan berkas JSON.")],
    year: Annotated[
        int | None, typer.Option("--year", help="Tahun evaluasi (bawaan: lembar kerja terbaru).")
    ] = None,
    overwrite: Annotated[bool, typer.Option("--overwrite", help="Timpa berkas JSON yang sudah ada.")] = False,
    lang: LangOption = Lang.id,
) -> None:
    """Tulis JSON jawaban PortalRB (seperti yang dikirim `pmprb serve`) dari berkas LKE."""
    import orjson

    if output.exists() and not output.is_dir():
        raise UserError(Problem("export.not-a-folder", Location(str(output)), params={"path": str(output)}))
    output.mkdir(parents=True, exist_ok=True)  # a missing folder is made, as for every output
    worksheet = worksheet_for(year)
    code = ExitCode.OK
    written: dict[Path, Path] = {}
    for path in files:
        try:
            doc = answers_document(path, worksheet, year or worksheet.year)
            target = output / f"{doc['unit_id']}.json"
            refuse_input_as_output(target, files)
            if target in written:
                raise UserError(
                    Problem("export.same-name", Location(str(path)), params={"path": str(target)})
                )
            if target.exists() and not overwrite:
                raise UserError(Problem("export.exists", Location(str(target)), params={"path": str(target)}))
        except UserError as exc:
            print_problems(exc.problems, lang.value)
            invalid = all(p.code.startswith("answer.") for p in exc.problems)
            code = max(code, ExitCode.INVALID if invalid else ExitCode.USAGE)
            continue
        write_bytes(target, orjson.dumps(doc, option=orjson.OPT_INDENT_2) + b"\n")
        written[target] = path
        answers = doc["answers"]
        sys.stderr.write(
            t(
                "export.written",
                lang.value,
                unit=doc["unit_id"],
                path=str(target),
                answers=len(answers),
                answered=sum(a["jawaban_unit"] is not None for a in answers),
                tpi=sum(a["jawaban_tpi"] is not None for a in answers),
            )
            + "\n"
        )
    if code:
        exit_with(code)


@export_app.command("answers", epilog=examples("pmprb export answers lke-unit.xlsx -o jawaban.csv"))
def answers(
    files: FilesArgument,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Berkas .csv/.json (satu masukan) atau folder (beberapa); bawaan: keluaran standar.",
        ),
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format", "-f", help="csv atau json (bawaan: menurut akhiran --output, selain itu csv)."
        ),
    ] = None,
    worksheet: WorksheetOption = None,
    overwrite: Annotated[bool, typer.Option("--overwrite", help="Timpa berkas yang sudah ada.")] = False,
    lang: LangOption = Lang.id,
) -> None:
    """Jawaban berkas apa pun sebagai CSV/JSON (kolom `question`, `layer`, `answer`, `note`, `evidence`)."""
    from pmprb.cli.base import exit_with, print_problems
    from pmprb.errors import ExitCode, Location, Problem, UserError
    from pmprb.i18n import t
    from pmprb.writers.atomic import refuse_input_as_output, write_text

    chosen = None
    if worksheet is not None:
        from pmprb.api import resolve_worksheet

        chosen = resolve_worksheet(worksheet)
    into_folder = output is not None and (output.is_dir() or len(files) > 1)
    if len(files) > 1 and (output is None or not output.is_dir()):
        where = str(output) if output is not None else "-"
        raise UserError(Problem("export.answers-folder", Location(where), params={"count": len(files)}))
    code = ExitCode.OK
    for path in files:
        try:
            kind = fmt or (
                output.suffix.lstrip(".").lower() if output is not None and not into_folder else "csv"
            )
            if kind not in ("csv", "json"):
                raise UserError(
                    Problem("export.answers-format", Location(str(output)), params={"value": kind})
                )
            target = (output / f"{path.stem}.{kind}") if into_folder and output is not None else output
            text, count = _answers_text(path, chosen, worksheet, kind)
            if target is not None:
                refuse_input_as_output(target, files)
                if target.exists() and not overwrite:
                    raise UserError(
                        Problem("export.exists", Location(str(target)), params={"path": str(target)})
                    )
        except UserError as exc:
            print_problems(exc.problems, lang.value)
            code = max(code, exc.exit_code)
            continue
        if target is None:
            sys.stdout.write(text)
        else:
            write_text(target, text)
            sys.stderr.write(t("export.answers-written", lang.value, path=str(target), count=count) + "\n")
    if code:
        exit_with(code)


def _answers_text(path: Path, chosen: Any, ref: str | None, kind: str) -> tuple[str, int]:
    from pmprb.readers import load
    from pmprb.writers.answer_table import rows, to_csv, to_json

    loaded = load(path, chosen, every_layer=True)
    worksheet_ref = ref or loaded.worksheet.id
    found = rows(loaded.worksheet, loaded.sheets, worksheet_ref)
    text = to_csv(found) if kind == "csv" else to_json(found, worksheet_ref)
    return text, len(found)
