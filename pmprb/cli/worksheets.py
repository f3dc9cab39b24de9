"""`pmprb worksheets` and `pmprb show ID`: what worksheets exist and what one holds."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from pmprb.catalog import get_worksheet, shipped_worksheets
from pmprb.cli.base import Lang, LangOption, app, stdout_console
from pmprb.errors import Problem, UserError
from pmprb.i18n import t
from pmprb.scoring.engine import node_weight

if TYPE_CHECKING:
    from pmprb.model import Node, Question, Worksheet


class ListFormat(StrEnum):
    """The outputs `worksheets` offers."""

    table = "table"
    json = "json"


@app.command("worksheets", epilog="\b\nContoh:\n  pmprb worksheets\n  pmprb worksheets --format json\n")
def list_worksheets(
    fmt: Annotated[ListFormat, typer.Option("--format", "-f", help="table atau json.")] = ListFormat.table,
    lang: LangOption = Lang.id,
) -> None:
    """Daftar lembar kerja (LKE) yang tersedia."""

    sheets = shipped_worksheets()
    rows = [
        {
            "id": w.id,
            "version": w.version,
            "title": w.title,
            "regulation": w.regulation,
            "year": w.year,
            "questions": len(w.questions),
            "provisional": w.provisional or any(n.provisional for n in w.all_nodes),
        }
        for w in sheets
    ]
    if fmt is ListFormat.json:
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    from rich.table import Table

    table = Table(show_edge=False, header_style="bold")
    # ids and versions are typed back by users: whole, never cut; the title (with its regulation) wraps
    for key in ("label.id", "label.version", "label.year", "label.questions"):
        table.add_column(t(key, lang.value), no_wrap=True)
    table.add_column(t("label.title", lang.value), overflow="fold")
    for row in rows:
        title = str(row["title"]) + (f" ({t('label.provisional', lang.value)})" if row["provisional"] else "")
        regulation = str(row["regulation"] or "")
        if regulation and regulation not in title:
            title += f"\n{regulation}"
        table.add_row(str(row["id"]), str(row["version"]), str(row["year"]), str(row["questions"]), title)
    stdout_console().print(table)


class ShowFormat(StrEnum):
    """The outputs `show` offers."""

    table = "table"
    json = "json"


SHOW_EXAMPLES = """\b
Contoh:
  pmprb show zi-2026 --depth 2
  pmprb show zi-2026 21
  pmprb show zi-2026 21 --format json
"""


@app.command(epilog=SHOW_EXAMPLES)
def show(
    worksheet: Annotated[str, typer.Argument(help="ID lembar kerja atau berkas YAML.")],
    question: Annotated[
        str | None,
        typer.Argument(help="Satu pertanyaan saja: nomornya (mis. 21) atau kodenya.", show_default=False),
    ] = None,
    depth: Annotated[
        int | None,
        typer.Option("--depth", "-d", help="Hanya N tingkat teratas pohon (1: komponen).", min=1),
    ] = None,
    fmt: Annotated[ShowFormat, typer.Option("--format", "-f", help="table atau json.")] = ShowFormat.table,
    lang: LangOption = Lang.id,
) -> None:
    """Tampilkan pohon lembar kerja: bobot, jenis jawaban, pilihan dan kriteria."""

    ws = get_worksheet(worksheet)
    if question is not None:
        _show_question(ws, _find_question(ws, question), fmt, lang.value)
        return
    if fmt is ShowFormat.json:
        # pydantic's serializer: imported for this output only (pmprb.model.validation loads pydantic)
        from pmprb.model.validation import dump_worksheet

        data = dump_worksheet(ws, mode="json", exclude_defaults=True)
        if depth is not None:
            data["nodes"] = [_cut(node, depth) for node in data["nodes"]]
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    from rich.markup import escape
    from rich.tree import Tree

    root = Tree(f"[bold]{escape(ws.title)}[/bold] ({ws.id} {ws.version}, {escape(ws.regulation)})")
    for node in ws.nodes:
        _add_node(root, ws, node, 1, depth, lang.value)
    stdout_console().print(root)


def _cut(node: dict[str, Any], depth: int, level: int = 1) -> dict[str, Any]:
    """A node's JSON without what lies deeper than `depth` levels (questions are a level below)."""
    out = dict(node)
    if level >= depth:
        for key in ("children", "questions", "computed"):
            out.pop(key, None)
    elif "children" in out:
        out["children"] = [_cut(child, depth, level + 1) for child in out["children"]]
    return out


