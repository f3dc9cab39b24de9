"""Render score outcomes: a rich table per file (or one row per file for many), JSON, CSV, annotations."""

from __future__ import annotations

import csv
import json
import sys
from fractions import Fraction
from typing import Any

from pmprb.api import FileOutcome
from pmprb.cli.base import OutputFormat, print_problems, safe_cell, stdout_console
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


def render(outcomes: list[FileOutcome], fmt: OutputFormat, lang: str) -> None:
    if fmt is OutputFormat.json:
        data = [outcome_dict(o, lang) for o in outcomes]
        if len(data) == 1:
            sys.stdout.write(json.dumps(data[0], ensure_ascii=False, indent=2) + "\n")
        else:  # an array, one file's object a line: the C encoder, and still readable line by line
            lines = ",\n".join(json.dumps(d, ensure_ascii=False) for d in data)
            sys.stdout.write(f"[\n{lines}\n]\n")
        return
    if fmt is OutputFormat.csv:
        _csv(outcomes)
        return
    if fmt is OutputFormat.github:
        for outcome in outcomes:
            print_problems(_problems(outcome), lang, fmt=fmt)
        return
    if len(outcomes) == 1:
        _one(outcomes[0], lang)
    else:
        _many(outcomes, lang)


def _problems(outcome: FileOutcome) -> list[Any]:
    if outcome.problems:
        return outcome.problems
    return [p for r in outcome.results.values() for p in r.problems]


def _csv(outcomes: list[FileOutcome]) -> None:
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["file", "worksheet", "layer", "node", "parent", "title", "weight", "score", "predicate"])
    for outcome in outcomes:
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


def _one(outcome: FileOutcome, lang: str) -> None:
    from rich.markup import escape
    from rich.table import Table

    console = stdout_console()
    if outcome.problems:
        print_problems(outcome.problems, lang)
        return
    for result in outcome.results.values():
        console.print(
            f"[bold]{escape(result.file)}[/bold] — {t('label.worksheet', lang)} {result.worksheet} "
            f"({outcome.reason}), {t('label.layer', lang)} {result.layer}"
        )
        table = Table(show_edge=False, header_style="bold")
        table.add_column(t("label.node", lang))
        table.add_column(t("label.weight", lang), justify="right")
        table.add_column(t("label.score", lang), justify="right")
        table.add_column(t("label.percent", lang), justify="right")
        for node in result.nodes:
            if node.combined or node.depth > AREA_DEPTH:
                continue
            label = "  " * node.depth + f"{node.code or ''} {node.title}".strip()
            style = "bold" if node.depth == 0 else None
            table.add_row(
                escape(label),
                fmt_number(display(node.weight), lang),
                fmt_number(display(node.score), lang),
                fmt_number(display(node.percent), lang),
                style=style,
            )
        total_weight = sum(
            (n.weight for n in result.nodes if n.parent is None and not n.combined), Fraction(0)
        )
        table.add_section()
        table.add_row(
            f"[bold]{t('label.total', lang)}[/bold]",
            fmt_number(display(total_weight), lang),
            f"[bold]{fmt_number(display(result.total), lang)}[/bold]",
            "",
        )
        console.print(table)
        predicate = result.predicate or t("label.none", lang)
        console.print(f"{t('label.predicate', lang)}: [bold]{escape(predicate)}[/bold]")
        _conditions(console, result, lang)
        if result.missing:
            shown = ", ".join(result.missing[:20]) + (" …" if len(result.missing) > 20 else "")
            console.print(t("label.missing-count", lang, count=len(result.missing), ids=shown))
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


def _many(outcomes: list[FileOutcome], lang: str) -> None:
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
    for outcome in outcomes:
        if outcome.problems:
            with_errors += 1
            table.add_row(escape(outcome.file), "-", "-", "-", "-", str(len(outcome.problems)), style="red")
            continue
        for result in outcome.results.values():
            totals.append(display(result.total))
            if result.errors:
                with_errors += 1
            table.add_row(
                escape(result.file),
                result.worksheet,
                fmt_number(display(result.total), lang),
                result.predicate or "-",
                str(len(result.missing)),
                str(len(result.errors)),
            )
    console.print(table)
    mean = sum(totals) / len(totals) if totals else 0.0
    console.print(
        t("label.summary", lang, files=len(outcomes), mean=fmt_number(mean, lang), with_errors=with_errors)
    )
    for outcome in outcomes:
        print_problems(_problems(outcome), lang)
