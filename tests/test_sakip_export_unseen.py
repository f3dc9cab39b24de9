"""The export reader measured on two exports built after it (tests/sakip_export_unseen.py): the APIP's
block first or second, another column order, merged cells, blank rows, "a." and "1." codes, retyped
criteria. Measured before the fix: every criterion missing ("1." read as a component, criterion texts
in the merged span's second cell); after it: every sub-component and total as by hand, no findings."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from openpyxl import load_workbook

from pmprb.api import score_layers
from pmprb.catalog import get_worksheet
from tests.sakip_export_unseen import build


@pytest.mark.parametrize("apip_first", [True, False])
def test_unseen_exports_score_as_by_hand(tmp_path: Path, apip_first: bool) -> None:
    ws = get_worksheet("sakip-2021-aplikasi")
    path = tmp_path / "ekspor.xlsx"
    built = build(path, ws, random.Random(30 + apip_first), apip_first=apip_first, blank_rows=True)
    results, reason = score_layers(path, None, ("unit", "evaluator"))
    assert "Hasil Evaluasi" in reason
    for layer, result in results.items():
        scores = {n.id: n.score for n in result.nodes}
        assert {s: scores[s] for s in built.subs[layer]} == built.subs[layer]
        assert result.total == built.totals[layer]
        assert result.missing == [] and result.problems == []
    # the stored figures are compared in this layout too: one edited value is found at its cell
    book = load_workbook(path)
    sheet = book["Hasil Evaluasi"]
    target = next(c for row in sheet.iter_rows(min_row=1, max_row=12) for c in row if c.value == "NILAI AKIP")
    sub_row = next(r for r in range(9, 40) if sheet.cell(row=r, column=1).value == "b.")
    sheet.cell(row=sub_row, column=target.column, value=0.01)
    book.save(path)
    layer = "evaluator" if apip_first else "unit"
    results, _ = score_layers(path, None, (layer,))
    found = [(p.code, p.location.cell) for p in results[layer].problems]
    assert found == [("sakipexport.figure-differs", f"{target.column_letter}{sub_row}")]
