"""`pmprb worksheets` and `pmprb show ID`: what worksheets exist and what one holds."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from pmprb.cli.base import Lang, LangOption, OutputFormat, app


@app.command("worksheets")
def list_worksheets(
    fmt: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="table atau json.")
    ] = OutputFormat.table,
    lang: LangOption = Lang.id,
) -> None:
    """Daftar lembar kerja (LKE) yang tersedia."""
    from pmprb.catalog import shipped_worksheets
    from pmprb.i18n import t

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
    if fmt is OutputFormat.json:
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    from rich.table import Table

    from pmprb.cli.base import stdout_console

    table = Table(show_edge=False, header_style="bold")
    for key in (
        "label.id",
        "label.version",
        "label.title",
        "label.regulation",
        "label.year",
        "label.questions",
    ):
        table.add_column(t(key, lang.value))
    for row in rows:
        title = str(row["title"]) + (f" ({t('label.provisional', lang.value)})" if row["provisional"] else "")
        table.add_row(
            str(row["id"]),
            str(row["version"]),
            title,
            str(row["regulation"]),
            str(row["year"]),
            str(row["questions"]),
        )
    stdout_console().print(table)


@app.command()
def show(
    worksheet: Annotated[str, typer.Argument(help="ID lembar kerja atau berkas YAML.")],
    fmt: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="table atau json.")
    ] = OutputFormat.table,
    lang: LangOption = Lang.id,
) -> None:
    """Tampilkan pohon lembar kerja: bobot, jenis jawaban, pilihan dan kriteria."""
    from pmprb.catalog import get_worksheet

    ws = get_worksheet(worksheet)
    if fmt is OutputFormat.json:
        from pmprb.model.validation import dump_worksheet

        data = dump_worksheet(ws, mode="json", exclude_defaults=True)
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    from rich.markup import escape
    from rich.tree import Tree

    from pmprb.cli.base import stdout_console
    from pmprb.model.weight import display
    from pmprb.scoring.engine import node_weight

    root = Tree(f"[bold]{escape(ws.title)}[/bold] ({ws.id} {ws.version}, {escape(ws.regulation)})")

    def add(branch: Tree, node: object) -> None:
        from pmprb.model import Node

        assert isinstance(node, Node)
        mark = " [yellow](sementara)[/yellow]" if node.provisional else ""
        heading = f"{escape(node.code or '')} {escape(node.title)}"
        sub = branch.add(f"[bold]{heading}[/bold] — {display(node_weight(node), 4):g}{mark}")
        for child in node.children:
            add(sub, child)
        for q in node.questions:
            atype = ws.answer_types[q.type]
            weight = f" — {display(q.weight, 4):g}" if q.weight is not None else ""
            kind = f"[cyan][{escape(atype.label)}][/cyan]"
            qb = sub.add(f"{q.id} {escape(q.code or '')}. {escape(q.text)} {kind}{weight}")
            for option in atype.options:
                text = q.option_criteria.get(option.key) or option.criteria or option.label or ""
                qb.add(f"{escape(option.key)} = {float(option.value):g}  {escape(text)}")
            if q.criteria and not q.option_criteria:
                qb.add(f"[dim]{escape(q.criteria)}[/dim]")
        for item in node.computed:
            sub.add(f"[magenta]= {escape(item.title)}[/magenta] ({item.kind})")

    for node in ws.nodes:
        add(root, node)
    stdout_console().print(root)
