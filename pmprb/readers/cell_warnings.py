"""Warnings about the cells answers were read from: the sheet or row hidden, the cell inside a merged
range or holding a formula never computed, two questions read from copies of one row."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pmprb.errors import Location, Problem
from pmprb.readers.cells import _cell_place, column_letter

if TYPE_CHECKING:
    from pmprb.readers.source import Source
    from pmprb.scoring.answers import RawAnswer


def answer_warnings(
    source: Source,
    answers: dict[str, RawAnswer],
    alike_rows: frozenset[int] | None = None,
    answer_places: dict[str, list[tuple[str, int, int]]] | None = None,
) -> list[Problem]:
    """Warnings about the cells answers were read from: the sheet hidden, the row hidden, the cell
    inside a merged range or holding a formula never computed, two questions on copies of a row
    (looked for among `alike_rows` only, when the reader knows which rows can be copies).
    `answer_places`: the answer cells per sheet, when the reader knows them (else found from
    `answers`)."""
    if source.kind in ("json", "csv"):
        return []
    if answer_places is not None:
        cells = {sheet: found for sheet, found in answer_places.items() if sheet in source._rows}
    else:
        cells = _answer_places(source, answers)
    out: list[Problem] = []
    hidden = source.hidden_sheets if cells else set()
    for sheet in sorted(cells.keys() & hidden):
        out.append(
            Problem("sheet.hidden", Location(source.name, sheet=sheet), "warning", params={"sheet": sheet})
        )
    for sheet, places in cells.items():
        out.extend(_cell_problems(source, sheet, places))
    for sheet, places in cells.items():
        if alike_rows is not None:
            places = [place for place in places if place[1] in alike_rows]
        out.extend(_duplicate_rows(source, sheet, places))
    return out


def _answer_places(source: Source, answers: dict[str, RawAnswer]) -> dict[str, list[tuple[str, int, int]]]:
    cells: dict[str, list[tuple[str, int, int]]] = {}  # sheet -> (question, row, column), 0-based
    for qid, answer in answers.items():
        where = answer.location
        if where.sheet is None or where.cell is None or where.sheet not in source._rows:
            continue
        place = _cell_place(where.cell)
        if place is not None:
            cells.setdefault(where.sheet, []).append((qid, *place))
    return cells


def _cell_problems(source: Source, sheet: str, places: list[tuple[str, int, int]]) -> list[Problem]:
    """Hidden rows, merged ranges, formulas never computed: checked against what the sheet has,
    which is usually nothing, rather than answer by answer."""
    notes = source.notes(sheet)
    columns = {column for _, _, column in places}
    merged = [m for m in notes.merged if any(m[0][1] <= c <= m[1][1] for c in columns)]
    if not (notes.hidden_rows or merged or (_any_blank(source, sheet, places) and notes.uncached)):
        return []
    out: list[Problem] = []
    for qid, row, column in places:
        out.extend(cell_problems(source, sheet, row, column, qid, merged))
    return out


def _any_blank(source: Source, sheet: str, places: list[tuple[str, int, int]]) -> bool:
    grid = source._rows[sheet]
    height = len(grid)
    for _, row, column in places:  # `cell`, inline: once for every answer of every file
        line = grid[row] if row < height else ()
        if column >= len(line) or (value := line[column]) is None or value == "":
            return True
    return False


def _duplicate_rows(source: Source, sheet: str, places: list[tuple[str, int, int]]) -> list[Problem]:
    """Two questions read from rows whose cells (all but the answer columns) are the same: a row
    was copied over another, or rows shifted."""
    grid = source._rows[sheet]
    skip = {column for _, _, column in places}
    out: list[Problem] = []
    seen: dict[tuple[Any, ...], int] = {}
    for qid, row, _ in places:
        if row >= len(grid):
            continue
        line = list(grid[row])
        for column in skip:
            if column < len(line):
                line[column] = ""
        other = seen.setdefault(tuple(line), row)
        # a lone number or code is not a question's text
        if other != row and sum(1 for v in line if str(v).strip()) >= 2:
            where = Location(source.name, sheet=sheet, cell=f"A{row + 1}")
            out.append(
                Problem("cell.duplicate-row", where, "warning", qid, {"row": row + 1, "other": other + 1})
            )
    return out


def cell_problems(
    source: Source,
    sheet: str,
    row: int,
    column: int,
    question: str,
    merged: list[tuple[tuple[int, int], tuple[int, int]]] | None = None,
) -> list[Problem]:
    """Warnings about one answer cell (0-based): hidden row, merged range, formula never computed."""
    notes = source.notes(sheet)
    ref = f"{column_letter(column)}{row + 1}"
    where = Location(source.name, sheet=sheet, cell=ref)
    out: list[Problem] = []
    if row in notes.hidden_rows:
        out.append(Problem("cell.hidden-row", where, "warning", question, {"row": row + 1}))
    if (row, column) in notes.uncached:
        out.append(Problem("cell.formula-uncached", where, "warning", question))
    for (r0, c0), (r1, c1) in notes.merged if merged is None else merged:
        if r0 <= row <= r1 and c0 <= column <= c1 and (row, column) != (r0, c0):
            span = f"{column_letter(c0)}{r0 + 1}:{column_letter(c1)}{r1 + 1}"
            out.append(Problem("cell.merged", where, "warning", question, {"range": span}))
    return out