def _weight(value: Any, lang: str) -> str:
    """0,5 and 0,3333 as the worksheet has them, in the language's digits."""
    from pmprb.i18n.numbers import number

    return number(value, lang, 4, trim=True)


def _add_node(branch: Any, ws: Worksheet, node: Node, level: int, depth: int | None, lang: str) -> None:
    from rich.markup import escape

    mark = f" [yellow]({t('label.provisional', lang)})[/yellow]" if node.provisional else ""
    heading = f"{escape(node.code or '')} {escape(node.title)}"
    sub = branch.add(f"[bold]{heading}[/bold] — {_weight(node_weight(node), lang)}{mark}")
    if depth is not None and level >= depth:
        return
    for child in node.children:
        _add_node(sub, ws, child, level + 1, depth, lang)
    for q in node.questions:
        _add_question(sub, ws, q, lang)
    for item in node.computed:
        sub.add(f"[magenta]= {escape(item.title)}[/magenta] ({item.kind})")


def _add_question(branch: Any, ws: Worksheet, q: Question, lang: str) -> Any:
    from rich.markup import escape

    atype = ws.answer_types[q.type]
    weight = f" — {_weight(q.weight, lang)}" if q.weight is not None else ""
    kind = f"[cyan][{escape(atype.label)}][/cyan]"
    qb = branch.add(f"{q.id} {escape(q.code or '')}. {escape(q.text)} {kind}{weight}")
    for option in atype.options:
        text = q.option_criteria.get(option.key) or option.criteria or option.label or ""
        qb.add(f"{escape(option.key)} = {_weight(option.value, lang)}  {escape(text)}")
    if q.criteria and not q.option_criteria:
        qb.add(f"[dim]{escape(q.criteria)}[/dim]")
    return qb


def _find_question(ws: Worksheet, ref: str) -> Question:
    """By id (the question's number), else by its code or PortalRB soal_id; else a located refusal."""

    found = ws.questions.get(ref) or next((q for q in ws.questions.values() if q.code == ref), None)
    if found is None and ref.isdigit():
        found = ws.question_by_soal_id(int(ref))
    if found is not None:
        return found
    ids = list(ws.questions)
    params = {"value": ref, "worksheet": ws.id, "first": ids[0], "last": ids[-1]}
    raise UserError(Problem("show.unknown-question", params=params))


def _path(ws: Worksheet, q: Question) -> list[Node]:
    chain: list[Node] = []
    parent = ws.parent_of.get(q.id)
    while parent is not None:
        chain.append(ws.node_by_id[parent])
        parent = ws.parent_of.get(parent)
    return chain[::-1]


def _show_question(ws: Worksheet, q: Question, fmt: ShowFormat, lang: str) -> None:
    """The question under its chain of nodes: where it sits, what it asks, what each answer is worth."""
    chain = _path(ws, q)
    if fmt is ShowFormat.json:
        atype = ws.answer_types[q.type]
        data = {
            "worksheet": ws.id,
            "id": q.id,
            "code": q.code,
            "text": q.text,
            "type": q.type,
            "weight": None if q.weight is None else float(q.weight),
            "path": [{"id": n.id, "code": n.code, "title": n.title} for n in chain],
            "options": [
                {
                    "key": o.key,
                    "value": float(o.value),
                    "criteria": q.option_criteria.get(o.key) or o.criteria or o.label,
                }
                for o in atype.options
            ],
            "criteria": q.criteria,
        }
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    from rich.markup import escape
    from rich.tree import Tree

    root = Tree(f"[bold]{escape(ws.title)}[/bold] ({ws.id} {ws.version})")
    branch = root
    for node in chain:
        branch = branch.add(f"[bold]{escape(node.code or '')} {escape(node.title)}[/bold]")
    _add_question(branch, ws, q, lang)
    stdout_console().print(root)
