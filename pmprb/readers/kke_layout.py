"""A Pemda's own SAKIP KKE (docs/domain.md §7) recognised by structure: the sheet with a header row holding
KODE, BOBOT and one "Jawaban / Nilai" pair of columns per layer (PENILAIAN), and the sheet with KODE,
BOBOT and a value column per layer (RESUME). Columns are found by their header text, rows by their
codes (AREN / AREN001 / AREN001.1), so other column orders, blank rows and merged header cells read
the same. Shared by `pmprb import kke`, the KKE reader and its cross-check."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from pmprb.readers.lke_form import normalise
from pmprb.readers.source import Source, cell, column_letter

HEADER_SCAN = 25
# a component AREN, a sub-component AREN001, a criterion AREN001.1
_CODE = re.compile(r"^([A-Z]{2,8})(\d{1,4})?(?:\.(\d{1,3}))?$")
_TOTAL = re.compile(r"^(nilai akip|nilai akhir akip|total|jumlah|nilai sakip)\b")
_NOT_LAYER = re.compile(r"\b(catatan|bukti|link|tautan|keterangan|rekomendasi|kode|bobot|no)\b")
LAYER_WORDS = {"penilaian", "nilai", "hasil", "opd", "jawaban", "oleh", "tim", "perangkat", "daerah"}


@dataclass
class KkeLayer:
    header: str  # as written
    answer_col: int
    value_col: int


@dataclass
class KkeRow:
    row: int  # 0-based
    kind: str  # component, sub, criterion, document, total
    code: str | None
    text: str
    parent: str | None = None  # code of the component / sub-component / criterion above


@dataclass
class PenilaianLayout:
    sheet: str
    header_row: int  # 0-based, the row with KODE and BOBOT
    code_col: int
    text_col: int
    weight_col: int
    layers: list[KkeLayer]
    rows: list[KkeRow] = field(default_factory=list)

    def ref(self, col: int, row: int) -> str:
        return f"{column_letter(col)}{row + 1}"


@dataclass
class ResumeLayout:
    sheet: str
    header_row: int
    code_col: int
    text_col: int
    weight_col: int
    value_cols: list[int]  # one per layer, in the order of PENILAIAN's layers
    rows: dict[str, int] = field(default_factory=dict)  # code or "total" -> 0-based row
    titles: dict[str, str] = field(default_factory=dict)
    numbers: dict[str, str] = field(default_factory=dict)  # code -> its NO (A, 1, ...)


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split()) if value is not None else ""


def _code(value: Any) -> str | None:
    text = _text(value).upper().rstrip(".")
    return text if _CODE.match(text) else None


def code_level(code: str) -> str:
    match = _CODE.match(code)
    assert match is not None
    if match.group(3) is not None:
        return "criterion"
    return "sub" if match.group(2) is not None else "component"


def _find_cols(line: list[Any]) -> dict[str, int]:
    found: dict[str, int] = {}
    for col, value in enumerate(line):
        words = normalise(value)
        if not words:
            continue
        if words in ("kode", "kode kriteria", "kode indikator") and "code" not in found:
            found["code"] = col
        elif words.startswith("bobot") and "weight" not in found:
            found["weight"] = col
        elif re.search(r"\b(komponen|kriteria|uraian)\b", words) and "text" not in found:
            found["text"] = col
    return found


def _merged(grid: list[list[Any]], row: int, col: int) -> str:
    return normalise(cell(grid, row, col))


def penilaian_layout(source: Source) -> PenilaianLayout | None:
    """The sheet whose header names KODE, BOBOT and per layer a JAWABAN and a NILAI column."""
    for sheet in source.sheet_names:
        grid = source.rows(sheet)
        for r in range(min(HEADER_SCAN, len(grid))):
            cols = _find_cols(grid[r])
            if {"code", "weight", "text"} - cols.keys():
                continue
            layers = _layers(grid, r, cols)
            if layers:
                layout = PenilaianLayout(sheet, r, cols["code"], cols["text"], cols["weight"], layers)
                layout.rows = _penilaian_rows(grid, layout)
                if any(x.kind == "criterion" for x in layout.rows):
                    return layout
    return None


def _layers(grid: list[list[Any]], r: int, cols: dict[str, int]) -> list[KkeLayer]:
    """Layer headers in row r; under each (row r+1) its JAWABAN and NILAI columns. A merged header
    holds its text in its first cell only: the span runs to the next header."""
    line = grid[r]
    below = grid[r + 1] if r + 1 < len(grid) else []
    starts = [
        c
        for c, v in enumerate(line)
        if c not in cols.values() and normalise(v) and not _NOT_LAYER.search(normalise(v))
    ]
    ends = [*starts[1:], len(line)]
    out: list[KkeLayer] = []
    for start, end in zip(starts, ends, strict=True):
        answer = value = None
        for c in range(start, max(end, start + 2)):
            words = normalise(below[c]) if c < len(below) else ""
            if answer is None and words.startswith("jawaban"):
                answer = c
            elif value is None and words.startswith(("nilai", "skor")):
                value = c
            elif words and _NOT_LAYER.search(words):
                break
        if answer is not None and value is not None:
            out.append(KkeLayer(_text(line[start]), answer, value))
    return out


def _penilaian_rows(grid: list[list[Any]], layout: PenilaianLayout) -> list[KkeRow]:
    out: list[KkeRow] = []
    component = sub = criterion = None
    answer_cols = [layer.answer_col for layer in layout.layers]
    for r in range(layout.header_row + 1, len(grid)):
        code = _code(cell(grid, r, layout.code_col))
        text = _text(cell(grid, r, layout.text_col))
        if code is not None:
            level = code_level(code)
            if level == "component":
                component, sub, criterion = code, None, None
                out.append(KkeRow(r, "component", code, text))
            elif level == "sub":
                sub, criterion = code, None
                out.append(KkeRow(r, "sub", code, text, component))
            else:
                criterion = code
                out.append(KkeRow(r, "criterion", code, text, sub))
            continue
        if not text:
            continue  # a blank row
        if _TOTAL.match(normalise(text)):
            out.append(KkeRow(r, "total", None, text))
            criterion = None
            continue
        answered = any(_text(cell(grid, r, c)) for c in answer_cols)
        if criterion is not None and answered:
            out.append(KkeRow(r, "document", None, text.lstrip("-•– ").strip(), criterion))
    return out


def resume_layout(source: Source, penilaian: PenilaianLayout) -> ResumeLayout | None:
    """The summary sheet: KODE, BOBOT and one value column per layer, rows by sub-component code."""
    for sheet in source.sheet_names:
        if sheet == penilaian.sheet:
            continue
        grid = source.rows(sheet)
        for r in range(min(HEADER_SCAN, len(grid))):
            line = grid[r]
            cols: dict[str, int] = {}
            for col, value in enumerate(line):
                words = normalise(value)
                if words == "kode" and "code" not in cols:
                    cols["code"] = col
                elif words in ("no", "nomor") and "number" not in cols:
                    cols["number"] = col
                elif words.startswith("bobot") and "weight" not in cols:
                    cols["weight"] = col
                elif re.search(r"\b(komponen|uraian)\b", words) and "text" not in cols:
                    cols["text"] = col
            if {"code", "weight"} - cols.keys():
                continue
            values = [
                c
                for c, v in enumerate(line)
                if c not in cols.values() and normalise(v) and not _NOT_LAYER.search(normalise(v))
            ]
            if len(values) < len(penilaian.layers):
                continue
            text_col = cols.get("text", cols["code"])
            layout = ResumeLayout(
                sheet, r, cols["code"], text_col, cols["weight"], values[: len(penilaian.layers)]
            )
            number_col = cols.get("number", cols["code"])
            for row in range(r + 1, len(grid)):
                code = _code(cell(grid, row, layout.code_col))
                text = _text(cell(grid, row, layout.text_col))
                if code is not None:
                    layout.rows[code] = row
                    layout.titles[code] = text
                    layout.numbers[code] = _text(cell(grid, row, number_col)).rstrip(".")
                elif text and _TOTAL.match(normalise(text)) and "total" not in layout.rows:
                    layout.rows["total"] = row
            if layout.rows:
                return layout
    return None


def is_kke(source: Source) -> bool:
    """A workbook that looks like a Pemda KKE: sheets RESUME and PENILAIAN (by name)."""
    names = {normalise(n) for n in source.sheet_names}
    return "penilaian" in names and "resume" in names


def layer_ids(headers: list[str]) -> list[str]:
    """The first layer is the unit's own (pmprb's `unit`); the others named from their headers."""
    out: list[str] = []
    for i, header in enumerate(headers):
        words = [w for w in normalise(header).split() if w not in LAYER_WORDS]
        name = "unit" if i == 0 else "_".join(words) or f"lapis_{i + 1}"
        while name in out:
            name += "_2"
        out.append(name)
    return out
