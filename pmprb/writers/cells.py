"""Cell values that are safe to hand to a spreadsheet: users' text never becomes a formula."""

from __future__ import annotations

from typing import Any

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """For CSV: a text a spreadsheet would run as a formula gets a leading quote (OWASP's advice)."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def put_text(cell: Any, value: Any) -> None:
    """For an openpyxl cell: text stays text, shown as typed, even when it starts with = + - @
    (a string cell with Excel's quote prefix, so editing it does not turn it into a formula)."""
    if isinstance(value, str):
        cell.value = value
        cell.data_type = "s"
        if value.startswith(FORMULA_PREFIXES):
            cell.quotePrefix = True
    else:
        cell.value = value


def text_cell(sheet: Any, row: int, column: int, value: Any) -> Any:
    """sheet.cell(row, column) holding `value` the way `put_text` writes it; returns the cell."""
    cell = sheet.cell(row, column)
    put_text(cell, value)
    return cell
