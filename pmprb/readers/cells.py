"""Cell coordinates: letters and numbers, and a grid's cell read safely."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

_CELL_REF = re.compile(r"\$?([A-Z]{1,3})\$?(\d+)$")


@lru_cache(maxsize=4096)  # the same answer cells in every file of a batch
def _cell_place(ref: str) -> tuple[int, int] | None:
    """'K12' -> (11, 10): 0-based row and column."""
    match = _CELL_REF.match(ref)
    return (int(match.group(2)) - 1, column_index(match.group(1))) if match else None


def column_index(letter: str) -> int:
    index = 0
    for char in letter.strip().upper():
        index = index * 26 + (ord(char) - 64)
    return index - 1


def column_letter(index: int) -> str:
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(65 + rest) + out
    return out


def cell(grid: list[list[Any]], row: int, column: int) -> Any:
    """Value at 0-based (row, column), None where the grid ends or the cell is empty."""
    if row >= len(grid):
        return None
    line = grid[row]
    if column >= len(line):
        return None
    value = line[column]
    return None if value == "" else value
