"""A SAKIP evaluation application's export (docs/domain.md §7): read by structure with both layers,
scored as computed by hand, the stored figures cross-checked with exact findings."""

from __future__ import annotations

import random
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmprb.api import score_layers
from pmprb.catalog import get_worksheet
from pmprb.model import Worksheet
from tests.cli_runner import run
from tests.sakip_files import (
    APIP_VALUES,
    GRADES,
    UNIT_VALUES,
    ExportComponent,
    ExportLayer,
    build_export,
    export_expected,
    export_tree_from_worksheet,
)

LAYERS = ("unit", "evaluator")
FINDINGS = ("crosscheck", "sakipexport", "grade.", "lkeform")


@pytest.fixture(scope="module")
def ws() -> Worksheet:
    return get_worksheet("sakip-2021-aplikasi")


@pytest.fixture(scope="module")
def tree(ws: Worksheet) -> list[ExportComponent]:
    return export_tree_from_worksheet(ws)


def _criteria(tree: list[ExportComponent]) -> list[str]:
    return [c for comp in tree for s in comp.subs for c, _ in s.criteria]


def _findings(result) -> list[tuple[str, str | None]]:
    return sorted((p.code, p.location.cell) for p in result.problems if p.code.startswith(FINDINGS))


def _check_hand(tree: list[ExportComponent], result, layer: ExportLayer, values: dict[str, int]) -> None:
    expected = export_expected(tree, layer, values)
    assert result.total == expected["total"]
    scores = {n.id: n.score for n in result.nodes}
    for comp in tree:
        assert scores[comp.number] == expected[comp.number]
        for sub in comp.subs:
            assert scores[sub.code] == expected[sub.code]["value"], sub.code


def test_the_real_files_figures(tmp_path: Path, tree: list[ExportComponent]) -> None:
    """Unit 80.00 with every sub-component at 100 % (BB); APIP 78.50 with one sub-component of weight
    15 at 90 % (B, 10.5 of 15): the figures of the real export seen (docs/domain.md §7)."""
    criteria = _criteria(tree)
    unit = ExportLayer(dict.fromkeys(criteria, "Ya"))
    apip_answers = dict.fromkeys(criteria, "A")
    sub = next(s for comp in tree for s in comp.subs if s.weight == 15 and len(s.criteria) == 10)
    for code, _ in sub.criteria[:2]:
        apip_answers[code] = "B"  # (8 x 100 + 2 x 50) / 10 = 90 %
    path = tmp_path / "ekspor.xlsx"
    build_export(path, tree, unit, ExportLayer(apip_answers))
    results, reason = score_layers(path, None, LAYERS)
    assert results["unit"].worksheet == "sakip-2021-aplikasi" and "EVALUASI APIP" in reason
    assert float(results["unit"].total) == 80.0
    assert float(results["evaluator"].total) == 78.5
    assert results["unit"].predicate == "BB" and results["evaluator"].predicate == "BB"
    graded = {c.id: c for c in results["evaluator"].computed}
    assert graded[f"{sub.code}.grade"].grade == "B"
    assert {n.id: n.score for n in results["evaluator"].nodes}[sub.code] == Fraction(21, 2)
    for layer in LAYERS:
        assert _findings(results[layer]) == []
        assert results[layer].missing == []


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000), show=st.booleans(), final=st.booleans())
def test_random_answers_score_as_by_hand(
    tmp_path: Path, tree: list[ExportComponent], seed: int, show: bool, final: bool
) -> None:
    """Both layers, grades stored or left empty, JAWABAN AKHIR filled or not: the engine equals the
    hand computation and the stored figures agree with it (no findings)."""
    rng = random.Random(seed)
    criteria = _criteria(tree)
    unit = ExportLayer({c: rng.choice(["Ya", "Tidak"]) for c in criteria}, show_grades=show)
    apip = ExportLayer({c: rng.choice(["A", "B", "A"]) for c in criteria}, show_grades=show)
    if show and final:  # JAWABAN AKHIR repeats the intermediate grade (the application copies it)
        for layer, values in ((unit, UNIT_VALUES), (apip, APIP_VALUES)):
            expected = export_expected(tree, layer, values)
            layer.final = {s.code: expected[s.code]["derived"] for comp in tree for s in comp.subs}
    path = tmp_path / f"ekspor-{seed}-{show}-{final}.xlsx"
    build_export(path, tree, unit, apip)
    results, _ = score_layers(path, None, LAYERS)
    _check_hand(tree, results["unit"], unit, UNIT_VALUES)
    _check_hand(tree, results["evaluator"], apip, APIP_VALUES)
    for layer in LAYERS:
        assert _findings(results[layer]) == []


def test_a_stored_grade_that_disagrees_is_used_and_reported(
    tmp_path: Path, tree: list[ExportComponent]
) -> None:
    criteria = _criteria(tree)
    answers = dict.fromkeys(criteria, "Ya")
    sub = tree[0].subs[0]
    for code, _ in sub.criteria[:3]:
        answers[code] = "Tidak"  # 4 of 7 met: 57 % -> CC by the ladder
    unit = ExportLayer(answers, grades={sub.code: "B"})  # the assessor's grade: B
    other = tree[1].subs[1]
    unit.final = {other.code: "A"}  # all met (BB by the ladder); JAWABAN AKHIR: A
    path = tmp_path / "ekspor.xlsx"
    rows = build_export(path, tree, unit, ExportLayer(dict.fromkeys(criteria, "A")))
    results, _ = score_layers(path, None, ("unit",))
    result = results["unit"]
    _check_hand(tree, result, unit, UNIT_VALUES)
    scores = {n.id: n.score for n in result.nodes}
    assert scores[sub.code] == Fraction(GRADES["B"], 100) * sub.weight
    assert scores[other.code] == Fraction(GRADES["A"], 100) * other.weight
    assert _findings(result) == sorted(
        [("grade.disagrees", f"F{rows[sub.code]}"), ("grade.disagrees", f"G{rows[other.code]}")]
    )
    for problem in result.problems:
        assert problem.message("id") != problem.message("en")


