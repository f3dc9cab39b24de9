"""`pmprb check [PATH...]`: lint worksheet files for maintainers, locally, in CI or pre-commit."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from pmprb.cli.base import Lang, LangOption, app, examples


class CheckFormat(StrEnum):
    """The outputs of `check` (a subset of base.OutputFormat's names)."""

    text = "text"
    json = "json"
    github = "github"


@app.command(
    "check",
    epilog=examples(
        "pmprb check",
        "pmprb check worksheets/ --format github",
    ),
)
def check(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Berkas YAML lembar kerja atau folder berisi berkas itu (bawaan: lembar kerja bawaan)."
        ),
    ] = None,
    fmt: Annotated[
        CheckFormat, typer.Option("--format", "-f", help="text, json atau github (anotasi GitHub Actions).")
    ] = CheckFormat.text,
    strict: Annotated[
        bool, typer.Option("--strict", help="Peringatan (mis. penanda sementara) dihitung sebagai galat.")
    ] = False,
    lang: LangOption = Lang.id,
) -> None:
    """Periksa lembar kerja: skema, bobot, jenis jawaban, id, rujukan dan predikat.

    Keluar 0 bila bersih, 1 bila ada galat (atau peringatan dengan --strict), 2 bila berkas tidak terbaca.
    """
    from pmprb.errors import ExitCode, Location, Problem, UserError
    from pmprb.i18n import t
    from pmprb.lint import FileReport, check_file
    from pmprb.lint import strict as make_strict
    from pmprb.lint.report import write_github, write_json, write_text

    files: list[Path] = []
    for path in paths or _shipped():
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
            if not found:
                raise UserError(
                    Problem("check.no-worksheets", Location(str(path)), params={"path": str(path)})
                )
            files.extend(found)
        else:
            files.append(path)
    reports: list[FileReport] = []
    for path in files:
        report = check_file(path)
        if strict:
            report.problems = make_strict(report.problems)
        reports.append(report)
    problems = [p for r in reports for p in r.problems]
    if fmt is CheckFormat.json:
        write_json(reports, sys.stdout, lang.value)
    elif fmt is CheckFormat.github:
        write_github(problems, sys.stdout, lang.value)
    else:
        write_text(problems, sys.stdout, lang.value)
        errors = sum(r.errors for r in reports)
        warnings = sum(r.warnings for r in reports)
        if errors or warnings:
            summary = t("check.summary", lang.value, files=len(reports), errors=errors, warnings=warnings)
        else:
            summary = t("check.clean", lang.value, files=len(reports))
        sys.stderr.write(summary + "\n")
    if any(r.unreadable for r in reports):
        raise typer.Exit(int(ExitCode.USAGE))
    if any(r.errors for r in reports):
        raise typer.Exit(int(ExitCode.INVALID))


def _shipped() -> list[Path]:
    from pmprb.catalog import shipped_paths

    return list(shipped_paths().values())
