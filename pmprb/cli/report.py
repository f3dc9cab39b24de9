"""`pmprb report FILE... -o OUT.html|OUT.pdf`: reports for leadership, one unit or a roll-up of many."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from pmprb.cli.base import FilesArgument, Lang, LangOption, LayerOption, WorksheetOption, app
from pmprb.errors import ExitCode, Location, Problem, UserError

SUFFIXES = {".html": "html", ".htm": "html", ".pdf": "pdf"}


@app.command()
def report(
    files: FilesArgument,
    output: Annotated[Path, typer.Option("--output", "-o", help="Berkas laporan: .html atau .pdf.")],
    worksheet: WorksheetOption = None,
    layer: LayerOption = "unit",
    title: Annotated[
        str | None, typer.Option("--title", help="Judul laporan (bawaan: dari lembar kerja).")
    ] = None,
    unit: Annotated[
        str | None,
        typer.Option(
            "--unit", help="Nama unit kerja, bila berkas tidak memuatnya (hanya untuk satu berkas)."
        ),
    ] = None,
    instansi: Annotated[
        str | None, typer.Option("--instansi", help="Nama instansi untuk sampul laporan.")
    ] = None,
    date: Annotated[
        str | None,
        typer.Option("--date", help="Tanggal laporan TTTT-BB-HH (bawaan: SOURCE_DATE_EPOCH, atau hari ini)."),
    ] = None,
    compare_with: Annotated[
        Path | None,
        typer.Option(
            "--compare", help="Tambahkan perbandingan dengan berkas lain (tahun lalu, penilai lain)."
        ),
    ] = None,
    compare_layer: Annotated[
        str | None, typer.Option("--compare-layer", help="Lapisan berkas pembanding (bawaan: --layer).")
    ] = None,
    lang: LangOption = Lang.id,
) -> int:
    """Buat laporan HTML atau PDF: ringkasan, predikat, grafik area, peluang peningkatan, rekap unit."""
    from pmprb.api import resolve_worksheet, score_layers
    from pmprb.catalog import get_worksheet
    from pmprb.i18n import t
    from pmprb.report import Scored, build, render_html, render_pdf
    from pmprb.report.format import report_date
    from pmprb.writers.atomic import refuse_input_as_output, write_bytes

    kind = SUFFIXES.get(output.suffix.lower())
    usage: list[Problem] = []
    if kind is None:
        usage.append(Problem("report.bad-output", Location(str(output)), params={"path": str(output)}))
    day = None
    if date is not None:
        try:
            day = dt.date.fromisoformat(date)
        except ValueError:
            usage.append(Problem("report.bad-date", params={"value": date}))
    if unit is not None and len(files) > 1:
        usage.append(Problem("report.unit-many"))
    if not files:
        usage.append(Problem("usage.no-files"))
    if compare_with is not None and len(files) != 1:
        usage.append(Problem("compare.report-one-file", params={"count": len(files)}))
    try:
        refuse_input_as_output(output, [*files, *([compare_with] if compare_with else [])])
    except UserError as exc:
        usage.extend(exc.problems)
    if usage:
        raise UserError(*usage)

    chosen = resolve_worksheet(worksheet)
    inputs: list[Scored] = []
    unreadable: list[Problem] = []
    for path in files:
        try:
            results, _ = score_layers(path, chosen, (layer,))
        except UserError as exc:
            unreadable.extend(exc.problems)
            continue
        result = results[layer]
        inputs.append(Scored(result, chosen or get_worksheet(result.worksheet), unit, instansi))
    if unreadable:
        # a roll-up silently missing a unit would mislead; say what failed and write nothing
        unreadable.append(Problem("report.failed-file", severity="info"))
        raise UserError(*unreadable)

    doc = build(inputs, lang=lang.value, day=report_date(day), title=title, instansi=instansi)
    if compare_with is not None:  # issue 5: the comparison section (pmprb.compare.report_section)
        from pmprb.compare.report_section import attach

        attach(doc.units[0], inputs[0], (files[0], layer), (compare_with, compare_layer or layer), chosen)
    html = render_html(doc)
    if kind == "pdf":
        data, pages = render_pdf(html)
        size = t("report.pages", lang.value, count=pages)
    else:
        data, size = html.encode("utf-8"), t("report.html", lang.value)
    write_bytes(output, data)
    from pmprb.cli.base import print_problems, stderr_console

    for item in inputs:
        print_problems(item.result.problems, lang.value)

    stderr_console().print(
        t("report.written", lang.value, path=str(output), units=len(inputs), pages=size),
        highlight=False,
        markup=False,
    )
    invalid = any(item.result.errors for item in inputs)
    return int(ExitCode.INVALID if invalid else ExitCode.OK)
