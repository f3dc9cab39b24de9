"""The official ZI Excel of PortalRB read blindly by the master's `excel_row` and the columns the
worksheet's `excel` layout names. No longer a format of its own (`pmprb.readers.lke_form` reads these
sheets by row numbers and labels, with or without their header row, and finds moved columns by their
content): kept as the reference reading of a sheet as downloaded, for tests and tools."""

from __future__ import annotations

from typing import Any

from pmprb.errors import Location
from pmprb.model import Worksheet
from pmprb.readers.source import Source, cell, column_index
from pmprb.scoring.answers import AnswerSheet, RawAnswer

SPREADSHEETS = ("xlsx", "xlsb", "xls", "ods")  # calamine reads them all alike


def matches(source: Source, worksheet: Worksheet) -> bool:
    return worksheet.excel is not None and worksheet.excel.sheet in source.sheet_names


def read(source: Source, worksheet: Worksheet, layers: tuple[str, ...]) -> dict[str, AnswerSheet]:
    assert worksheet.excel is not None
    sheet = worksheet.excel.sheet
    grid = source.rows(sheet)
    out: dict[str, AnswerSheet] = {}
    for layer in layers:
        columns = worksheet.excel.columns[layer]
        answer_col = column_index(columns.answer)
        note_col = column_index(columns.note) if columns.note else None
        evidence_col = column_index(columns.evidence) if columns.evidence else None
        answers: dict[str, RawAnswer] = {}
        for qid, question in worksheet.questions.items():
            if question.source is None or question.source.excel_row is None:
                continue
            row = question.source.excel_row - 1
            answers[qid] = RawAnswer(
                value=cell(grid, row, answer_col),
                location=Location(source.name, sheet=sheet, cell=f"{columns.answer}{row + 1}"),
                note=_text(cell(grid, row, note_col)) if note_col is not None else None,
                evidence=_text(cell(grid, row, evidence_col)) if evidence_col is not None else None,
            )
        out[layer] = AnswerSheet(file=source.name, layer=layer, answers=answers, worksheet_id=worksheet.id)
    return out


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None
