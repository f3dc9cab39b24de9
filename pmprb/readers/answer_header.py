"""The header of a plain answers table (pmprb.readers.answer_table): its column names, in English or
Indonesian, and its separator. Apart so that opening a file (source.py) can recognise one without
importing the reader."""

from __future__ import annotations

import csv

COLUMNS = ("question", "layer", "answer", "note", "evidence")
ALIASES = {
    "question": "question",
    "pertanyaan": "question",
    "soal": "question",
    "layer": "layer",
    "lapisan": "layer",
    "answer": "answer",
    "jawaban": "answer",
    "note": "note",
    "catatan": "note",
    "evidence": "evidence",
    "bukti": "evidence",
    "bukti_dukung": "evidence",
    "worksheet": "worksheet",
    "lembar_kerja": "worksheet",
}
_HEAD = 4096  # bytes looked at to recognise a header


def delimiter_of(line: str) -> str:
    return ";" if line.count(";") > line.count(",") else ","


def columns_of(header: list[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for i, name in enumerate(header):
        key = ALIASES.get(name.strip().lower().replace(" ", "_"))
        if key is not None and key not in out:
            out[key] = i
    return out


def looks_like_table(raw: bytes) -> bool:
    """A text file whose first line names at least a question and an answer column."""
    try:
        head = raw[:_HEAD].decode("utf-8-sig", errors="strict" if len(raw) <= _HEAD else "ignore")
    except UnicodeDecodeError:
        return False
    line = head.splitlines()[0] if head.strip() else ""
    header = next(csv.reader([line], delimiter=delimiter_of(line)), [])
    found = columns_of(header)
    return "question" in found and "answer" in found
