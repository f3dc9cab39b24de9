"""`pmprb template ID [-o lke.xlsx] [--prefill FILE] [--unit NAME]`: the assessor's workbook."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pmprb.catalog import get_worksheet
from pmprb.cli.base import Lang, LangOption, app, examples, print_problems
from pmprb.errors import Location, Problem, UserError
from pmprb.i18n import t
from pmprb.workbook.prefill import load_prefill
from pmprb.workbook.writer import write_workbook
from pmprb.writers.atomic import refuse_input_as_output


@app.command(
    epilog=examples(
        "pmprb template zi-2026 -o lke-2026.xlsx --unit 'KPP Pratama X'",
        "pmprb template zi-2026 -o lke-2026.xlsx --prefill lke-2025.xlsx",
    )
)
def template(
    worksheet: Annotated[str, typer.Argument(help="ID lembar kerja (mis. zi-2026) atau berkas YAML.")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Berkas .xlsx keluaran (bawaan: lke-ID.xlsx).")
    ] = None,
    prefill: Annotated[
        Path | None,
        typer.Option(
            "--prefill",
            help="Bawa jawaban, catatan dan bukti dukung dari berkas lama (workbook, Excel ZI, JSON).",
        ),
    ] = None,
    unit: Annotated[str | None, typer.Option("--unit", help="Nama unit kerja untuk sampul.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Timpa berkas keluaran yang sudah ada.")] = False,
    lang: LangOption = Lang.id,
) -> int:
    """Buat workbook Excel untuk penilai: jawaban, catatan, bukti dukung, dan nilai yang dihitung langsung."""
    from pmprb.api import refuse_broken

    chosen = get_worksheet(worksheet)
    refuse_broken(worksheet)
    out = output or Path(f"lke-{chosen.id}.xlsx")
    inputs = [p for p in (prefill, Path(worksheet)) if p is not None and p.exists()]
    refuse_input_as_output(out, inputs)
    if out.exists() and not force:
        raise UserError(Problem("template.exists", Location(str(out)), params={"path": str(out)}))
    answers: dict = {}
    notes: dict = {}
    evidence: dict = {}
    meta: dict = {}
    problems: list[Problem] = []
    summary = None
    if prefill is not None:
        carried = load_prefill(prefill, chosen)
        answers, notes, evidence, meta = carried.answers, carried.notes, carried.evidence, carried.meta
        problems = carried.problems
        summary = t(
            "template.prefilled",
            lang.value,
            file=str(prefill),
            answers=carried.count("answers"),
            notes=carried.count("notes"),
            evidence=carried.count("evidence"),
            dropped=len(carried.dropped),
        )
    if unit:
        meta["nama_unit"] = unit

    write_workbook(
        out,
        chosen,
        answers_by_layer=answers,
        notes_by_layer=notes,
        evidence_by_layer=evidence,
        meta=meta,
        lang=lang.value,
    )
    print_problems(problems, lang.value)
    typer.echo(
        t(
            "template.written",
            lang.value,
            path=str(out),
            worksheet=chosen.id,
            version=chosen.version,
            questions=len(chosen.questions),
            layers=", ".join(chosen.layers),
        )
    )
    if summary:
        typer.echo(summary)
    return 0
