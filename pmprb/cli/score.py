"""`pmprb score FILE...`: validated scores, predicate and what is missing."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from pmprb.cli.base import Lang, LangOption, OutputFormat, app

FormatOption = Annotated[
    OutputFormat,
    typer.Option("--format", "-f", help="table (bawaan), json, csv atau github.", show_default="table"),
]


@app.command()
def score(
    files: Annotated[
        list[Path], typer.Argument(help="Berkas LKE: Excel ZI resmi, JSON PortalRB, atau workbook pmprb.")
    ],
    worksheet: Annotated[
        str | None,
        typer.Option(
            "--worksheet", "-w", help="ID lembar kerja atau berkas YAML (bawaan: dikenali otomatis)."
        ),
    ] = None,
    layer: Annotated[str, typer.Option("--layer", "-l", help="Lapisan jawaban: unit atau tpi.")] = "unit",
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
    from pmprb.api import FileOutcome, score_many
    from pmprb.cli.score_render import render

    if fmt not in (OutputFormat.table, OutputFormat.json, OutputFormat.csv, OutputFormat.github):
        raise typer.BadParameter(f"{fmt.value}: table, json, csv, github", param_hint="--format")
    progress_cb = None
    progress = None
    if len(files) > 1 and sys.stderr.isatty() and fmt is OutputFormat.table:
        from rich.progress import Progress

        progress = Progress(transient=True)
        task = progress.add_task("Menilai" if lang.value == "id" else "Scoring", total=len(files))

        def progress_cb(_: FileOutcome) -> None:
            progress.advance(task)  # type: ignore[union-attr]

        progress.start()
    try:
        outcomes = score_many(files, worksheet, (layer,), strict, jobs, progress_cb)
    finally:
        if progress is not None:
            progress.stop()
    render(outcomes, fmt, lang.value)
    return int(max((o.exit_code for o in outcomes), default=0))
