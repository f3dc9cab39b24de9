"""The official-form reader: layouts recognised by header and hierarchy codes, rows mapped by structure
and text (not row number), the worksheet detected and reported; the zi-2021 worksheet it reads into."""

from __future__ import annotations

import json
import random
import shutil
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from pmprb.api import score_layers
from pmprb.catalog import get_worksheet, worksheets_dir
from pmprb.errors import UserError
from pmprb.readers import load
from pmprb.readers.lke_form import normalise, similarity
from pmprb.scoring.engine import node_weight
from tests.cli_runner import run
from tests.lke_form_helpers import BLANK, fill, insert_rows, random_answers, set_cell, swap_rows, worksheet

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _answers(path: Path, worksheet: str | None = None) -> dict[str, Any]:
    loaded = load(path, get_worksheet(worksheet) if worksheet else None)
    return {q: a.value for q, a in loaded.sheets["unit"].answers.items()}


# --- the worksheet ---------------------------------------------------------------------------


def test_zi_2021_is_the_form_as_a_tree() -> None:
    ws = worksheet()
    assert len(ws.questions) == 129
    for node in ws.all_nodes:
        if node.children:  # a node is the sum of its children: the tree's weights are the rule
            assert node_weight(node) == sum((node_weight(c) for c in node.children), Fraction(0)), node.id
    assert [node_weight(n) for n in ws.nodes] == [60, 40]
    lhk = ws.node_by_id["A.II.5.iii"]
    assert [(c.title.split("(")[-1], c.weight) for c in lhk.children] == [("LHKPN)", 1), ("LHKASN)", 1)]
    # every question keeps its code path and row in the form, so rows can be mapped back
    for q in ws.questions.values():
        assert q.source is not None and q.source.code_path and q.source.excel_row
    assert ws.questions["A.I.6.v.b"].source.code_path == ["A.", "I.", "6.", "v.", "c."]  # the form's c, b


def test_zi_2021_computed_items_follow_the_forms_formulas_and_the_tree() -> None:
    ws = worksheet()
    items = {c.id: c for n in ws.all_nodes for c in n.computed}
    assert items["A.II.3.iii.pct-a"].kind == "decrease"
    # LHKPN: the form sums the three parts itself; LHKASN: typed total, the rules use the parts
    assert items["A.II.5.iii.a.pct-a"].denominator == ["A.II.5.iii.a.b", "A.II.5.iii.a.c", "A.II.5.iii.a.d"]
    assert items["A.II.5.iii.b.pct-a"].denominator == ["A.II.5.iii.b.b", "A.II.5.iii.b.c", "A.II.5.iii.b.d"]
    assert ws.answer_types[ws.questions["A.II.5.iii.b.a"].type].kind == "count"  # information only
    assert ws.years and "zi-2026" in (ws.notes or "") and "L175" in (ws.notes or "")


