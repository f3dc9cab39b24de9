"""Render score outcomes: a rich table per file (or one row per file for many), JSON, CSV, annotations.

Each file is first summarised (`summarize`) into what its output needs — its JSON text, CSV rows,
annotations or table row — where it was scored: many files are scored in several processes, and a
line of text crosses between them far cheaper than a whole result. `render` then writes the summaries."""

from __future__ import annotations

import csv
import io
import json
import sys
from dataclasses import dataclass, field
from fractions import Fraction
from functools import partial
from typing import Any

from pmprb.api import FileOutcome
from pmprb.cli.base import OutputFormat, github_annotations, print_problems, safe_cell, stdout_console
from pmprb.errors import Problem
from pmprb.i18n import t
from pmprb.model.weight import display

AREA_DEPTH = 2  # komponen / sub-komponen / area


def fmt_number(value: float, lang: str) -> str:
    text = f"{value:.2f}"
    return text.replace(".", ",") if lang == "id" else text


def outcome_dict(outcome: FileOutcome, lang: str) -> dict[str, Any]:
    if outcome.results:
        result = next(iter(outcome.results.values()))
        data = result.to_dict(lang)
        data["worksheet_reason"] = outcome.reason
        return data
    return {
        "worksheet": None,
        "file": outcome.file,
        "layer": None,
        "total": None,
        "predicate": None,
        "nodes": [],
        "missing": [],
        "errors": [p.to_dict(lang) for p in outcome.problems],
        "warnings": [],
    }


TableRow = tuple[tuple[str, ...], float | None, bool]  # cells, total (None: unreadable), failed


@dataclass(slots=True)
class FileSummary:
    """One file's share of the output, made in the process that scored it."""

    exit_code: int
    text: str = ""  # json, csv, github: this file's part of standard output
    rows: list[TableRow] = field(default_factory=list)  # (cells, total, failed)
    problems: list[Problem] = field(default_factory=list)  # many files, table: for standard error
    outcome: FileOutcome | None = None  # one file, table: everything


def summarizer(fmt: OutputFormat, lang: str, single: bool) -> partial[FileSummary]:
    return partial(summarize, fmt, lang, single)


def summarize(fmt: OutputFormat, lang: str, single: bool, outcome: FileOutcome) -> FileSummary:
    code = int(outcome.exit_code)
    if fmt is OutputFormat.json:
        return FileSummary(code, json_text(outcome_dict(outcome, lang), single))
    if fmt is OutputFormat.csv:
        return FileSummary(code, _csv_rows(outcome))
    if fmt is OutputFormat.github:
        return FileSummary(code, github_annotations(_problems(outcome), lang))
    if single:
        return FileSummary(code, outcome=outcome)
    return FileSummary(code, rows=_table_rows(outcome, lang), problems=_problems(outcome))


def json_text(data: dict[str, Any], indent: bool) -> str:
    """orjson: a tenth of json's time, the same text when indented; compact without spaces. json takes
    what orjson refuses (an integer over 64 bits)."""
    import orjson

    try:
        return orjson.dumps(data, option=orjson.OPT_INDENT_2 if indent else 0).decode()
    except (orjson.JSONEncodeError, TypeError):
        return json.dumps(data, ensure_ascii=False, indent=2 if indent else None)


CSV_HEADER = ["file", "worksheet", "layer", "node", "parent", "title", "weight", "score", "predicate"]


def render(summaries: list[FileSummary], fmt: OutputFormat, lang: str) -> None:
    if fmt is OutputFormat.json:
        if len(summaries) == 1:
            sys.stdout.write(summaries[0].text + "\n")
        else:  # an array, one file's object a line: still readable line by line
            lines = ",\n".join(s.text for s in summaries)
            sys.stdout.write(f"[\n{lines}\n]\n")
        return
    if fmt is OutputFormat.csv:
        csv.writer(sys.stdout, lineterminator="\n").writerow(CSV_HEADER)
    if fmt in (OutputFormat.csv, OutputFormat.github):
        sys.stdout.write("".join(s.text for s in summaries))
        return
    if len(summaries) == 1 and summaries[0].outcome is not None:
        _one(summaries[0].outcome, lang)
    else:
        _many(summaries, lang)


def _problems(outcome: FileOutcome) -> list[Problem]:
    if outcome.problems:
        return outcome.problems
    return [p for r in outcome.results.values() for p in r.problems]


def _csv_rows(outcome: FileOutcome) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for result in outcome.results.values():
        base = [outcome.file, result.worksheet, result.layer]
        total_weight = sum(
            (n.weight for n in result.nodes if n.parent is None and not n.combined), Fraction(0)
        )
        writer.writerow(
            [
                safe_cell(v)
                for v in [
                    *base,
                    "total",
                    "",
                    "Total",
                    display(total_weight, 4),
                    display(result.total),
                    result.predicate or "",
                ]
            ]
        )
        for n in result.nodes:
            writer.writerow(
                [
                    safe_cell(v)
                    for v in [
                        *base,
                        n.id,
                        n.parent or "",
                        n.title,
                        display(n.weight, 4),
                        display(n.score),
                        "",
                    ]
                ]
            )
    return buffer.getvalue()


