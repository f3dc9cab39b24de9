"""`pmprb compare`: hand-made pairs with hand-computed points, layers of the official ZI Excel, the
action-plan workbook, `--fail-over` and usage errors."""

from __future__ import annotations

import json
import random
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pmprb.api import score_layers
from pmprb.catalog import get_worksheet
from pmprb.compare.comparison import compare
from pmprb.scoring import score
from pmprb.scoring.engine import node_score
from pmprb.writers.official_excel import write_official_zi
from tests.answer_sets import extreme_answers, random_answers, sheet
from tests.cli_runner import run
from tests.conftest import EXAMPLES

WS = get_worksheet("zi-2026")


def good_answers() -> dict[str, Any]:
    """Best answers, IPAK/IPKP 3.6, counts 88=10 89=8 (ratio 0.8), 90=4 91=4."""
    out = extreme_answers(WS, best=True)
    out.update({"125": 3.6, "127": 3.6, "88": 10, "89": 8, "90": 4, "91": 4})
    return out


def xlsx(
    tmp_path: Path,
    name: str,
    unit: dict[str, Any],
    tpi: dict[str, Any] | None = None,
    notes: dict[str, dict[str, str]] | None = None,
) -> Path:
    path = tmp_path / name
    write_official_zi(path, WS, {"unit": unit, "tpi": tpi if tpi is not None else unit}, notes)
    return path


def pair(a: dict[str, Any], b: dict[str, Any]):
    return compare(score(WS, sheet(a)), score(WS, sheet(b)), WS)


def test_identical_files_have_no_differences(tmp_path: Path) -> None:
    answers = good_answers()
    old, new = xlsx(tmp_path, "old.xlsx", answers), xlsx(tmp_path, "new.xlsx", answers)
    a = score_layers(old, None, ("unit",))[0]["unit"]
    b = score_layers(new, None, ("unit",))[0]["unit"]
    c = compare(a, b, WS)
    assert c.questions == [] and c.gap == 0 and c.went_down == []
    assert all(n.difference == 0 for n in c.nodes)
    assert c.agreement.compared == c.agreement.identical == len(WS.questions)
    assert c.agreement.share == 1 and c.agreement.points_in_dispute == 0 and c.agreement.areas == []
    assert c.matching.same_worksheet and not c.matching.unmatched_a and not c.matching.unmatched_b


@pytest.mark.parametrize(
    ("qid", "new_answer", "points", "area"),
    [
        ("2", "B", Fraction(-1, 8), "area-1"),  # equal shares: 0.5 / 2 questions x (0.5 - 1)
        ("1", "Tidak", Fraction(-1, 4), "area-1"),  # 0.5 / 2 x (0 - 1)
        ("126", "C", Fraction(-5, 2), "B.I"),  # own weight 5 x (0.5 - 1)
        ("125", 3.2, Fraction(-7, 4), "B.I"),  # survey 17.5 x (3.2 - 3.6) / 4
        ("89", 10, Fraction(1, 5), "area-1"),  # ratio 89/88 0.8 -> 1, one of two items of weight 2
        ("88", 16, Fraction(-3, 10), "area-1"),  # ratio 8/16: 2 / 2 x (0.5 - 0.8)
        ("104", 7, Fraction(0), "area-3"),  # sanctioned violations: information only
    ],
)
def test_one_changed_answer_is_exactly_that_question(
    qid: str, new_answer: Any, points: Fraction, area: str
) -> None:
    before = good_answers()
    after = {**before, qid: new_answer}
    c = pair(before, after)
    assert [q.b_id for q in c.questions] == [qid]
    (q,) = c.questions
    assert q.points == points and q.at_stake == abs(points) and q.area == area
    assert c.gap == points
    assert q.went_down == (points < 0)
    assert c.agreement.identical == len(WS.questions) - 1
    assert c.agreement.points_in_dispute == abs(points)
    assert [(a.id, a.differing) for a in c.agreement.areas] == [(area, 1)]
    changed = {n.id for n in c.nodes if n.difference}
    assert (q.node in changed) == (points != 0)


def test_unanswered_against_answered_differs_and_counts_as_zero() -> None:
    before = good_answers()
    after = dict(before)
    del after["3"]  # Ya/Tidak in A.I.1.ii (weight 1, three questions)
    c = pair(before, after)
    (q,) = c.questions
    assert q.b.status == "missing" and q.points == Fraction(-1, 3) and c.went_down == [q]
    both_blank = pair(after, after)
    assert both_blank.agreement.compared == len(WS.questions) - 1 and not both_blank.questions


