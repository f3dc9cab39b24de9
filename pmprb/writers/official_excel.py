"""Write answers into the official PortalRB ZI Excel layout (sheet `Jawaban`, the master's rows),
as units download and fill it: for examples, tests, benchmarks and exports back to PortalRB."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pmprb.model import Worksheet
from pmprb.writers.atomic import atomic_path
from pmprb.writers.cells import put_text

# Columns for the texts beside the answers (the answer columns come from the worksheet's layout).
TEXT_COLUMNS = {"code": "B", "text": "E", "criteria": "I", "type": "J"}
HEADERS = {
    "A": "No",
    "B": "Kode",
    "E": "Komponen / Pertanyaan",
    "I": "Kriteria",
    "J": "Pilihan Jawaban",
}
LAYER_HEADERS = {
    "unit": {"answer": "Jawaban Unit", "note": "Catatan Unit", "evidence": "Bukti Dukung Unit"},
    "tpi": {"answer": "Jawaban TPI", "note": "Catatan TPI", "evidence": "Bukti Dukung TPI"},
}


def write_official_zi(
    path: Path,
    worksheet: Worksheet,
    answers: Mapping[str, Mapping[str, Any]],
    notes: Mapping[str, Mapping[str, str]] | None = None,
    evidence: Mapping[str, Mapping[str, str]] | None = None,
) -> None:
    """`answers[layer][question_id]` -> value as a unit would type it; notes/evidence likewise."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    if worksheet.excel is None:
        raise ValueError(f"worksheet {worksheet.id} has no official Excel layout")
    layout = worksheet.excel
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = layout.sheet
    sheet["A1"] = worksheet.title
    sheet["A1"].font = Font(bold=True)
    for column, title in HEADERS.items():
        sheet[f"{column}3"] = title
    for layer, cols in layout.columns.items():
        for role, column in dataclasses.asdict(cols).items():
            if column is None:
                continue
            sheet[f"{column}3"] = LAYER_HEADERS.get(layer, {}).get(role, f"{role} {layer}")
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    number = 0
    for node in worksheet.all_nodes:
        rows = [q.source.excel_row for q in node.questions if q.source and q.source.excel_row]
        if rows and min(rows) > 4 and sheet.cell(min(rows) - 1, 5).value is None:
            sheet.cell(min(rows) - 1, 2, node.code)
            sheet.cell(min(rows) - 1, 5, node.title).font = Font(bold=True)
        for q in node.questions:
            if not (q.source and q.source.excel_row):
                continue
            row = q.source.excel_row
            number += 1
            sheet.cell(row, 1, number)
            sheet[f"{TEXT_COLUMNS['code']}{row}"] = q.code
            put_text(sheet[f"{TEXT_COLUMNS['text']}{row}"], q.text)
            put_text(sheet[f"{TEXT_COLUMNS['criteria']}{row}"], q.criteria or "")
            sheet[f"{TEXT_COLUMNS['type']}{row}"] = worksheet.answer_types[q.type].label
            for column in ("E", "I"):
                sheet[f"{column}{row}"].alignment = wrap
            for layer, cols in layout.columns.items():
                value = answers.get(layer, {}).get(q.id)
                if value is not None:
                    put_text(sheet[f"{cols.answer}{row}"], value)
                for role, source in (("note", notes), ("evidence", evidence)):
                    column = getattr(cols, role)
                    text = (source or {}).get(layer, {}).get(q.id)
                    if column and text is not None:
                        put_text(sheet[f"{column}{row}"], text)
    sheet.column_dimensions["E"].width = 60
    sheet.column_dimensions["I"].width = 50
    with atomic_path(path) as tmp:
        book.save(tmp)
