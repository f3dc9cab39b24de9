"""`pmprb compare`: two layers of one file, or two files (two years, two assessors, two worksheet
versions), side by side. `pmprb consensus`: several assessors' files -> one consensus workbook."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from pmprb.api import resolve_worksheet, score_layers
from pmprb.catalog import get_worksheet
from pmprb.cli import compare_render
from pmprb.cli.base import (
    ForceOption,
    Lang,
    LangOption,
    app,
    examples,
    print_problems,
    refuse_to_overwrite,
    stderr_console,
)
from pmprb.cli.base import WorksheetOption as SingleWorksheetOption
from pmprb.cli.compare_render import consensus_table, number
from pmprb.compare.action_plan import write_action_plan
from pmprb.compare.comparison import Comparison, side_labels
from pmprb.compare.comparison import compare as compare_results
from pmprb.compare.consensus import consensus as build
from pmprb.compare.consensus_workbook import write_consensus
from pmprb.errors import ExitCode, Problem, UserError
from pmprb.i18n import t
from pmprb.model import Worksheet
from pmprb.model.weight import display
from pmprb.scoring.result import ScoreResult
from pmprb.writers.atomic import refuse_input_as_output


class CompareFormat(StrEnum):
    """What `compare` writes: a terminal table, JSON, or an action-plan workbook."""

    table = "table"
    json = "json"
    xlsx = "xlsx"


WorksheetsOption = Annotated[
    list[str] | None,
    typer.Option(
        "--worksheet",
        "-w",
        help=(
            "ID lembar kerja atau berkas YAML; sekali untuk semua berkas atau sekali per berkas (bawaan: "
            "dikenali otomatis)."
        ),
    ),
]


def _usage(code: str, **params: object) -> UserError:
    return UserError(Problem(code, params=dict(params)), exit_code=ExitCode.USAGE)


def split_layers(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]


def plan(files: list[Path], layers: str | None) -> list[tuple[Path, str]]:
    """(file, layer) for side A and side B."""
    parts = split_layers(layers)
    if len(files) == 1:
        parts = parts or ["unit", "tpi"]
        if len(parts) != 2 or parts[0] == parts[1]:
            raise _usage("compare.layers.one-file", value=layers)
        return [(files[0], parts[0]), (files[0], parts[1])]
    if len(files) == 2:
        parts = parts or ["unit"]
        if len(parts) not in (1, 2):
            raise _usage("compare.layers.two-files", value=layers)
        return [(files[0], parts[0]), (files[1], parts[-1])]
    raise _usage("compare.files", count=len(files))


def worksheet_refs(refs: list[str] | None, count: int) -> list[str | None]:
    refs = refs or []
    if len(refs) > 1 and len(refs) != count:
        raise _usage("compare.worksheets", count=len(refs))
    if not refs:
        return [None] * count
    return [refs[0]] * count if len(refs) == 1 else [*refs]


def load_results(
    items: list[tuple[Path, str]], refs: list[str | None]
) -> list[tuple[ScoreResult, Worksheet]]:
    """Score each (file, layer) once per file; collect every file's problems before stopping."""

    layers_of: dict[tuple[Path, str | None], list[str]] = {}
    for (path, layer), ref in zip(items, refs, strict=True):
        wanted = layers_of.setdefault((path, ref), [])
        if layer not in wanted:
            wanted.append(layer)
    scored: dict[tuple[Path, str | None], dict[str, ScoreResult]] = {}
    problems: list[Problem] = []
    for (path, ref), layers in layers_of.items():
        try:
            scored[(path, ref)] = score_layers(path, resolve_worksheet(ref), tuple(layers))[0]
        except UserError as exc:
            problems.extend(exc.problems)
    if problems:
        raise UserError(*problems)
    out = []
    for (path, layer), ref in zip(items, refs, strict=True):
        result = scored[(path, ref)][layer]
        out.append((result, resolve_worksheet(ref) or get_worksheet(result.worksheet)))
    return out