def test_differing_questions_are_ordered_by_points_at_stake() -> None:
    before = good_answers()
    after = {**before, "2": "B", "126": "C", "89": 10, "1": "Tidak"}
    c = pair(before, after)
    assert [q.b_id for q in c.questions] == ["126", "1", "89", "2"]
    assert [q.b_id for q in c.went_down] == ["126", "1", "2"]
    by_area = {a.id: (a.differing, a.points) for a in c.agreement.areas}
    assert by_area == {
        "area-1": (3, Fraction(1, 4) + Fraction(1, 5) + Fraction(1, 8)),
        "B.I": (1, Fraction(5, 2)),
    }


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10**6))
def test_points_of_choice_changes_add_up_to_the_total_gap(seed: int) -> None:
    """Equal shares and own weights are linear: each question's points sum to the gap exactly."""
    rng = random.Random(seed)
    a = random_answers(WS, rng)
    b = dict(a)
    for qid in rng.sample(sorted(WS.questions), 15):
        q = WS.questions[qid]
        atype = WS.answer_types[q.type]
        if atype.kind == "choice":
            b[qid] = rng.choice(atype.options).key
        elif atype.kind == "scale":
            b[qid] = round(rng.uniform(0, 4), 2)
    c = pair(a, b)
    assert sum((q.points or Fraction(0) for q in c.questions), Fraction(0)) == c.gap
    for n in c.nodes:
        if n.a is not None and n.b is not None:
            assert n.difference == n.b - n.a


def test_node_score_agrees_with_the_engine() -> None:
    result = score(WS, sheet(random_answers(WS, random.Random(7))))
    for node in WS.all_nodes:
        assert node_score(WS, node.id, result.questions) == result.node(node.id).score


def test_layers_of_the_official_excel(tmp_path: Path) -> None:
    unit = good_answers()
    tpi = {**unit, "6": "C", "57": "B", "127": 3.0}
    del unit["21"]
    path = xlsx(
        tmp_path,
        "lke.xlsx",
        unit,
        tpi,
        notes={"unit": {"6": "=cmd|' /C calc'!A0"}, "tpi": {"6": "Bukti kurang"}},
    )
    results = score_layers(path, None, ("unit", "tpi"))[0]
    c = compare(results["unit"], results["tpi"], WS)
    assert {q.b_id for q in c.questions} == {"6", "57", "127", "21"}
    by_id = {q.b_id: q for q in c.questions}
    assert by_id["6"].a.note.endswith("=cmd|' /C calc'!A0") and by_id["6"].b.note == "Bukti kurang"  # type: ignore[union-attr]
    assert by_id["127"].points == Fraction(35, 2) * (Fraction(3) - Fraction(36, 10)) / 4
    assert by_id["21"].a.status == "missing" and (by_id["21"].points or 0) > 0
    assert c.gap == sum((q.points or 0 for q in c.questions), Fraction(0))


def test_cli_layers_table_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    path = EXAMPLES / "lke-zi-2026-unit.xlsx"
    r = run(capsys, "compare", str(path))
    assert r.code == 0
    assert "Jawaban yang berbeda: 8" in r.out and "Kesepakatan: 119 dari 127 jawaban sama (93,70 %)" in r.out
    assert "Pertanyaan yang turun di tpi (4): 1, 50, 68, 84" in r.out
    data = json.loads(run(capsys, "compare", str(path), "--format", "json").out)
    results = score_layers(path, None, ("unit", "tpi"))[0]
    assert data["a"]["layer"] == "unit" and data["b"]["layer"] == "tpi"
    assert data["total"]["difference"] == pytest.approx(
        float(results["tpi"].total - results["unit"].total), abs=0.005
    )
    points = [abs(q["points"]) for q in data["questions"]]
    assert points == sorted(points, reverse=True) and data["questions"][0]["id"] == "57"
    assert data["agreement"] | {"areas": None} == {
        "compared": 127,
        "identical": 119,
        "differing": 8,
        "share": 0.937,
        "points_in_dispute": 1.64,
        "areas": None,
    }
    english = run(capsys, "compare", str(path), "--lang", "en")
    assert "Agreement: 119 of 127 answers identical (93.70 %)" in english.out


