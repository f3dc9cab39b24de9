"""Worksheet variants (`extends:`): resolved over their base, scored, and linted with findings located in
the variant file; the shipped example (a Pemda KKE-like variant of sakip-2021) checks clean."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from pmprb.catalog import get_worksheet, load_worksheet_file
from pmprb.errors import UserError
from pmprb.lint import check_file
from pmprb.model import GradeItem, MeanItem
from pmprb.model.weight import display
from pmprb.scoring import AnswerSheet, RawAnswer, score

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "examples" / "sakip-2021-pemda.yaml"


def test_example_variant_checks_clean_and_changes_what_a_pemda_changes() -> None:
    assert check_file(EXAMPLE).problems == []
    base, variant = get_worksheet("sakip-2021"), load_worksheet_file(EXAMPLE)
    assert variant.layers == ["unit", "verifikasi", "penjaminan", "akhir"]
    assert [o.value for o in variant.answer_types["abcd_pemda"].options] == [
        Fraction(x) for x in ("1", "0.66", "0.33", "0")
    ]
    assert variant.questions["1.b.1"].type == "abcd_pemda" and base.questions["1.b.1"].type == "ya_tidak"
    # 1.a.2 is no longer a question but the share of its documents present
    assert "1.a.2" in base.questions and "1.a.2" not in variant.questions
    means = {c.id: c for c in variant.node_by_id["1.a"].computed if isinstance(c, MeanItem)}
    assert means["1.a.2"].of == ["1.a.2.d1", "1.a.2.d2"]
    assert [n.id for n in variant.node_by_id["4"].children] == ["4.a", "4.b", "4.c", "4.d"]
    assert sum(n.weight or 0 for n in variant.node_by_id["4"].children) == 25
    assert variant.ladders == base.ladders


def test_variant_scores_documents_by_share_present_and_grades_by_the_base_ladder() -> None:
    ws = load_worksheet_file(EXAMPLE)
    grade = next(c for c in ws.node_by_id["1.a"].computed if isinstance(c, GradeItem))
    answers = {c: RawAnswer("Ya") for c in grade.criteria if c in ws.questions}
    # 1.a.2: one of two documents; 1.a.3 and 1.a.4: every document -> share (5 + 1/2 + 1) / 7
    answers.update({q: RawAnswer("Ya") for q in ws.questions if q.startswith(("1.a.3.d", "1.a.4.d"))})
    answers["1.a.2.d1"] = RawAnswer("Y")
    answers["1.a.2.d2"] = RawAnswer("T")
    result = score(ws, AnswerSheet("x", "verifikasi", answers))
    graded = {c.id: c for c in result.computed}
    assert graded["1.a.2"].value == pytest.approx(0.5)
    assert graded["1.a.grade"].share is not None and float(graded["1.a.grade"].share) == pytest.approx(
        6.5 / 7
    )
    assert graded["1.a.grade"].grade == "B"  # > 75 %, not all met
    assert display(result.node("1.a").score) == 4.2  # 70 / 100 x 6
    # an A/B/C/D criterion worth 0.66: 1.b all B -> share 0.66 -> CC 60 of 9
    b = score(ws, AnswerSheet("x", "unit", {f"1.b.{i}": RawAnswer("B") for i in range(1, 11)}))
    assert display(b.node("1.b").score) == 5.4


def _variant(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "variant.yaml"
    path.write_text(
        "extends: sakip-2021\nid: v\nversion: '1'\ntitle: v\nsource: test\n" + body, encoding="utf-8"
    )
    return path


def test_findings_about_a_variant_point_at_its_own_lines(tmp_path: Path) -> None:
    path = _variant(
        tmp_path,
        "nodes:\n- id: '1'\n  weight: 31\n  children:\n  - id: 1.c\n    computed:\n    - id: 1.c.grade\n"
        "      ladder: sakip-lama\n",
    )
    problems = check_file(path).problems
    where = {p.code: p.location.line for p in problems}
    assert where["check.weight-sum"] == 8  # `weight: 31`
    assert where["check.ladder-unknown"] == 13  # `ladder: sakip-lama`
    assert all(p.location.file == str(path) for p in problems)


def test_a_base_finding_a_variant_did_not_write_points_at_extends(tmp_path: Path) -> None:
    # the grades given directly lose E: each of the base's 12 grade items no longer matches its ladder
    path = _variant(
        tmp_path,
        "answer_types:\n  nilai_akip:\n    options:\n"
        + "".join(
            f"    - {{key: {g}, value: {v}}}\n" for g, v in [("AA", 1), ("A", 0.9), ("BB", 0.8), ("B", 0.7)]
        )
        + "".join(f"    - {{key: {g}, value: {v}}}\n" for g, v in [("CC", 0.6), ("C", 0.5), ("D", 0.3)]),
    )
    problems = check_file(path).problems
    assert [p.code for p in problems] == ["check.grade-override-options"] * 12
    assert {p.location.line for p in problems} == {1}


def test_an_unknown_base_is_a_located_message(tmp_path: Path) -> None:
    path = _variant(tmp_path, "").with_name("v2.yaml")
    path.write_text("extends: sakip-1999\nid: v\n", encoding="utf-8")
    problems = check_file(path).problems
    assert [p.code for p in problems] == ["worksheet.extends-unknown"] and problems[0].location.line == 1
    assert "sakip-2021" in problems[0].message("en")
    with pytest.raises(UserError) as caught:
        load_worksheet_file(path)
    assert caught.value.problems[0].code == "worksheet.extends-unknown"


def test_removing_what_the_base_lacks_is_refused(tmp_path: Path) -> None:
    path = _variant(
        tmp_path,
        "nodes:\n- id: '1'\n  children:\n  - id: 1.a\n    questions:\n    - {id: 1.a.99, remove: true}\n",
    )
    with pytest.raises(UserError) as caught:
        load_worksheet_file(path)
    assert "1.a.99" in caught.value.problems[0].message("en")
