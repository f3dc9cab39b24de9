"""Every command on sakip-2021 as an Inspektorat uses them: score, template, report, compare (the unit
against the evaluator, one year against the next) and consensus, from plain CSV answers and from
filled pmprb workbooks. Expected figures are worked out by hand from the ladder (docs/domain.md §7)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pmprb.api import score_file
from pmprb.catalog import get_worksheet
from tests.cli_runner import run

WS = get_worksheet("sakip-2021")


def _csv(path: Path, rows: dict[tuple[str, str], str]) -> Path:
    lines = ["question,layer,answer,note,evidence"]
    lines += [f"{q},{layer},{a},," for (q, layer), a in rows.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _all_criteria(answer: str, layer: str) -> dict[tuple[str, str], str]:
    """Every criterion answered (flags and direct grades left blank)."""
    return {(q, layer): answer for q in WS.questions if q.count(".") == 2 and not q.endswith(".nilai")}


def _unit_and_evaluator(tmp_path: Path) -> Path:
    """The unit: every criterion met, no flags -> B everywhere, 70.00. The evaluator: every criterion met
    but 1.c.8 and 2.a.3 -> 1.c 7/8 B (unchanged), 2.a 2/3 CC (60 of 6 = 3.60, -0.60): 69.40."""
    rows = _all_criteria("Ya", "unit") | _all_criteria("Ya", "evaluator")
    rows[("1.c.8", "evaluator")] = "Tidak"
    rows[("2.a.3", "evaluator")] = "Tidak"
    return _csv(tmp_path / "opd.csv", rows)


def test_score_shows_grades_and_their_source(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = _unit_and_evaluator(tmp_path)
    done = run(capsys, "score", str(path), "--layer", "evaluator", "--format", "json")
    data = json.loads(done.out)
    assert done.code == 0 and data["worksheet"] == "sakip-2021" and data["missing"] == []
    assert data["total"] == 69.4 and data["predicate"] == "B"
    grades = {g["node"]: (g["grade"], g["share_met"]) for g in data["grades"]}
    assert grades["2.a"] == ("CC", 66.67) and grades["1.c"] == ("B", 87.5) and grades["3.a"] == ("B", 100.0)
    text = run(capsys, "score", str(path), "--layer", "evaluator", "--lang", "en").out
    assert "60.00 CC" in text and "Predicate: B" in text  # 69.40 > 60


def test_template_has_every_criterion_flag_and_grade_and_scores_like_the_engine(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    from pmprb.readers.workbook_meta import KEY_COLUMN
    from pmprb.workbook.layout import HEADER_ROW, build_layout

    out = tmp_path / "sakip.xlsx"
    done = run(capsys, "template", "sakip-2021", "-o", str(out), "--lang", "en")
    assert done.code == 0, done.err
    layout = build_layout(WS)
    book = load_workbook(out)
    sheet = book["LKE"]
    keys = {sheet[f"{KEY_COLUMN}{r}"].value for r in range(1, sheet.max_row + 1)}
    assert {f"q:{q}" for q in WS.questions} <= keys  # 80 criteria, 240 flags, 12 direct grades
    assert {f"c:{c.id}" for n in WS.all_nodes for c in n.computed} <= keys
    headers = {sheet.cell(HEADER_ROW, c).value for c in range(1, sheet.max_column + 1)}
    assert {"Unit self-assessment", "Evaluator (APIP / Inspektorat)"} <= headers
    # answered as an assessor would: the file scores as the engine scores the same answers
    cols = layout.columns("evaluator")
    for q in WS.questions:
        if q.count(".") == 2 and not q.endswith(".nilai"):
            sheet[f"{cols.answer}{layout.question_row[q]}"] = "Ya"
    for suffix in (".mandat", ".1thn"):
        for i in range(1, 9):
            sheet[f"{cols.answer}{layout.question_row[f'1.c.{i}{suffix}']}"] = "Ya"
    sheet[f"{cols.answer}{layout.question_row['4.c.nilai']}"] = "CC"
    book.save(out)
    result = score_file(out, layer="evaluator")
    # every sub-component B (70) but 1.c A (90, +3.00) and 4.c CC given (60, -1.25): 71.75
    assert float(result.total) == pytest.approx(71.75)
    assert [p.code for p in result.warnings] == ["grade.disagrees"]


def test_report_has_grades_criteria_not_met_and_the_way_up(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = _unit_and_evaluator(tmp_path)
    out = tmp_path / "laporan.html"
    done = run(capsys, "report", str(path), "--layer", "evaluator", "-o", str(out), "--lang", "en")
    assert done.code == 0, done.err
    html = out.read_text(encoding="utf-8")
    assert "Grade per sub-component" in html and "Criteria not met" in html
    assert "Evaluator&#39;s assessment (APIP / Inspektorat)" in html or "Evaluator's assessment" in html
    assert "<strong>1.c.8</strong>" in html and "<strong>2.a.3</strong>" in html
    assert "<strong>1.a.1</strong>" not in html.split("Criteria not met")[1].split("</ul>")[0]
    # the way to BB (> 70): a sub-component raised a grade, checked by the engine (1.c B -> BB: 70.90)
    assert "Shortest path to BB" in html and "<strong>1.c.nilai</strong>" in html
    assert "total 70.90, predicate BB" in html
    indonesian = tmp_path / "laporan-id.html"
    assert run(capsys, "report", str(path), "--layer", "evaluator", "-o", str(indonesian)).code == 0
    text = indonesian.read_text(encoding="utf-8")
    assert "Nilai per sub-komponen" in text and "Kriteria yang belum terpenuhi" in text
    assert "Grade per sub-component" not in text


def test_compare_unit_with_evaluator_and_year_with_year(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = _unit_and_evaluator(tmp_path)
    done = run(capsys, "compare", str(path), "--layers", "unit,evaluator", "--format", "json")
    data = json.loads(done.out)
    assert data["a"]["label"] == "Penilaian mandiri" and data["b"]["label"] == "Penilaian evaluator"
    assert data["total"] == {"a": 70.0, "b": 69.4, "difference": -0.6}
    nodes = {n["id"]: n["difference"] for n in data["nodes"]}
    assert nodes["2.a"] == -0.6 and nodes["1.c"] == 0.0  # 7 of 8 is still B
    last = _csv(tmp_path / "2024.csv", _all_criteria("Tidak", "evaluator"))
    done = run(capsys, "compare", str(last), str(path), "--layers", "evaluator", "--format", "json")
    data = json.loads(done.out)
    assert data["total"] == {"a": 0.0, "b": 69.4, "difference": 69.4}
    assert data["predicate"] == {"a": "D", "b": "B", "changed": True}


def test_consensus_of_three_evaluators(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    base = _all_criteria("Ya", "evaluator")
    ani = _csv(tmp_path / "ani.csv", base)
    budi = _csv(tmp_path / "budi.csv", base | {("1.c.8", "evaluator"): "Tidak"})
    citra = _csv(
        tmp_path / "citra.csv", base | {("1.c.8", "evaluator"): "Tidak", ("3.a.1", "evaluator"): "Tidak"}
    )
    out = tmp_path / "konsensus.xlsx"
    done = run(capsys, "consensus", str(ani), str(budi), str(citra), "--layer", "evaluator", "-o", str(out))
    assert done.code == 0, done.err
    assert "332 pertanyaan" in done.out
    result = score_file(out, layer="evaluator")
    assert result.worksheet == "sakip-2021"
    # the majority: 1.c.8 Tidak (2 of 3), 3.a.1 Ya (2 of 3): every sub-component B -> 70.00
    assert result.questions["1.c.8"].answer == "Tidak" and result.questions["3.a.1"].answer == "Ya"
    assert float(result.total) == 70.0