def test_a_missing_criterion_is_found_and_explains_the_stored_figures(
    tmp_path: Path, tree: list[ExportComponent]
) -> None:
    criteria = _criteria(tree)
    sub = tree[2].subs[1]
    dropped = sub.criteria[4][0]
    for show in (True, False):
        unit = ExportLayer(dict.fromkeys(criteria, "Ya"), show_grades=show)
        path = tmp_path / f"ekspor-{show}.xlsx"
        rows = build_export(path, tree, unit, ExportLayer(dict.fromkeys(criteria, "A")), drop=(dropped,))
        results, _ = score_layers(path, None, ("unit",))
        result = results["unit"]
        assert result.missing == [dropped]
        # by hand: the dropped criterion counts 0; with the grade stored, the stored grade is used
        seen = ExportLayer({c: a for c, a in unit.answers.items() if c != dropped})
        if show:
            seen.grades = {s.code: "BB" for comp in tree for s in comp.subs}
        _check_hand(tree, result, seen, UNIT_VALUES)
        expected = [
            ("lkeform.question-not-found", None),
            ("sakipexport.criterion-absent", f"D{rows[sub.code]}"),
        ]
        if show:  # the application's BB against the 8 of 9 the file holds (B)
            expected.append(("grade.disagrees", f"F{rows[sub.code]}"))
        assert _findings(result) == sorted(expected, key=lambda x: (x[0], x[1] or ""))


def test_a_figure_edited_after_the_export_is_found_at_its_cell(
    tmp_path: Path, tree: list[ExportComponent]
) -> None:
    criteria = _criteria(tree)
    sub = tree[3].subs[2]
    stored = {("1", sub.code): 9.99, ("0", f"{tree[0].subs[1].code}%"): 55.5}
    path = tmp_path / "ekspor.xlsx"
    rows = build_export(
        path,
        tree,
        ExportLayer(dict.fromkeys(criteria, "Ya")),
        ExportLayer(dict.fromkeys(criteria, "B")),
        stored=stored,
    )
    results, _ = score_layers(path, None, LAYERS)
    # the component and the total above the edited value follow from it: reported once
    assert _findings(results["evaluator"]) == [("sakipexport.figure-differs", f"O{rows[sub.code]}")]
    assert _findings(results["unit"]) == [("sakipexport.figure-differs", f"D{rows[tree[0].subs[1].code]}")]
    text = results["unit"].problems[0].message("en")
    assert "55.50" in text and "100.00" in text


def test_the_export_anywhere_in_the_workbook(
    tmp_path: Path, tree: list[ExportComponent], capsys: pytest.CaptureFixture[str]
) -> None:
    """Header rows recognised on any sheet, below title rows; the CLI names the layers it read."""
    criteria = _criteria(tree)
    path = tmp_path / "ekspor.xlsx"
    build_export(
        path,
        tree,
        ExportLayer(dict.fromkeys(criteria, "Ya")),
        ExportLayer(dict.fromkeys(criteria, "A")),
        sheet="LKE AKIP 2025",
        leading_rows=5,
    )
    for layer, total in (("unit", "80,00"), ("evaluator", "80,00")):
        result = run(capsys, "score", str(path), "--layer", layer)
        assert result.code == 0, result.out + result.err
        assert total in result.out
        assert "LKE AKIP 2025" in result.out


def test_a_sakip_file_of_another_layout_is_named_as_sakip(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Rekap"
    sheet["B2"] = "REKAPITULASI HASIL EVALUASI AKIP TAHUN 2025"
    sheet.append(["No", "Sub Komponen", "Skor"])
    path = tmp_path / "rekap.xlsx"
    book.save(path)
    for lang, words in (("id", "tampaknya berkas SAKIP"), ("en", "looks like a SAKIP file")):
        result = run(capsys, "score", str(path), "--lang", lang)
        text = " ".join((result.out + result.err).split())
        assert result.code == 2
        assert words in text and "Rekap!B2" in text and "pmprb import kke" in text


def test_inspect_shows_what_was_recognised(
    tmp_path: Path, tree: list[ExportComponent], capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    criteria = _criteria(tree)
    dropped = tree[1].subs[0].criteria[1][0]
    path = tmp_path / "ekspor.xlsx"
    build_export(
        path,
        tree,
        ExportLayer(dict.fromkeys(criteria, "Ya")),
        ExportLayer(dict.fromkeys(criteria, "A")),
        drop=(dropped,),
        leading_rows=2,
    )
    done = run(capsys, "inspect", str(path), "--format", "json")
    data = json.loads(done.out)
    assert data["format"] == "sakip_export" and data["worksheet"] == "sakip-2021-aplikasi"
    assert data["sheet"] == "Sheet1" and data["header_row"] == 6
    layers = {layer["name"]: layer for layer in data["layers"]}
    assert layers["unit"]["header"] == "PENILAIAN MANDIRI UNIT KERJA" and layers["unit"]["answer"] == "F"
    assert layers["evaluator"]["header"] == "EVALUASI APIP" and layers["evaluator"]["final"] == "N"
    assert [m["question"] for m in data["missing"]] == [dropped]
    assert data["found"] == data["total"] - 1
    for lang in ("id", "en"):
        text = run(capsys, "inspect", str(path), "--lang", lang).out
        assert "EVALUASI APIP" in text and dropped in text
