"""The sheet-size guard (pmprb.readers.source._extent) against a reader's own placing of cells: however
the references are written, a sheet over the limits never reaches calamine's grid allocation."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from hypothesis import given, settings
from hypothesis import strategies as st

from pmprb.readers.source import MAX_COLUMNS, MAX_ROWS, _extent, column_index, column_letter

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def reader_extent(data: bytes) -> tuple[int, int]:
    """Rows and columns of the cells as a reader places them: by their reference, else after the
    previous cell in the row's place. Elements are known by their local name whatever their namespace,
    as calamine knows them, and a row without cells allocates nothing."""
    rows = columns = 0
    row_number = 0
    for row in (e for e in ET.fromstring(data).iter() if _local(e.tag) == "row"):
        row_number = int(row.get("r") or row_number + 1)
        column = 0
        for cell in (e for e in row.iter() if _local(e.tag) == "c"):
            ref = cell.get("r")
            if ref:
                column = column_index("".join(ch for ch in ref if ch.isalpha())) + 1
                rows = max(rows, int("".join(ch for ch in ref if ch.isdigit())))
            else:
                column += 1
                rows = max(rows, row_number)
            columns = max(columns, column)
    return rows, columns


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


places = st.one_of(
    st.tuples(st.integers(0, 30), st.integers(1, 60)),  # the usual
    st.tuples(st.integers(0, MAX_COLUMNS + 60), st.integers(1, MAX_ROWS + 60)),  # near the limits
    st.tuples(st.integers(0, 16383), st.integers(1, 1_048_576)),  # anywhere Excel allows
)
# how XML lets an attribute be written: "" is no reference at all
WRITTEN = [' r="{}"', '\nr="{}"', '\tr="{}"', '  r="{}"', " r='{}'", ' r = "{}"', ' r="{}"', ""]
# a prefix on a cell or row, bound to the sheet's namespace or to another: calamine reads both as cells
PREFIXES = ["", "", "", "x:", "o:"]


@st.composite
def sheets(draw: st.DrawFn) -> bytes:
    out = [f'<worksheet xmlns="{NS}" xmlns:x="{NS}" xmlns:o="urn:other"><sheetData>']
    # half the sheets write every reference the usual way: the one-scan path must judge them alone
    usual = draw(st.booleans())
    for _ in range(draw(st.integers(1, 6))):
        cells = draw(
            st.lists(
                st.tuples(places, st.sampled_from(WRITTEN), st.booleans(), st.sampled_from(PREFIXES)),
                max_size=5,
            )
        )
        row = max((r for (_, r), _, _, _ in cells), default=draw(st.integers(1, MAX_ROWS + 10)))
        row_tag = f"{draw(st.sampled_from(PREFIXES))}row"
        out.append(f"<{row_tag}{draw(st.sampled_from(WRITTEN)).format(row)}>")
        for (column, _), written, lower, prefix in cells:
            if usual:
                written, lower, prefix = ' r="{}"', False, ""
            letters = column_letter(column).lower() if lower else column_letter(column)
            out.append(f'<{prefix}c{written.format(f"{letters}{row}")} t="n"><v>1</v></{prefix}c>')
        out.append(f"</{row_tag}>")
    out.append("</sheetData></worksheet>")
    return "".join(out).encode()


@settings(max_examples=400, deadline=None)
@given(sheet=sheets())
def test_a_sheet_over_the_limits_is_never_let_through(sheet: bytes) -> None:
    rows, columns = reader_extent(sheet)
    bound_rows, bound_columns = _extent(sheet)
    if rows > MAX_ROWS or columns > MAX_COLUMNS:
        assert bound_rows > MAX_ROWS or bound_columns > MAX_COLUMNS


def test_the_usual_sheet_is_let_through_and_a_far_cell_is_not() -> None:
    row = '<row r="7"><c r="K7" s="1"><v>1</v></c></row>'
    usual = f'<worksheet xmlns="{NS}"><sheetData>{row}</sheetData></worksheet>'
    assert _extent(usual.encode()) == (0, 0)
    assert _extent(usual.replace('r="K7"', 'r="AB9999"').encode()) == (0, 0)  # two letters, in the limits
    assert _extent(usual.replace('r="K7"', 'r="XFD1048576"').encode()) == (1_048_576, 16_384)
    assert _extent(usual.replace('r="K7"', "r='XFD7'").encode())[1] >= 16_384
    assert _extent(usual.replace('r="K7"', '\nr="K1048576"').encode())[0] >= 1_048_576
    # a prefixed cell in an unprefixed sheet, its prefix bound to any namespace or none: still a cell
    prefixed = usual.replace('<c r="K7"', '<x:c r="XFD1048576"').replace("</c>", "</x:c>")
    assert _extent(prefixed.encode()) == (1_048_576, 16_384)  # said as written, not a bound
