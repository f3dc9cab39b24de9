"""The sheet-extent guard: the rows and columns a reader would allocate for a sheet, from its cell
references, before calamine builds the grid (a failed allocation aborts the process); and the
formulas without a cached value, found from the same XML."""

from __future__ import annotations

import re
from typing import Any

from pmprb.errors import UserError
from pmprb.readers.cells import column_index, column_letter
from pmprb.readers.limits import MAX_COLUMNS, MAX_ROWS, _error

# a row's r="7" or a cell's r="K7", however XML lets it be written (any space, either quote)
_REF = re.compile(rb"""\sr\s*=\s*["']\$?([A-Za-z]*)\$?(\d+)["']""")


def _over(limit: int, digits: str, first: str) -> bytes:
    """A regex for numerals (digits in `digits`, no leading `first`-digit) naming a value above `limit`:
    a scan for the rare offending reference instead of a Python loop over every cell."""
    base = len(digits)
    text = ""
    n = limit
    while n:
        n, rest = divmod(n - 1, base) if digits[0] == "A" else divmod(n, base)
        text = digits[rest] + text
    cls = f"[{digits[0]}-{digits[-1]}]"
    longer = f"[{first}-{digits[-1]}]{cls}{{{len(text)},}}"
    same = [
        f"{text[:i]}[{digits[digits.index(ch) + 1]}-{digits[-1]}]{cls}{{{len(text) - i - 1}}}"
        for i, ch in enumerate(text)
        if ch != digits[-1]
    ]
    return "|".join([longer, *same]).encode()


_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_WIDE = re.compile(rb' r="(' + _over(MAX_COLUMNS, _UPPER, "A") + rb")\d")
_TALL = re.compile(rb' r="[A-Z]{0,3}(' + _over(MAX_ROWS, "0123456789", "1") + rb')"')
_OVER = re.compile(_TALL.pattern + rb"|" + _WIDE.pattern)
# two letters or five digits: what every reference over the limits has, found in half _OVER's time
_SUSPECT = re.compile(rb' r="[A-Z]?+(?:[A-Z]|\d{5})')
# a cell tag not opening with a reference of at most one letter and four digits (within both limits):
# absent from the usual sheet, whose extent is then known to fit from this one scan. Row tags need no
# look: a cell with a reference is placed by it alone, and a row without cells allocates nothing.
_IRREGULAR = re.compile(rb'<c(?! r="[A-Z]?\d{1,4}")[\s>/]')
_PREFIXED = re.compile(rb"<\w+:worksheet\b")
# calamine knows cells and rows by their local name, whatever prefix (or namespace) they carry: a sheet
# with `<x:c r="XFD1048576">` is not the usual sheet (found from the colon, which is rare, in a tenth
# of the time a prefix-aware _IRREGULAR would take)
_PREFIXED_TAG = re.compile(rb":(?:c|row)[\s>/]")
_ROW_SPLIT = re.compile(rb"<(?:\w+:)?row[\s>/]")
_CELL_TAG = re.compile(rb"<(?:\w+:)?c[\s>/]")
_ROW_TAG = re.compile(rb"<(?:\w+:)?row\s([^>]*)>")
_ROW_NUMBER = re.compile(rb'\br="(\d+)"')
_HIDDEN = re.compile(rb'\bhidden="(?:1|true)"')
_UNCACHED = re.compile(rb'<c r="([A-Z]{1,3})(\d+)"[^>]*>\s*<f\b[^>]*(?:/>|>[^<]*</f>)\s*</c>')
# a cell or row tag not opening with a reference written exactly ` r="K7"`, the one form the scans
# below read: any other (no reference, other spacing or quotes, lower case) is counted instead
_UNREFERENCED = re.compile(rb'<(?:c|row)(?=[\s>/])(?! r="[A-Z]{0,3}\d+")')
_FORMULA_THEN_CELL_END = re.compile(rb"</f>\s*</c>")
_EMPTY_FORMULA_THEN_CELL_END = re.compile(rb"<f\b[^>]*/>\s*</c>")


def _uncached(data: bytes) -> set[tuple[int, int]]:
    """Cells (0-based) holding a formula and no value: found from the formula's end, which is rare,
    rather than by trying a pattern at every cell."""
    out: set[tuple[int, int]] = set()
    for pattern in (_FORMULA_THEN_CELL_END, _EMPTY_FORMULA_THEN_CELL_END):
        for match in pattern.finditer(data):
            start = data.rfind(b"<c ", 0, match.start())
            cell = _UNCACHED.match(data, start, match.end()) if start >= 0 else None
            if cell is not None and cell.end() == match.end():
                out.add((int(cell.group(2)) - 1, column_index(cell.group(1).decode())))
    return out


def _width(letters: bytes) -> int:
    return column_index(letters.decode()) + 1


class _TooLarge(Exception):
    def __init__(self, rows: int, columns: int) -> None:
        super().__init__(rows, columns)
        self.rows, self.columns = rows, columns

    def error(self, path: str, sheet: str) -> UserError:
        return _error("sheet.too-large", path, sheet, **_too_large_params(self.rows, self.columns))


def _too_large_params(rows: int, columns: int) -> dict[str, Any]:
    extent = []
    if rows > MAX_ROWS:
        extent.append(f"baris/row {rows}")
    if columns > MAX_COLUMNS:
        extent.append(f"kolom/column {column_letter(columns - 1)} ({columns})")
    return {"extent": ", ".join(extent), "max_rows": MAX_ROWS, "max_columns": MAX_COLUMNS}


def _check_size(rows: int, columns: int) -> None:
    if rows > MAX_ROWS or columns > MAX_COLUMNS:
        raise _TooLarge(rows, columns)


def _extent(data: bytes) -> tuple[int, int]:
    """Upper bounds of the rows and columns a reader would allocate for this sheet XML.

    Common case: every cell opens with its reference (`<c r="K7"`), so one scan finds an offending
    row, an offending column, or a cell without a reference. Otherwise (prefixed
    elements, CDATA, cells without references) rows and cells are counted from their position, as
    readers do: slower, and only for such files."""
    plain = not _PREFIXED.search(data[:2048]) and b"<![CDATA[" not in data and not _PREFIXED_TAG.search(data)
    if plain and not _IRREGULAR.search(data):  # the usual sheet: one pass
        return 0, 0
    if plain and not _UNREFERENCED.search(data):
        if not _SUSPECT.search(data) or not _OVER.search(data):
            return 0, 0
        tall, wide = _TALL.search(data), _WIDE.search(data)
        return (int(tall.group(1)) if tall else 0), (_width(wide.group(1)) if wide else 0)
    explicit = [(letters, int(number)) for letters, number in _REF.findall(data)]
    # a reference over a limit is a cell there, said as it is; otherwise the bound adds what
    # unreferenced rows and cells could add
    rows = max((n for _, n in explicit), default=0)
    columns = max((_width(c) for c, _ in explicit if c), default=0)
    if rows > MAX_ROWS or columns > MAX_COLUMNS:
        return rows, columns
    widest = 0
    for chunk in _ROW_SPLIT.split(data):
        widest = max(widest, len(_CELL_TAG.findall(chunk)))
    return rows + len(_ROW_SPLIT.findall(data)), columns + widest
