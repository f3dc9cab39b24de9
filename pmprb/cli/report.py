"""`pmprb report FILE... -o OUT.html|OUT.pdf`: reports for leadership, one unit or a roll-up of many."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pmprb.cli.base import FilesArgument, Lang, LangOption, LayerOption, WorksheetOption, app, examples
from pmprb.errors import ExitCode, Location, Problem, UserError

if TYPE_CHECKING:
    from pmprb.report import Scored
    from pmprb.report.model import ReportDoc

SUFFIXES = {".html": "html", ".htm": "html", ".pdf": "pdf"}


@app.command(
    epilog=examples(
        "pmprb report lke-unit.xlsx -o laporan.pdf --instansi 'Kementerian X'",
        "pmprb report lke/*.xlsx -o rekap.html",
    )
)
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
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs", "-j", min=1, help="Proses paralel untuk PDF rekapitulasi (bawaan: semua inti CPU)."
        ),
    ] = None,
    lang: LangOption = Lang.id,
) -> int:
    """Buat laporan HTML atau PDF: ringkasan, predikat, grafik area, peluang peningkatan, rekap unit."""
    from pmprb.api import resolve_worksheet, score_layers
    from pmprb.catalog import get_worksheet
    from pmprb.i18n import t
    from pmprb.report import Scored, build, render_html
    from pmprb.report.format import report_date
    from pmprb.writers.atomic import check_writable, refuse_input_as_output, write_bytes

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
        check_writable(output)  # before minutes of rendering, not after
    except UserError as exc:
        usage.extend(exc.problems)
    if usage:
        raise UserError(*usage)

    from pmprb.cli.base import print_problems, stderr_console
    from pmprb.cli.progress import progress

    chosen = resolve_worksheet(worksheet)
    inputs: list[Scored] = []
    unreadable: list[Problem] = []
    with progress(t("report.progress.read", lang.value), total=len(files)) as step:
        for path in files:
            try:
                results, _ = score_layers(path, chosen, (layer,))
            except UserError as exc:
                unreadable.extend(exc.problems)
                continue
            finally:
                step()
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
    if kind == "pdf":
        data, pages = _pdf(doc, jobs, lang.value)
        size = t("report.pages", lang.value, count=pages)
    else:
        data, size = render_html(doc).encode("utf-8"), t("report.html", lang.value)
    write_bytes(output, data)

    for item in inputs:
        print_problems(item.result.problems, lang.value)
    print_problems(_missing_names(doc, inputs, output), lang.value)
    stderr_console().print(
        t("report.written", lang.value, path=str(output), units=len(inputs), pages=size),
        highlight=False,
        markup=False,
    )
    invalid = any(item.result.errors for item in inputs)
    return int(ExitCode.INVALID if invalid else ExitCode.OK)


def _pdf(doc: ReportDoc, jobs: int | None, lang: str) -> tuple[bytes, int]:
    """One document on one core; a roll-up's units in parallel on several, then joined."""
    import functools

    from pmprb import report
    from pmprb.cli.progress import progress
    from pmprb.i18n import t
    from pmprb.report.pdf import default_jobs, join, render_parts
    from pmprb.report.render import render_footer
    from pmprb.report.render import render_parts as html_parts

    workers = jobs or default_jobs()
    if len(doc.units) < 2 or workers < 2:
        with progress(t("report.progress.pdf", lang)):
            return report.render_pdf(report.render_html(doc))
    html = html_parts(doc, workers * 2)  # two runs of units a worker: balanced, little repeated work
    watch = functools.partial(progress, t("report.progress.units", lang), len(html))
    from pmprb.cli import interrupt

    parts, footers = render_parts(
        html,
        functools.partial(render_footer, doc),
        workers,
        watch,
        worker_start=interrupt.in_worker,
        forking=interrupt.held,
    )
    with progress(t("report.progress.join", lang)):
        data = join(parts, footers, doc.title)
    return data, sum(p.pages for p in parts)


def _missing_names(doc: ReportDoc, inputs: list[Scored], output: Path) -> list[Problem]:
    """What the report had to make up, said on standard error: a unit without a name (its file's name
    heads its pages and its signature block names no unit), a report without an instansi."""
    many = len(inputs) > 1
    out = [
        Problem(
            "report.warn.no-unit-many" if many else "report.warn.no-unit",
            Location(item.result.file),
            "warning",
            params={"stem": unit.unit},
        )
        for item, unit in zip(inputs, doc.units, strict=True)
        if not unit.unit_named
    ]
    if not (doc.instansi or any(u.instansi for u in doc.units)):
        out.append(Problem("report.warn.no-instansi", Location(str(output)), "warning"))
    return out