def test_the_shipped_worksheet_is_what_the_importer_makes(reference_dir: Path, tmp_path: Path) -> None:
    from pmprb.importers.lke_form import main

    out = tmp_path / "zi-2021.yaml"
    assert main([str(reference_dir / BLANK), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == (worksheets_dir() / "zi-2021.yaml").read_text(encoding="utf-8")


# --- matching ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "low"),
    [
        ("Sudah ditetapkan agen perubahan", "SUDAH  DITETAPKAN agen-perubahan.", 1.0),
        (
            "Telah dibangun budaya kerja dan pola pikir di lingkungan organisasi",
            "Telah dibangun budaya kerja serta pola pikir di lingkungan organisasi",
            0.8,
        ),
    ],
)
def test_texts_match_across_case_spacing_punctuation_and_small_wording(a: str, b: str, low: float) -> None:
    assert similarity(normalise(a), normalise(b)) >= low
    assert similarity(normalise(a), normalise("Hasil survei kepuasan masyarakat dapat diakses")) < 0.6


# --- the 2021 annex form -----------------------------------------------------------------------


def test_the_blank_form_is_recognised_without_worksheet(reference_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "blank.xlsx"
    shutil.copyfile(reference_dir / BLANK, path)
    results, reason = score_layers(path)
    result = results["unit"]
    assert result.worksheet == "zi-2021"
    assert "LKE ZI" in reason and "129/129" in reason
    assert len(result.missing) == 129
    assert not [p for p in result.problems if p.code.startswith(("lkeform.", "crosscheck."))]


def test_answers_are_read_from_the_forms_rows(reference_dir: Path, tmp_path: Path) -> None:
    answers = random_answers(random.Random(3))
    path = fill(reference_dir, tmp_path / "filled.xlsx", answers)
    read = _answers(path)
    assert read == answers | {"A.II.5.iii.a.a": None}  # K178 is the form's formula: no cached value here


def test_inserted_rows_and_reordered_letters_read_the_same(reference_dir: Path, tmp_path: Path) -> None:
    answers = random_answers(random.Random(4))
    plain = fill(reference_dir, tmp_path / "plain.xlsx", answers)
    edited = fill(
        reference_dir,
        tmp_path / "edited.xlsx",
        answers,
        edits=[
            swap_rows(20, 21),
            set_cell("F20", "c."),
            set_cell("F21", "b."),  # a, c, b
            insert_rows(12, 1),  # an empty row inside a sub-area
            insert_rows(127, 1, {"G": "Catatan unit: baris tambahan"}),  # a note without a type
        ],
    )
    plain_results, _ = score_layers(plain)
    edited_results, reason = score_layers(edited)
    assert "129/129" in reason
    assert edited_results["unit"].total == plain_results["unit"].total
    assert [(n.id, n.score) for n in edited_results["unit"].nodes] == [
        (n.id, n.score) for n in plain_results["unit"].nodes
    ]
    assert _answers(edited) == _answers(plain)
    locations = {q: str(a.location) for q, a in load(edited).sheets["unit"].answers.items()}
    # c swapped into row 20, then one row inserted above it
    assert locations["A.I.1.iv.c"].endswith("LKE ZI!K21") and locations["A.I.1.ii.b"].endswith("LKE ZI!K13")
    assert not [p for p in edited_results["unit"].problems if p.code.startswith("lkeform.")]


def test_retyped_wording_still_maps(reference_dir: Path, tmp_path: Path) -> None:
    answers = random_answers(random.Random(5))
    path = fill(
        reference_dir,
        tmp_path / "retyped.xlsx",
        answers,
        edits=[
            set_cell("G20", "  SUDAH DITETAPKAN AGEN-PERUBAHAN  "),
            set_cell("G21", "Telah dibangun budaya kerja serta pola pikir di lingkungan organisasi."),
            set_cell("F24", "prosedur operasional tetap (sop) kegiatan utama"),
            set_cell("F25", "a"),
        ],
    )
    assert _answers(path) == _answers(fill(reference_dir, tmp_path / "plain.xlsx", answers))


def test_unmapped_rows_and_missing_questions_are_reported_with_their_cell(
    reference_dir: Path, tmp_path: Path
) -> None:
    answers = random_answers(random.Random(6))

    def delete_row_20(sheet: Any) -> None:
        sheet.delete_rows(20, 1)

    path = fill(
        reference_dir,
        tmp_path / "edited.xlsx",
        answers,
        edits=[
            delete_row_20,  # "Sudah ditetapkan agen perubahan" is gone
            insert_rows(
                12, 1, {"F": "d.", "G": "Pertanyaan tambahan buatan unit", "J": "Ya/Tidak", "K": "Ya"}
            ),
        ],
    )
    result = score_layers(path)[0]["unit"]
    found = {
        (p.code, p.location.cell, p.question, p.severity)
        for p in result.problems
        if p.code.startswith("lkeform.")
    }
    assert found == {
        ("lkeform.row-unmapped", "B12", None, "warning"),
        ("lkeform.question-not-found", None, "A.I.1.iv.b", "warning"),
    }
    assert "A.I.1.iv.b" in result.missing
    messages = [p.message("en") for p in result.problems if p.code.startswith("lkeform.")]
    assert any("Pertanyaan tambahan buatan unit" in m for m in messages)
    assert any("Sudah ditetapkan agen perubahan" in m for m in messages)


def test_a_layer_the_form_has_no_column_for_is_a_usage_error(reference_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "blank.xlsx"
    shutil.copyfile(reference_dir / BLANK, path)
    with pytest.raises(UserError) as info:
        score_layers(path, None, ("tpi",))
    assert info.value.problems[0].code == "lkeform.layer-absent"
    assert "tpi" in info.value.problems[0].message("en")


def test_cli_names_the_worksheet_it_chose(
    reference_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = fill(reference_dir, tmp_path / "filled.xlsx", random_answers(random.Random(8)))
    r = run(capsys, "score", str(path), "--format", "json")
    assert r.code == 0, r.err
    data = json.loads(r.out)
    assert data["worksheet"] == "zi-2021" and "struktur LKE" in data["worksheet_reason"]


# --- the 2026 Jawaban layout -------------------------------------------------------------------


def test_the_2026_layout_is_read_by_structure_like_by_rows() -> None:
    from pmprb.readers import official_excel
    from pmprb.readers.source import Source

    path = EXAMPLES / "lke-zi-2026-unit.xlsx"
    ws = get_worksheet("zi-2026")
    loaded = load(path, None, ("unit", "tpi"))
    assert loaded.worksheet.id == "zi-2026" and loaded.format == "lke_form"
    assert "Jawaban" in loaded.reason and "127/127" in loaded.reason
    by_rows = official_excel.read(Source.open(path), ws, ("unit", "tpi"))
    for layer in ("unit", "tpi"):
        assert {
            q: (a.value, a.note, a.evidence, a.location) for q, a in loaded.sheets[layer].answers.items()
        } == {q: (a.value, a.note, a.evidence, a.location) for q, a in by_rows[layer].answers.items()}


def test_a_2026_file_with_inserted_rows_is_read_correctly(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = tmp_path / "moved.xlsx"
    book = load_workbook(EXAMPLES / "lke-zi-2026-unit.xlsx")
    sheet = book["Jawaban"]
    sheet.insert_rows(40, 2)  # a unit adds two rows of its own notes
    sheet["E40"] = "Catatan internal unit"
    book.save(path)
    original = score_layers(EXAMPLES / "lke-zi-2026-unit.xlsx", None, ("unit",))[0]["unit"]
    moved, reason = score_layers(path, None, ("unit",))
    assert "struktur" in reason
    assert moved["unit"].total == original.total
    assert moved["unit"].missing == original.missing


def test_filling_a_copy_keeps_the_forms_validation_and_formulas(reference_dir: Path, tmp_path: Path) -> None:
    """The oracle relies on openpyxl losing nothing the form computes with."""
    from openpyxl import load_workbook

    path = fill(reference_dir, tmp_path / "filled.xlsx", random_answers(random.Random(9)))
    original, filled = load_workbook(reference_dir / BLANK), load_workbook(path)
    for name in ("LKE ZI", "Utama", "Ctt Eval"):
        before, after = original[name], filled[name]
        assert [(str(v.sqref), v.formula1) for v in after.data_validations.dataValidation] == [
            (str(v.sqref), v.formula1) for v in before.data_validations.dataValidation
        ]
        cells = [c for row in before.iter_rows() for c in row]
        formulas = [(c.coordinate, c.value) for c in cells if str(c.value).startswith("=")]
        assert formulas and all(after[ref].value == value for ref, value in formulas if ref != "L175")


def test_a_copy_pasted_as_values_is_one_finding(reference_dir: Path, tmp_path: Path) -> None:
    def paste_values(sheet: Any) -> None:
        for row in sheet.iter_rows():
            for c in row:
                if isinstance(c.value, str) and c.value.startswith("="):
                    c.value = 0.5

    answers = random_answers(random.Random(10))
    path = fill(reference_dir, tmp_path / "values.xlsx", answers, edits=[paste_values])
    result = score_layers(path)[0]["unit"]
    found = [p for p in result.problems if p.code.startswith("crosscheck.")]
    assert [(p.code, p.location.sheet) for p in found] == [("crosscheck.no-formulas", "LKE ZI")]


def test_year_over_year_matches_the_2021_form_with_2026(
    reference_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = fill(reference_dir, tmp_path / "lke-2024.xlsx", random_answers(random.Random(11)))
    r = run(capsys, "compare", str(old), str(EXAMPLES / "lke-zi-2026-unit.xlsx"), "--format", "json")
    assert r.code == 0, r.err
    data = json.loads(r.out)
    assert (data["a"]["worksheet"], data["b"]["worksheet"]) == ("zi-2021", "zi-2026")
    pairs = {p["a"]: p["b"] for p in data["matching"]["changed"]}
    assert len(pairs) == 127 and data["matching"]["unmatched_b"] == []
    # the form's c, b letters of Pemanfaatan TI still pair by text; LHKASN parts pair with non-LHKPN
    assert pairs["A.I.6.v.b"] == "86" and pairs["A.I.6.v.c"] == "87"
    assert [pairs[f"A.II.5.iii.b.{x}"] for x in "bcde"] == ["117", "118", "119", "120"]
    # the form's two "jumlah yang harus melaporkan" totals have no 2026 counterpart
    assert sorted(data["matching"]["unmatched_a"]) == ["A.II.5.iii.a.a", "A.II.5.iii.b.a"]


def test_typed_numbers_in_place_of_formulas_are_found_without_recalculation(
    reference_dir: Path, tmp_path: Path
) -> None:
    """A file never recalculated still holds the numbers a unit typed over the form's formulas."""
    answers = random_answers(random.Random(12)) | {"A.I.1.i.a": "Ya", "A.I.1.i.b": "A"}
    path = fill(
        reference_dir, tmp_path / "typed.xlsx", answers, edits=[set_cell("L7", 0.2), set_cell("L208", 99)]
    )
    result = score_layers(path, None, ("unit",), True)[0]["unit"]
    found = {
        (p.code, p.location.cell, p.severity) for p in result.problems if p.code.startswith("crosscheck.")
    }
    assert found == {
        ("crosscheck.formula-overwritten", "L7", "error"),  # --strict: findings are errors
        ("crosscheck.formula-overwritten", "L208", "error"),
    }
    (l7,) = [p for p in result.problems if p.location.cell == "L7"]
    assert (l7.params["value"], l7.params["expected"]) == ("0.20", "0.50")
    assert "0,20" in l7.message("id") and "0.20" in l7.message("en")


def test_rows_alike_are_those_that_can_be_copies(tmp_path: Path) -> None:
    """A recognised layout names the question rows whose label, type and weight cells (answers aside)
    match another's; the duplicate-row warning looks only there, and still finds a copied row."""
    from openpyxl import Workbook

    from pmprb.errors import Location
    from pmprb.readers.lke_form import Layout, Mapping, _alike
    from pmprb.readers.source import Source
    from pmprb.scoring.answers import RawAnswer

    layout = Layout(sheet="S", header_row=0, label_start=0, label_end=2, type_col=3, answers={"unit": 2})
    structure = [  # columns A-D below the header; C is the answer
        ["1", "Tim dibentuk", "Ya", "Ya/Tidak"],
        ["2", "SK ditetapkan", "Ya", "Ya/Tidak"],
        ["1", "Tim dibentuk", "Tidak", "Ya/Tidak"],  # row 1 copied, another answer
    ]
    assert _alike(structure, layout, Mapping(questions={"a": 1, "b": 2, "c": 3})) == {1, 3}

    wb = Workbook()
    ws = wb.active
    ws.title = "S"
    ws.append(["No", "Pertanyaan", "Jawaban", "Jenis Jawaban"])
    for row in structure:
        ws.append(row)
    path = tmp_path / "copied.xlsx"
    wb.save(path)
    source = Source.open(path)
    source.rows("S")
    answers = {
        q: RawAnswer("Ya", Location(str(path), "S", f"C{r + 1}")) for q, r in (("a", 1), ("b", 2), ("c", 3))
    }
    found = source.answer_warnings(answers, frozenset({1, 3}))
    assert [(p.code, p.question, p.params) for p in found] == [
        ("cell.duplicate-row", "c", {"row": 4, "other": 2})
    ]
    assert source.answer_warnings(answers) == found  # the reader's hint changes nothing but the work
    assert source.answer_warnings(answers, frozenset()) == []
