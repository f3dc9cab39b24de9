"""Formulas and cached values of one sheet, straight from the xlsx XML.

calamine gives cached values only; the cross-check also needs to know which cells hold a formula
and what it says (openpyxl would load the whole workbook twice for that)."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from xml.etree import ElementTree as ET

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_CELL = re.compile(r"^([A-Z]{1,3})(\d+)$")


@dataclass(frozen=True, slots=True)
class FormulaCell:
    formula: str  # without the leading '='
    shared: bool = False


def _sheet_part(book: zipfile.ZipFile, sheet: str) -> str | None:
    workbook = ET.fromstring(book.read("xl/workbook.xml"))
    rel_id = None
    for node in workbook.iter(f"{_NS}sheet"):
        if node.get("name") == sheet:
            rel_id = node.get(f"{_REL_NS}id")
    if rel_id is None:
        return None
    rels = ET.fromstring(book.read("xl/_rels/workbook.xml.rels"))
    for rel in rels:
        if rel.get("Id") == rel_id:
            target = rel.get("Target", "")
            if target.startswith("/"):
                return target.lstrip("/")
            return str(PurePosixPath("xl") / target)
    return None


@dataclass
class SheetFormulas:
    formulas: dict[str, FormulaCell]
    errors: dict[str, str]  # cached error values (#DIV/0!, #VALUE!), which calamine reads as empty
    readable: bool = True  # False: not an xlsx sheet we can read (.ods, .xls, a broken part)


def read_formulas(path: str, sheet: str) -> dict[str, FormulaCell]:
    """Cell reference -> formula for every formula cell of `sheet` (shared formulas translated)."""
    return read_sheet(path, sheet).formulas


def read_sheet(path: str, sheet: str) -> SheetFormulas:
    try:
        with zipfile.ZipFile(path) as book:
            part = _sheet_part(book, sheet)
            if part is None:
                return SheetFormulas({}, {}, readable=False)
            data = book.read(part)
    except (OSError, KeyError, zipfile.BadZipFile, ET.ParseError):
        return SheetFormulas({}, {}, readable=False)
    out: dict[str, FormulaCell] = {}
    errors: dict[str, str] = {}
    masters: dict[str, tuple[str, str]] = {}
    pending: list[tuple[str, str]] = []
    try:
        cells = list(_cells(data))
    except ET.ParseError:
        return SheetFormulas({}, {}, readable=False)
    for elem in cells:
        ref = elem.get("r", "")
        if elem.get("t") == "e":
            cached = elem.find(f"{_NS}v")
            errors[ref] = (cached.text or "#ERROR") if cached is not None else "#ERROR"
        f = elem.find(f"{_NS}f")
        if f is not None:
            text = f.text or ""
            if f.get("t") == "shared":
                index = f.get("si", "")
                if text:
                    masters[index] = (ref, text)
                    out[ref] = FormulaCell(text, shared=True)
                else:
                    pending.append((ref, index))
            elif text:
                out[ref] = FormulaCell(text)
    for ref, index in pending:
        if index in masters:
            origin, text = masters[index]
            out[ref] = FormulaCell(_translate(text, origin, ref), shared=True)
    return SheetFormulas(out, errors)


def _cells(data: bytes) -> Iterator[ET.Element]:
    for _, elem in ET.iterparse(_bytes_io(data)):
        if elem.tag == f"{_NS}c":
            yield elem


def _bytes_io(data: bytes):
    import io

    return io.BytesIO(data)


def _translate(formula: str, origin: str, target: str) -> str:
    from openpyxl.formula.translate import Translator

    return Translator("=" + formula, origin=origin).translate_formula(target)[1:]


_REF = re.compile(r"(?<![A-Za-z_!])\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?(?![\w(])")


def referenced_rows(formula: str, column: str) -> list[int]:
    """Rows of `column` that a formula reads, ranges expanded, in order of appearance."""
    rows: list[int] = []
    for match in _REF.finditer(formula):
        first_col, first_row, last_col, last_row = match.groups()
        if last_col is None:
            if first_col == column:
                rows.append(int(first_row))
            continue
        if first_col <= column <= last_col and len(first_col) == len(column) == len(last_col):
            low, high = sorted((int(first_row), int(last_row)))
            rows.extend(range(low, high + 1))
    return rows


def split_ref(ref: str) -> tuple[str, int] | None:
    match = _CELL.match(ref)
    return (match.group(1), int(match.group(2))) if match else None


# IF(D9="Y", ...: the answer cell, the key compared and the branch's result (a KKE's value formulas)
IF_KEY = re.compile(r'IF\(\s*\$?([A-Z]{1,3})\$?(\d+)\s*=\s*"([^"]*)"\s*,\s*([^,()]+?)\s*,', re.IGNORECASE)


def if_keys(formula: str) -> list[str]:
    """The keys an IF chain compares its answer cell with, in order."""
    return [m[2] for m in IF_KEY.findall(formula)]
