"""`pmprb score FILE...`: validated scores, predicate and what is missing."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from pmprb.cli.base import FilesArgument, Lang, LangOption, LayerOption, OutputFormat, WorksheetOption, app

FormatOption = Annotated[
    OutputFormat,
    typer.Option("--format", "-f", help="table (bawaan), json, csv atau github.", show_default="table"),
]


@app.command()
def score(
    files: FilesArgument,
    worksheet: WorksheetOption = None,
    layer: LayerOption = "unit",
    fmt: FormatOption = OutputFormat.table,
    strict: Annotated[
        bool, typer.Option("--strict", help="Pertanyaan yang belum dijawab menjadi kesalahan.")
    ] = False,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", help="Jumlah proses (bawaan: semua inti).")
    ] = None,
    lang: LangOption = Lang.id,
) -> int:
    """Hitung nilai LKE, predikat, dan pertanyaan yang belum dijawab."""
    from pmprb.api import summarize_many
    from pmprb.cli.score_render import FileSummary, render, summarizer

    if fmt not in (OutputFormat.table, OutputFormat.json, OutputFormat.csv, OutputFormat.github):
        raise typer.BadParameter(f"{fmt.value}: table, json, csv, github", param_hint="--format")
    progress_cb = None
    progress = None
    if len(files) > 1 and sys.stderr.isatty() and fmt is OutputFormat.table:
        from rich.progress import Progress

        progress = Progress(transient=True)
        task = progress.add_task("Menilai" if lang.value == "id" else "Scoring", total=len(files))

        def progress_cb(_: FileSummary) -> None:
            progress.advance(task)  # type: ignore[union-attr]

        progress.start()
    try:
        summarize = summarizer(fmt, lang.value, single=len(files) == 1)
        summaries = summarize_many(files, summarize, worksheet, (layer,), strict, jobs, progress_cb)
    finally:
        if progress is not None:
            progress.stop()
    render(summaries, fmt, lang.value)
    return max((s.exit_code for s in summaries), default=0)
