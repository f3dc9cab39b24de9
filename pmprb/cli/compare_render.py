"""Render a comparison: rich tables on the terminal, or the JSON object."""

from __future__ import annotations

import json
import sys
from fractions import Fraction
from typing import Any

from pmprb.cli.base import stdout_console
from pmprb.compare.comparison import Comparison, QuestionDiff, to_dict
from pmprb.i18n import numbers, t
from pmprb.model.weight import display
from pmprb.scoring.result import QuestionResult

AREA_DEPTH = 2  # deeper nodes are listed only where the two sides differ
TEXT_WIDTH = 70
LIST_LIMIT = 30
HEAD_WIDTH = 12


def number(value: float, lang: str, signed: bool = False) -> str:
    return numbers.number(value, lang, signed=signed)


def fraction(value: Fraction | None, lang: str, signed: bool = False) -> str:
    return "-" if value is None else number(display(value), lang, signed)


def answer(q: QuestionResult, lang: str) -> str:
    if q.status == "answered":
        return q.answer or ""
    return t("cmp.invalid" if q.status == "invalid" else "cmp.unanswered", lang)


def head(label: str, key: str) -> str:
    """A column heading: the side's label when short, else A / B (the lines above name them)."""
    return label if len(label) <= HEAD_WIDTH else key


def short(text: str, width: int = TEXT_WIDTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def ids(items: list[str]) -> str:
    shown = ", ".join(items[:LIST_LIMIT])
    return shown + (" …" if len(items) > LIST_LIMIT else "")


def json_out(c: Comparison, lang: str) -> None:
    json.dump(to_dict(c, lang), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def table(c: Comparison, lang: str) -> None:
    from rich.markup import escape
    from rich.table import Table

    console = stdout_console()
    for key, s in (("A", c.a), ("B", c.b)):
        console.print(
            escape(
                t("cmp.side", lang, key=key, label=s.label, file=s.file, worksheet=s.worksheet, layer=s.layer)
            )
        )
    nodes = Table(show_edge=False, header_style="bold")
    nodes.add_column(t("cmp.node", lang))
    nodes.add_column(t("cmp.weight", lang), justify="right")
    nodes.add_column(escape(head(c.a.label, "A")), justify="right")
    nodes.add_column(escape(head(c.b.label, "B")), justify="right")
    nodes.add_column(t("cmp.difference", lang), justify="right")
    for n in c.nodes:
        if n.combined or (n.depth > AREA_DEPTH and not n.difference):
            continue
        label = "  " * n.depth + f"{n.code or ''} {n.title}".strip()
        diff = n.difference
        style = "red" if diff is not None and diff < 0 else "green" if diff else None
        nodes.add_row(
            escape(label),
            fraction(n.weight, lang),
            fraction(n.a, lang),
            fraction(n.b, lang),
            fraction(diff, lang, signed=True),
            style=style if n.depth else "bold",
        )
    nodes.add_section()
    nodes.add_row(
        f"[bold]{t('cmp.total', lang)}[/bold]",
        "",
        fraction(c.a.total, lang),
        fraction(c.b.total, lang),
        f"[bold]{fraction(c.gap, lang, signed=True)}[/bold]",
    )
    none = t("predicate.none", lang)
    nodes.add_row(
        t("cmp.predicate", lang), "", escape(c.a.predicate or none), escape(c.b.predicate or none), ""
    )
    console.print(nodes)
    _questions(console, c, lang)
    _agreement(console, c, lang)
    _matching(console, c, lang)


def _questions(console: Any, c: Comparison, lang: str) -> None:
    from rich.markup import escape
    from rich.table import Table

    if not c.questions:
        console.print(t("cmp.no-differences", lang))
        return
    console.print()
    console.print(
        f"[bold]{escape(t('cmp.differing', lang, count=len(c.questions), a=c.a.label, b=c.b.label))}[/bold]"
    )
    rows = Table(show_edge=False, header_style="bold")
    rows.add_column(t("cmp.question", lang))
    rows.add_column(escape(head(c.a.label, "A")))
    rows.add_column(escape(head(c.b.label, "B")))
    rows.add_column(t("cmp.points", lang), justify="right")
    for q in c.questions:
        rows.add_row(
            escape(_title(q)),
            escape(answer(q.a, lang)),
            escape(answer(q.b, lang)),
            fraction(q.points, lang, signed=True),
            style="red" if q.went_down else None,
        )
    console.print(rows)


def _title(q: QuestionDiff) -> str:
    ident = q.b_id if q.a_id == q.b_id else f"{q.a_id}→{q.b_id}"
    return f"{ident} {short(q.text)}"


def _agreement(console: Any, c: Comparison, lang: str) -> None:
    from rich.markup import escape
    from rich.table import Table

    ag = c.agreement
    share = number(float(ag.share * 100), lang) if ag.share is not None else "-"
    console.print()
    console.print(
        t(
            "cmp.agreement",
            lang,
            identical=ag.identical,
            compared=ag.compared,
            share=share,
            points=fraction(ag.points_in_dispute, lang),
        )
    )
    if ag.areas:
        areas = Table(
            title=t("cmp.disputes", lang), show_edge=False, header_style="bold", title_justify="left"
        )
        areas.add_column(t("cmp.area", lang))
        areas.add_column(t("cmp.differing-count", lang), justify="right")
        areas.add_column(t("cmp.points", lang), justify="right")
        for a in ag.areas:
            areas.add_row(escape(a.title), str(a.differing), fraction(a.points, lang))
        console.print(areas)
    down = c.went_down
    if down:
        console.print(
            escape(t("cmp.went-down", lang, b=c.b.label, count=len(down), ids=ids([q.b_id for q in down])))
        )


def _matching(console: Any, c: Comparison, lang: str) -> None:
    from rich.markup import escape

    m = c.matching
    if m.same_worksheet:
        return
    console.print()
    console.print(
        t(
            "cmp.matching",
            lang,
            wa=c.worksheet_a.id,
            wb=c.worksheet_b.id,
            pairs=len(m.pairs),
            changed=len(m.changed),
        )
    )
    for worksheet, missing in ((c.worksheet_a.id, m.unmatched_a), (c.worksheet_b.id, m.unmatched_b)):
        if missing:
            console.print(
                escape(t("cmp.unmatched", lang, worksheet=worksheet, count=len(missing), ids=ids(missing)))
            )


def consensus_table(c: Any, lang: str) -> None:
    """The disputes of a consensus, most points apart first: every assessor's answer and the majority."""
    from rich.markup import escape
    from rich.table import Table

    disputes = c.disputes
    if not disputes:
        return
    console = stdout_console()
    table = Table(
        title=t("cons.disputes", lang, count=len(disputes)),
        show_edge=False,
        header_style="bold",
        title_justify="left",
    )
    table.add_column(t("cmp.question", lang))
    for name in c.assessors:
        table.add_column(escape(name))
    table.add_column(t("cons.col.majority", lang))
    table.add_column(t("cons.col.spread", lang), justify="right")
    for q in disputes[:LIST_LIMIT]:
        table.add_row(
            escape(f"{q.id} {short(q.text, 50)}"),
            *[escape(v.answer or t("cmp.unanswered", lang)) for v in q.votes],
            escape(q.majority or t("cons.status.tie", lang)),
            fraction(q.spread, lang),
            style="red" if q.status == "tie" else None,
        )
    console.print(table)
    if len(disputes) > LIST_LIMIT:
        console.print(t("cons.more-rows", lang, count=len(disputes) - LIST_LIMIT))
