"""`pmprb score FILE|FOLDER... [--files-from LIST]`: validated scores, predicate and what is missing."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated

import typer

from pmprb.cli import interrupt
from pmprb.cli.base import Lang, LangOption, WorksheetOption, app, stderr_console
from pmprb.cli.batch import summaries
from pmprb.cli.inputs import READABLE, gather, readable
from pmprb.cli.score_render import ScoreFormat, summarizer, writer
from pmprb.errors import Location, Problem, UserError
from pmprb.i18n import t
from pmprb.writers.atomic import atomic_path, refuse_input_as_output

if TYPE_CHECKING:
    from rich.progress import Progress

EXAMPLES = """\b
Contoh:
  pmprb score lke-unit.xlsx
  pmprb score lke/ --format csv -o nilai.csv
  find arsip -name '*.json' | pmprb score --files-from -
"""

FormatOption = Annotated[
    ScoreFormat,
    typer.Option("--format", "-f", help="table (bawaan), json, csv atau github.", show_default="table"),
]


@contextlib.contextmanager
def _destination(output: Path | None) -> Iterator[IO[str]]:
    """Standard output, or a file written whole or not at all (an interrupted run leaves none)."""
    if output is None:
        yield sys.stdout
        return

    with atomic_path(output) as tmp, tmp.open("w", encoding="utf-8", newline="") as fh:
        yield fh


@app.command(epilog=EXAMPLES)
def score(
    ctx: typer.Context,
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Berkas LKE (Excel ZI resmi, JSON PortalRB, workbook pmprb) atau folder (dicari sampai ke "
            "subfolder).",
            show_default=False,
        ),
    ] = None,
    files_from: Annotated[
        list[str] | None,
        typer.Option(
            "--files-from",
            help="Berkas berisi daftar path, satu per baris ('-': masukan standar).",
            metavar="FILE|-",
        ),
    ] = None,
    worksheet: WorksheetOption = None,
    layer: Annotated[
        str | None,
        typer.Option(
            "--layer",
            "-l",
            help="Lapisan jawaban: unit atau tpi (bawaan: yang dicatat berkas, mis. workbook konsensus; "
            "selain itu unit).",
            show_default=False,
        ),
    ] = None,
    fmt: FormatOption = ScoreFormat.table,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Tulis hasil ke berkas ini (utuh atau tidak sama sekali)."),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Pertanyaan yang belum dijawab menjadi kesalahan.")
    ] = False,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", help="Jumlah proses (bawaan: semua inti).", min=1)
    ] = None,
    lang: LangOption = Lang.id,
) -> int:
    """Hitung nilai LKE, predikat, dan pertanyaan yang belum dijawab."""

    if not files and not files_from:  # optional only because --files-from may stand in for it
        errors = sys.modules[typer.BadParameter.__module__]  # click, as typer vendors or imports it
        param = next(p for p in ctx.command.params if p.name == "files")
        raise errors.MissingParameter(ctx=ctx, param=param, param_type="argument")
    inputs = gather(files or [], files_from or [])
    if not len(inputs):
        where = Location(str(files[0])) if files else Location()
        raise UserError(Problem("usage.no-files", where))
    if output is not None and output.exists() and readable(output.name):
        refuse_input_as_output(output, map(Path, inputs))  # a third walk, only when it could matter
    interrupt.state.total = len(inputs)
    single = len(inputs) == 1 and not inputs.folders
    layers = (layer,) if layer else None  # None: the layer each file says it holds, else unit
    summarize = summarizer(fmt, lang.value, single)
    stream = summaries(inputs, len(inputs), summarize, worksheet, layers, strict, jobs)
    code = 0
    bar = _progress(len(inputs), lang.value, output)
    try:
        with _destination(output) as out, contextlib.closing(stream):
            shown = writer(fmt, out, lang.value, single)
            for summary in stream:
                shown.add(summary)
                interrupt.state.done += 1
                code = max(code, summary.exit_code)
                if bar is not None:
                    bar.advance(bar.task_ids[0])
            shown.end()
    finally:
        if bar is not None:
            bar.stop()
    _report_skipped(inputs.skipped, inputs.folders, lang.value)
    return code


def _progress(total: int, lang: str, output: Path | None) -> Progress | None:
    """A bar on standard error when the rows do not already show progress on the terminal."""
    if total < 2 or not sys.stderr.isatty() or (output is None and sys.stdout.isatty()):
        return None
    from rich.progress import Progress

    bar = Progress(transient=True)
    bar.add_task(t("score.progress", lang), total=total)
    bar.start()
    return bar


def _report_skipped(skipped: int, folders: int, lang: str) -> None:
    if skipped:
        stderr_console().print(
            t("score.skipped", lang, count=skipped, folders=folders, readable=", ".join(READABLE)),
            markup=False,
        )