def _one(outcome: FileOutcome, lang: str) -> None:
    from rich.cells import cell_len
    from rich.markup import escape
    from rich.table import Table
    from rich.text import Text

    console = stdout_console()
    if outcome.problems:
        print_problems(outcome.problems, lang)
        return
    for result in outcome.results.values():
        console.print(
            f"[bold]{escape(result.file)}[/bold] — {t('label.worksheet', lang)} {result.worksheet} "
            f"({outcome.reason}), {t('label.layer', lang)} {result.layer}"
        )
        total_weight = sum(
            (n.weight for n in result.nodes if n.parent is None and not n.combined), Fraction(0)
        )
        shown = [n for n in result.nodes if not n.combined and n.depth <= AREA_DEPTH]
        rows = [
            (
                Text("  " * n.depth + f"{n.code or ''} {n.title}".strip()),
                Text(fmt_number(display(n.weight), lang)),
                Text(fmt_number(display(n.score), lang)),
                Text(fmt_number(display(n.percent), lang)),
            )
            for n in shown
        ]
        total = (
            Text(t("label.total", lang), style="bold"),
            Text(fmt_number(display(total_weight), lang)),
            Text(fmt_number(display(result.total), lang), style="bold"),
            Text(""),
        )
        # cells as Text (no markup to parse) and widths given, not measured: rich otherwise measures and
        # wraps every cell, which costs more than scoring the workbook
        headers = [t(key, lang) for key in ("label.node", "label.weight", "label.score", "label.percent")]
        widths = [max(cell_len(str(row[i])) for row in [*rows, total, headers]) for i in range(4)]
        fits = sum(widths) + 3 * len(widths) <= console.width
        table = Table(show_edge=False, header_style="bold")
        table.add_column(headers[0], width=widths[0] if fits else None, no_wrap=fits)  # narrow: labels wrap
        for header, width in zip(headers[1:], widths[1:], strict=True):
            table.add_column(header, justify="right", min_width=width, no_wrap=True)
        for node, row in zip(shown, rows, strict=True):
            table.add_row(*row, style="bold" if node.depth == 0 else None)
        table.add_section()
        table.add_row(*total)
        console.print(table)
        predicate = result.predicate or t("label.none", lang)
        console.print(f"{t('label.predicate', lang)}: [bold]{escape(predicate)}[/bold]")
        _conditions(console, result, lang)
        if result.missing:
            ids = ", ".join(result.missing[:20]) + (" …" if len(result.missing) > 20 else "")
            console.print(t("label.missing-count", lang, count=len(result.missing), ids=ids))
        print_problems(result.problems, lang)


def _conditions(console: Any, result: Any, lang: str) -> None:
    """For multi-condition predicates: each rule above the one reached, with what fails and by how much."""
    multi = [r for r in result.rules if len(r.conditions) > 1]
    for rule in multi:
        if rule.holds and rule.label == result.predicate:
            console.print(f"  {t('label.conditions', lang, label=rule.label)}: {t('label.met', lang)}")
        failing = [c for c in rule.conditions if not c.holds]
        if not failing:
            if rule.label == result.predicate:
                break
            continue
        console.print(f"  {t('label.conditions', lang, label=rule.label)}:")
        for c in failing:
            console.print(
                f"    ✗ {c.title} {c.op} {fmt_number(display(c.required), lang)}: "
                f"{t('label.achieved', lang)} {fmt_number(display(c.achieved), lang)}, "
                f"{t('label.short-by', lang, gap=fmt_number(display(c.gap), lang))}"
            )
        if rule.declarations:
            console.print(f"    {t('label.declare', lang)}: " + "; ".join(rule.declarations))


def _table_rows(outcome: FileOutcome, lang: str) -> list[TableRow]:
    if outcome.problems:
        return [((outcome.file, "-", "-", "-", "-", str(len(outcome.problems))), None, True)]
    rows: list[TableRow] = []
    for result in outcome.results.values():
        total = display(result.total)
        cells = (
            result.file,
            result.worksheet,
            fmt_number(total, lang),
            result.predicate or "-",
            str(len(result.missing)),
            str(len(result.errors)),
        )
        rows.append((cells, total, bool(result.errors)))
    return rows


def _many(summaries: list[FileSummary], lang: str) -> None:
    from rich.markup import escape
    from rich.table import Table

    console = stdout_console()
    table = Table(show_edge=False, header_style="bold")
    for key in (
        "label.file",
        "label.worksheet",
        "label.total",
        "label.predicate",
        "label.missing",
        "label.errors",
    ):
        table.add_column(
            t(key, lang),
            justify="right" if key in ("label.total", "label.missing", "label.errors") else "left",
        )
    totals: list[float] = []
    with_errors = 0
    for summary in summaries:
        for cells, total, failed in summary.rows:
            with_errors += failed
            if total is None:  # the file could not be read
                table.add_row(escape(cells[0]), *cells[1:], style="red")
                continue
            totals.append(total)
            table.add_row(escape(cells[0]), *cells[1:])
    console.print(table)
    mean = sum(totals) / len(totals) if totals else 0.0
    console.print(
        t("label.summary", lang, files=len(summaries), mean=fmt_number(mean, lang), with_errors=with_errors)
    )
    for summary in summaries:
        print_problems(summary.problems, lang)