@app.command(
    epilog=examples(
        "pmprb compare lke-unit.xlsx",
        "pmprb compare lke-2025.xlsx lke-2026.xlsx --format xlsx -o rencana-aksi.xlsx",
    )
)
def compare(
    files: Annotated[
        list[Path],
        typer.Argument(
            help=(
                "Satu berkas (dua lapisannya dibandingkan) atau dua berkas: LAMA BARU (atau penilai A, "
                "penilai B)."
            )
        ),
    ],
    layers: Annotated[
        str | None,
        typer.Option(
            "--layers",
            "-l",
            help=(
                "Satu berkas: dua lapisan, bawaan unit,tpi. Dua berkas: satu lapisan untuk keduanya (bawaan "
                "unit) atau satu per berkas."
            ),
        ),
    ] = None,
    worksheet: WorksheetsOption = None,
    fmt: Annotated[
        CompareFormat,
        typer.Option(
            "--format",
            "-f",
            help="table (bawaan), json, atau xlsx (rencana aksi; perlu --output).",
            show_default="table",
        ),
    ] = CompareFormat.table,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Berkas .xlsx rencana aksi.")] = None,
    force: ForceOption = False,
    fail_over: Annotated[
        float | None,
        typer.Option(
            "--fail-over",
            help="Keluar dengan kode 1 bila selisih total melebihi POIN ini (untuk pipeline review).",
            metavar="POIN",
        ),
    ] = None,
    lang: LangOption = Lang.id,
) -> int:
    """Bandingkan dua penilaian: node berdampingan, jawaban yang berbeda menurut poin, kesepakatan."""

    if fmt is CompareFormat.xlsx and output is None:
        raise _usage("compare.output-needed")
    items = plan(files, layers)
    refs = worksheet_refs(worksheet, 2) if len(files) == 2 else worksheet_refs(worksheet, 1) * 2
    if output is not None:
        refuse_input_as_output(output, files)
        refuse_to_overwrite(output, force)
    (result_a, worksheet_a), (result_b, worksheet_b) = load_results(items, refs)

    labels = side_labels(items, worksheet_a)
    comparison = compare_results(result_a, result_b, worksheet_a, worksheet_b, (labels[0], labels[1]))
    for result in (result_a, result_b):
        print_problems(result.problems, lang.value)
    _render(comparison, fmt, output, lang.value)
    if fail_over is not None:
        gap = display(abs(comparison.gap))
        if gap > fail_over:
            stderr_console().print(
                t(
                    "compare.fail-over",
                    lang.value,
                    gap=number(gap, lang.value),
                    limit=number(fail_over, lang.value),
                )
            )
            return int(ExitCode.INVALID)
    return int(ExitCode.OK)


def _render(comparison: Comparison, fmt: CompareFormat, output: Path | None, lang: str) -> None:
    if fmt is CompareFormat.json:
        compare_render.json_out(comparison, lang)
    elif fmt is CompareFormat.xlsx:
        assert output is not None

        write_action_plan(output, comparison, lang)
        count = len(comparison.questions)
        typer.echo(t("compare.written", lang, path=str(output), count=count))
    else:
        compare_render.table(comparison, lang)


def assessor_names(files: list[Path], names: list[str] | None) -> list[str]:
    if names:
        if len(names) != len(files):
            raise _usage("consensus.names", count=len(names), files=len(files))
        return list(names)
    stems = [p.stem for p in files]
    if len(set(stems)) == len(stems):
        return stems
    return [f"{stem} ({i})" for i, stem in enumerate(stems, start=1)]


@app.command(
    epilog=examples(
        "pmprb consensus penilai-a.xlsx penilai-b.xlsx -o konsensus.xlsx",
        "pmprb consensus a.json b.json c.json --layer tpi -o konsensus-tpi.xlsx",
    )
)
def consensus(
    files: Annotated[
        list[Path], typer.Argument(help="Berkas LKE para penilai (unit yang sama), format apa pun.")
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="Workbook konsensus (.xlsx) yang ditulis.")],
    layer: Annotated[
        str, typer.Option("--layer", "-l", help="Lapisan jawaban para penilai: unit atau tpi.")
    ] = "unit",
    names: Annotated[
        list[str] | None,
        typer.Option("--name", "-n", help="Nama penilai, sekali per berkas, urut (bawaan: nama berkas)."),
    ] = None,
    worksheet: SingleWorksheetOption = None,
    force: ForceOption = False,
    lang: LangOption = Lang.id,
) -> int:
    """Workbook rapat konsensus: jawaban semua penilai, jawaban terbanyak terisi, perselisihan lebih dulu."""

    if len(files) < 2:
        raise _usage("consensus.too-few", count=len(files))
    people = assessor_names(files, names)
    refuse_input_as_output(output, files)

    refuse_to_overwrite(output, force)
    loaded = load_results([(f, layer) for f in files], [worksheet] * len(files))
    ids = list(dict.fromkeys(f"{w.id} {w.version}" for _, w in loaded))
    if len(ids) > 1:
        raise _usage("consensus.worksheets-differ", value=", ".join(ids))
    for result, _ in loaded:
        print_problems(result.problems, lang.value)
    results = [r for r, _ in loaded]
    agreed = build(results, people, loaded[0][1])
    meta = {k: v for k, v in results[0].meta.items() if k in ("instansi", "nama_unit", "tahun") and v}
    write_consensus(output, agreed, meta, lang.value)
    typer.echo(
        t(
            "consensus.written",
            lang.value,
            path=str(output),
            questions=len(agreed.questions),
            disputes=len(agreed.disputes),
            majority=len(agreed.majority_answers()),
        )
    )
    consensus_table(agreed, lang.value)
    return int(ExitCode.OK)
