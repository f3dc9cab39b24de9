"""Plain answers out (the format pmprb.readers.answer_table reads): one row per answer given, in the
worksheet's layer and question order, with the answer exactly as read (an invalid one stays invalid,
so scoring the export gives the source's result, problems included)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from pmprb.model import Worksheet
from pmprb.scoring.answers import AnswerSheet, RawValue

HEADER = ("question", "layer", "answer", "note", "evidence", "worksheet")


def _shown(value: RawValue) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).upper()  # as a spreadsheet shows it; no answer type accepts it
    if isinstance(value, float):
        return repr(int(value)) if value.is_integer() else repr(value)
    return str(value)


def rows(worksheet: Worksheet, sheets: dict[str, AnswerSheet], worksheet_ref: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for layer in worksheet.layers:
        sheet = sheets.get(layer)
        if sheet is None:
            continue
        for qid in worksheet.questions:
            answer = sheet.answers.get(qid)
            if answer is None:
                continue
            shown = _shown(answer.value)
            if not shown.strip() and not answer.note and not answer.evidence:
                continue  # blank: missing either way
            out.append(
                {
                    "question": qid,
                    "layer": layer,
                    "answer": shown,
                    "note": answer.note or "",
                    "evidence": answer.evidence or "",
                    "worksheet": worksheet_ref,
                }
            )
    return out


def to_csv(found: list[dict[str, Any]]) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=HEADER, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(found)
    return buffer.getvalue()


def to_json(found: list[dict[str, Any]], worksheet_ref: str) -> str:
    answers = [{k: v for k, v in row.items() if k != "worksheet"} for row in found]
    return json.dumps({"worksheet": worksheet_ref, "answers": answers}, ensure_ascii=False, indent=1) + "\n"