def test_cli_two_files_and_fail_over(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = good_answers()
    old = xlsx(tmp_path, "2025.xlsx", before)
    new = xlsx(tmp_path, "2026.xlsx", {**before, "126": "C"})
    assert run(capsys, "compare", str(old), str(new), "--fail-over", "3").code == 0
    over = run(capsys, "compare", str(old), str(new), "--fail-over", "2.49")
    assert over.code == 1 and "Selisih total 2,50 melebihi batas --fail-over 2,49" in over.err
    assert "2025.xlsx" in over.out and "-2,50" in over.out
    same = run(capsys, "compare", str(old), str(old), "--fail-over", "0")
    assert same.code == 0 and "Tidak ada jawaban yang berbeda." in same.out
    # one layer of each file: A's tpi against B's unit
    data = json.loads(run(capsys, "compare", str(old), str(new), "--layers", "tpi,unit", "-f", "json").out)
    assert (data["a"]["layer"], data["b"]["layer"]) == ("tpi", "unit")
    assert [q["id"] for q in data["questions"]] == ["126"] and data["went_down"] == ["126"]


def test_cli_action_plan_workbook(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from openpyxl import load_workbook

    unit = good_answers()
    tpi = {**unit, "6": "C", "126": "B"}
    path = xlsx(tmp_path, "lke.xlsx", unit, tpi, notes={"unit": {"6": '=HYPERLINK("http://x")'}})
    out = tmp_path / "rencana.xlsx"
    r = run(capsys, "compare", str(path), "-f", "xlsx", "-o", str(out))
    assert r.code == 0 and "rencana.xlsx" in r.out and "2 pertanyaan berbeda" in r.out
    book = load_workbook(out)
    assert book.sheetnames == ["Rencana Aksi", "Ringkasan", "Node"]
    actions = book["Rencana Aksi"]
    header = [c.value for c in actions[3]]
    assert header[:8] == ["No", "Area", "Kode", "Pertanyaan", "Jawaban unit", "Jawaban tpi", "Poin", "Turun"]
    assert "Tindak lanjut" in header and "Penanggung jawab" in header
    rows = [[c.value for c in row] for row in actions.iter_rows(min_row=4)]
    assert [(r[2], r[4], r[5], r[6]) for r in rows] == [
        ("126", "A", "B", -1.25),
        ("6", "A", "C", -0.2233),
    ]  # 1/3 x (0.33 - 1)
    note = actions.cell(5, 9)
    assert note.value == '=HYPERLINK("http://x")'  # shown as typed, stored as text: never a formula
    assert note.data_type == "s" and note.quotePrefix
    assert all(c.data_type != "f" for row in actions.iter_rows() for c in row)
    nodes = book["Node"]
    assert nodes.max_row == 1 + len(WS.all_nodes) + len(WS.combined)
    # an input is never the output
    clash = run(capsys, "compare", str(path), "-f", "xlsx", "-o", str(path))
    assert clash.code == 2 and "sama dengan berkas masukan" in clash.err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["a.xlsx", "b.xlsx", "c.xlsx"], "diberikan: 3"),
        (["{lke}", "--layers", "unit"], "dua lapisan yang berbeda"),
        (["{lke}", "{lke}", "--layers", "unit,tpi,unit"], "satu lapisan"),
        (["{lke}", "-f", "xlsx"], "--format xlsx memerlukan --output"),
        (["{lke}", "-f", "csv"], "'-f'; yang diperbolehkan: 'table', 'json', 'xlsx'"),
        (["{lke}", "--layers", "unit,eksternal"], "eksternal"),
        (["{lke}", "missing.xlsx"], "missing.xlsx"),
    ],
)
def test_cli_usage_errors(capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
    lke = str(EXAMPLES / "lke-zi-2026-unit.xlsx")
    r = run(capsys, "compare", *[a.replace("{lke}", lke) for a in args])
    assert r.code == 2 and message in r.err


def test_cli_invalid_answers_are_reported_not_fatal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = good_answers()
    old = xlsx(tmp_path, "old.xlsx", before)
    new = xlsx(tmp_path, "new.xlsx", {**before, "2": "Z"})
    r = run(capsys, "compare", str(old), str(new), "-f", "json")
    assert r.code == 0 and "new.xlsx:Jawaban!K7" in r.err and "'Z'" in r.err
    data = json.loads(r.out)
    (q,) = data["questions"]
    assert (q["id"], q["b"]["status"], q["points"]) == ("2", "invalid", -0.25)  # scored 0, as `score` does
    assert data["a"]["errors"] == [] and data["b"]["errors"][0]["question"] == "2"
    table = run(capsys, "compare", str(old), str(new))
    assert "(tidak sah)" in table.out
