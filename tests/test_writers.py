"""Writers keep users' text as text: formula-like notes round-trip unchanged, never as formulas."""

from __future__ import annotations

from pathlib import Path

from pmprb.api import score_layers
from pmprb.catalog import get_worksheet
from pmprb.writers.official_excel import write_official_zi
from tests.answer_sets import extreme_answers


def test_official_excel_keeps_formula_like_text(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    ws = get_worksheet("zi-2026")
    path = tmp_path / "lke.xlsx"
    notes = {"unit": {"1": '=HYPERLINK("http://x")', "2": "@SUM(A1)", "3": "-lihat lampiran"}}
    write_official_zi(path, ws, {"unit": extreme_answers(ws, best=True)}, notes)
    sheet = load_workbook(path)["Jawaban"]
    cells = [sheet["L6"], sheet["L7"]]
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)
    results, _ = score_layers(path)
    read_back = {q: results["unit"].questions[q].note for q in ("1", "2", "3")}
    assert read_back == notes["unit"]
