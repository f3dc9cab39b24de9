"""Comparing across worksheet versions: questions paired by id, soal_id, code path and wording; a
renamed question found, an added and a removed one listed as unmatched, points on the new version."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml

from pmprb.catalog import get_worksheet, load_worksheet_file
from pmprb.compare.comparison import compare
from pmprb.compare.matching import code_path, match_questions, normalise
from pmprb.model import Worksheet
from pmprb.scoring import score
from pmprb.writers.official_excel import write_official_zi
from tests.answer_sets import extreme_answers, sheet
from tests.cli_runner import run
from tests.conftest import ROOT

WS = get_worksheet("zi-2026")
RENAMED_TEXT = "Tersedia dokumen rencana kerja untuk pembangunan Zona Integritas menuju WBK / WBBM"
ADDED_TEXT = "Unit kerja menyelenggarakan apel pagi bersama seluruh pegawai setiap hari Senin"


def _find(nodes: list[dict[str, Any]], node_id: str) -> dict[str, Any]:
    for node in nodes:
        if node["id"] == node_id:
            return node
        found = _find(node.get("children", []), node_id) if node.get("children") else None
        if found:
            return found
    raise KeyError(node_id)


def next_version(tmp_path: Path, *, keep_keys: bool = False) -> Path:
    """zi-2026 as a maintainer might edit it into zi-2027: question 3 reworded under a new id (its
    soal_id and code gone unless `keep_keys`), question 5 dropped, a new question added."""
    data = yaml.safe_load((ROOT / "worksheets" / "zi-2026.yaml").read_text(encoding="utf-8"))
    data.update(id="zi-2027", version="2027.1", year=2027, years=[2027])
    node = _find(data["nodes"], "A.I.1.ii")
    questions = node["questions"]
    q3 = next(q for q in questions if q["id"] == "3")
    q3.update(id="3-baru", text=RENAMED_TEXT)
    if not keep_keys:
        q3["code"] = "z"
        q3["source"] = {"excel_row": q3["source"]["excel_row"]}
    node["questions"] = [q for q in questions if q["id"] != "5"]
    node["questions"].append(
        {"id": "baru-1", "code": "d", "text": ADDED_TEXT, "type": "ya_tidak", "source": {"excel_row": 12}}
    )
    path = tmp_path / "zi-2027.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture
def zi2027(tmp_path: Path) -> Worksheet:
    return load_worksheet_file(next_version(tmp_path))


def test_normalise_and_code_path() -> None:
    assert normalise("  Unit  KERJA, telah-membentuk   tim. ") == "unit kerja telah membentuk tim"
    assert normalise("Évaluasi") == "evaluasi"
    assert code_path(WS, WS.questions["1"]) == ("a", "i", "1", "i", "a")
    assert code_path(WS, WS.questions["90"]) == ("a", "ii", "1", "i", "c")


def test_same_worksheet_pairs_every_question_by_id() -> None:
    m = match_questions(WS, WS)
    assert m.same_worksheet and len(m.pairs) == len(WS.questions) and not m.changed


def test_renamed_question_is_matched_and_the_rest_listed(zi2027: Worksheet) -> None:
    m = match_questions(WS, zi2027)
    assert not m.same_worksheet
    assert len(m.pairs) == len(WS.questions) - 1
    assert m.unmatched_a == ["5"] and m.unmatched_b == ["baru-1"]
    (renamed,) = [p for p in m.changed]
    assert (renamed.a, renamed.b, renamed.how) == ("3", "3-baru", ("text",))
    assert 0.75 <= renamed.similarity < 1
    # the two questions with the same wording (89, 90) keep their own partners
    assert {(p.a, p.b) for p in m.pairs if p.a in ("89", "90")} == {("89", "89"), ("90", "90")}


def test_keys_back_a_rewording_that_text_alone_would_not(tmp_path: Path) -> None:
    data = yaml.safe_load(next_version(tmp_path, keep_keys=True).read_text(encoding="utf-8"))
    q3 = next(q for q in _find(data["nodes"], "A.I.1.ii")["questions"] if q["id"] == "3-baru")
    q3["text"] = "Dokumen rencana kerja pembangunan Zona Integritas tersedia dan ditetapkan pimpinan"
    path = tmp_path / "zi-2027b.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    m = match_questions(WS, load_worksheet_file(path))
    (renamed,) = m.changed
    assert (renamed.a, renamed.b, renamed.how) == ("3", "3-baru", ("soal_id", "code"))
    assert renamed.similarity < 0.75


def test_a_different_question_in_the_same_slot_is_not_matched(tmp_path: Path) -> None:
    data = yaml.safe_load((ROOT / "worksheets" / "zi-2026.yaml").read_text(encoding="utf-8"))
    data.update(id="zi-2027", version="2027.1")
    q1 = _find(data["nodes"], "A.I.1.i")["questions"][0]
    q1["text"] = ADDED_TEXT  # same id, soal_id and code, unrelated wording
    path = tmp_path / "slot.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    m = match_questions(WS, load_worksheet_file(path))
    assert m.unmatched_a == ["1"] and m.unmatched_b == ["1"]


def test_compare_across_versions_scores_points_on_the_new_version(zi2027: Worksheet) -> None:
    old = extreme_answers(WS, best=True)
    new = extreme_answers(zi2027, best=True)
    new["3-baru"] = "Tidak"
    c = compare(score(WS, sheet(old)), score(zi2027, sheet(new)), WS, zi2027)
    (q,) = c.questions
    assert (q.a_id, q.b_id, q.a.answer, q.b.answer) == ("3", "3-baru", "Ya", "Tidak")
    # A.I.1.ii in zi-2027: weight 1 over three questions (3-baru, 4, baru-1)
    assert q.points == Fraction(-1, 3) and q.went_down
    assert c.agreement.compared == len(WS.questions) - 1
    assert c.a.worksheet == "zi-2026" and c.b.worksheet == "zi-2027"


def test_cli_across_versions(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = next_version(tmp_path)
    zi2027 = load_worksheet_file(path)
    old, new = tmp_path / "2026.xlsx", tmp_path / "2027.xlsx"
    answers = extreme_answers(WS, best=True)
    write_official_zi(old, WS, {"unit": answers})
    write_official_zi(new, zi2027, {"unit": {**extreme_answers(zi2027, best=True), "3-baru": "Tidak"}})
    r = run(capsys, "compare", str(old), str(new), "-w", "zi-2026", "-w", str(path), "-f", "json")
    assert r.code == 0, r.err
    data = json.loads(r.out)
    assert data["matching"]["unmatched_a"] == ["5"] and data["matching"]["unmatched_b"] == ["baru-1"]
    assert data["matching"]["changed"][0] | {"similarity": None} == {
        "a": "3",
        "b": "3-baru",
        "how": ["text"],
        "similarity": None,
    }
    assert [(q["id_a"], q["id"], q["points"]) for q in data["questions"]] == [("3", "3-baru", -0.3333)]
    table = run(capsys, "compare", str(old), str(new), "-w", "zi-2026", "-w", str(path))
    assert (
        "Pencocokan pertanyaan zi-2026 → zi-2027: 126 pasangan, 1 dengan id atau teks berubah." in table.out
    )
    assert (
        "Tanpa pasangan di zi-2026 (1): 5" in table.out
        and "Tanpa pasangan di zi-2027 (1): baru-1" in table.out
    )
    plan = tmp_path / "plan.xlsx"
    assert (
        run(
            capsys,
            "compare",
            str(old),
            str(new),
            "-w",
            "zi-2026",
            "-w",
            str(path),
            "-f",
            "xlsx",
            "-o",
            str(plan),
        ).code
        == 0
    )
    from openpyxl import load_workbook

    matching = load_workbook(plan)["Pencocokan"]
    rows = [[c.value for c in row] for row in matching.iter_rows(min_row=2)]
    assert [r[:3] for r in rows] == [
        ["3", "3-baru", "text"],
        ["5", None, "tanpa pasangan"],
        [None, "baru-1", "tanpa pasangan"],
    ]
    assert run(capsys, "compare", str(old), str(new), "-w", "a", "-w", "b", "-w", "c").code == 2


def test_zi_2021_questions_match_zi_2026() -> None:
    """The 90/2021 form against the 2026 PortalRB master: every 2026 question finds its 2021 row;
    left over are the two "jumlah yang harus melaporkan" totals the 2026 master dropped."""
    old = get_worksheet("zi-2021")
    m = match_questions(old, WS)
    assert m.unmatched_b == []
    assert m.unmatched_a == ["A.II.5.iii.a.a", "A.II.5.iii.b.a"]
    b_of = m.b_of
    assert b_of["A.I.1.i.a"] == "1"  # the first question, by code path and wording
    assert (b_of["A.II.1.i.b"], b_of["A.II.1.i.c"]) == ("89", "90")  # worded alike: row order decides
    assert (b_of["A.II.5.iii.a.b"], b_of["A.II.5.iii.a.d"]) == ("113", "115")  # "Lainnya" -> "Jumlah Lainnya"
    assert {p.how for p in m.pairs if p.b in ("113", "115", "117", "118", "119")} == {("node",)}
    # answers carry over: the same answers score the same where the trees agree
    answers_old = extreme_answers(old, best=True)
    answers_new = {b_of[q]: v for q, v in answers_old.items() if q in b_of}
    answers_new["1"] = "Tidak"
    c = compare(score(old, sheet(answers_old)), score(WS, sheet(answers_new)), old, WS)
    assert [(q.a_id, q.b_id, q.points) for q in c.questions] == [("A.I.1.i.a", "1", Fraction(-1, 4))]


def test_cli_filled_2021_form_against_2026_excel(
    tmp_path: Path, reference_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Last year's 90/2021 form and this year's PortalRB Excel, each worksheet detected from its file:
    the same answers carried over score the same, so the one changed answer is the whole gap."""
    import random

    from tests.lke_form_helpers import fill, random_answers

    old_ws = get_worksheet("zi-2021")
    answers = random_answers(random.Random(3))
    old = fill(reference_dir, tmp_path / "lke-2025.xlsx", answers)
    b_of = match_questions(old_ws, WS).b_of
    carried = {b_of[q]: v for q, v in answers.items() if q in b_of}
    carried["1"] = "Tidak" if str(answers["A.I.1.i.a"]).lower() == "ya" else "Ya"
    new = tmp_path / "lke-2026.xlsx"
    write_official_zi(new, WS, {"unit": carried})
    r = run(capsys, "compare", str(old), str(new), "-f", "json")
    assert r.code == 0, r.err
    data = json.loads(r.out)
    assert (data["a"]["worksheet"], data["b"]["worksheet"]) == ("zi-2021", "zi-2026")
    (q,) = data["questions"]
    assert (q["id_a"], q["id"], abs(q["points"])) == ("A.I.1.i.a", "1", 0.25)
    assert data["total"]["difference"] == q["points"]
    assert data["matching"]["unmatched_a"] == ["A.II.5.iii.a.a", "A.II.5.iii.b.a"]
