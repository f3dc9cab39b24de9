"""Last in `FORMATS`: a workbook no format recognised that names itself SAKIP / AKIP in a sheet name or
its title rows gets a message saying so and what SAKIP layouts pmprb reads, instead of the generic
"sheet not found" (which would send the user looking for the ZI sheet names)."""

from __future__ import annotations

import re
from typing import Any

from pmprb.errors import Location, Problem, UserError
from pmprb.model import Worksheet
from pmprb.readers.lke_form import normalise
from pmprb.readers.source import Source, cell, column_letter

TITLE_ROWS = 12
_SAKIP = re.compile(r"\b(sakip|akip|akuntabilitas kinerja instansi|evaluasi akuntabilitas kinerja|kke)\b")


def _evidence(source: Source) -> tuple[str, str] | None:
    """(text, where) of the first SAKIP word in a sheet name or a title cell."""
    for sheet in source.sheet_names:
        if _SAKIP.search(normalise(sheet)):
            return sheet, sheet
    for sheet in source.sheet_names:
        grid = source.rows(sheet)
        for r in range(min(TITLE_ROWS, len(grid))):
            for c in range(min(len(grid[r]), 30)):
                value = cell(grid, r, c)
                if isinstance(value, str) and _SAKIP.search(normalise(value)):
                    return " ".join(value.split())[:80], f"{sheet}!{column_letter(c)}{r + 1}"
    return None


def detect(source: Source, requested: Worksheet | None) -> Any:
    if source.kind not in ("xlsx", "ods", "xls", "xlsb"):
        return None
    found = _evidence(source)
    if found is None:
        return None
    text, where = found
    raise UserError(
        Problem(
            "sakip.layout-unsupported",
            Location(source.name),
            params={
                "file": source.name,
                "text": text,
                "where": where,
                "sheets": ", ".join(source.sheet_names),
            },
        )
    )


def read(source: Source, worksheet: Worksheet, layers: tuple[str, ...]) -> Any:  # pragma: no cover
    raise AssertionError("detect() never hands a file to read()")
