"""`pmprb template` and the workbook it writes: layout, protection, validation, round trips through
`pmprb score`, prefill from every format, version refusal and formula injection."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest
import yaml
from openpyxl import load_workbook

from pmprb.api import score_file
from pmprb.catalog import get_worksheet
from pmprb.scoring import AnswerSheet, RawAnswer
from pmprb.scoring.engine import score
from pmprb.workbook.layout import build_layout, item_order
from pmprb.workbook.writer import write_workbook
from tests.cli_runner import run
from tests.conftest import EXAMPLES
from tests.test_template_helpers import answer_set, fill, mini_worksheet, mini_worksheet_data

ZI = "zi-2026"
INJECTIONS = ["=1+1", "+62 812 000", "-", "@SUM(A1)", '=HYPERLINK("http://x","klik")']


@pytest.fixture(scope="module")
def zi_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("tpl") / "lke.xlsx"
    write_workbook(path, get_worksheet(ZI))
    return path


def _json(capsys: pytest.CaptureFixture[str], path: Path, layer: str, *extra: str) -> dict[str, Any]:
    r = run(capsys, "score", str(path), "--layer", layer, "--format", "json", *extra)
    assert r.code in (0, 1), r.err
    return json.loads(r.out)


def test_cli_writes_workbook_and_refuses_to_overwrite(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "lke.xlsx"
    r = run(capsys, "template", ZI, "-o", str(out), "--unit", "Biro Umum")
    assert r.code == 0, r.err
    assert "127 pertanyaan" in r.out and out.is_file()
    book = load_workbook(out)
    assert book.sheetnames == ["Sampul", "Petunjuk", "LKE", "Ringkasan", "_pmprb"]
    assert "Biro Umum" in [c.value for row in book["Sampul"].iter_rows() for c in row]
    before = out.read_bytes()
    r = run(capsys, "template", ZI, "-o", str(out))
    assert r.code == 2 and "--force" in r.err and out.read_bytes() == before
    assert run(capsys, "template", ZI, "-o", str(out), "--force").code == 0
    r = run(capsys, "template", "zi-1999", "-o", str(tmp_path / "x.xlsx"))
    assert r.code == 2 and "zi-1999" in r.err


def test_answer_sheet_layout(zi_template: Path) -> None:
    worksheet = get_worksheet(ZI)
    layout = build_layout(worksheet)
    book = load_workbook(zi_template)
    sheet = book["LKE"]
    assert sheet.freeze_panes == "D7"
    assert sheet.print_title_rows == "$4:$6"
    assert sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.paperSize) == 9
    assert sheet.protection.sheet and not sheet.protection.password
    # one row per node, question and computed item, in worksheet order
    keys = [sheet[f"A{r}"].value for r in range(7, layout.last_row + 1)]
    assert keys.count(None) == 0 and len(keys) == len(worksheet.all_nodes) + len(worksheet.questions) + sum(
        len(n.computed) for n in worksheet.all_nodes
    )
    assert [k[2:] for k in keys if k.startswith("q:")] == list(worksheet.questions)
    # count rows, then their computed percentage (Komitmen dalam perubahan: 88, 89 -> ratio; 90, 91 -> ratio)
    node = worksheet.node_by_id["A.II.1.i"]
    assert [e.id for _, e in item_order(node)] == [
        "88",
        "89",
        "reform-agen-perubahan",
        "90",
        "91",
        "reform-perubahan-terintegrasi",
    ]
    cols = layout.columns("unit")
    tpi = layout.columns("tpi")
    q_row = layout.question_row["2"]
    # node header rows: code, title, weight, live score and % of weight
    area = layout.node_row["A.I.1.i"]
    assert sheet[f"B{area}"].value == "i." and sheet[f"D{area}"].value == 0.5
    assert sheet[f"{cols.value}{area}"].value.startswith("=D") and "/2" in sheet[f"{cols.value}{area}"].value
    assert sheet[f"{cols.percent}{area}"].value.startswith("=IF(")
    # the question row: kriteria of every option, both layers' cells unlocked, the rest locked
    assert sheet[f"F{q_row}"].value.splitlines()[0].startswith("A. Jika dengan prosedur")
    for c in (cols, tpi):
        for letter in (c.answer, c.note, c.evidence):
            assert sheet[f"{letter}{q_row}"].protection.locked is False
        assert sheet[f"{c.value}{q_row}"].protection.locked is not False
    assert sheet[f"C{q_row}"].protection.locked is not False
    assert sheet.column_dimensions[cols.status].hidden and sheet.column_dimensions["A"].hidden
    # data validation: dropdowns with kriteria as input message; number limits for counts and scales
    by_cell = {str(cell): dv for dv in sheet.data_validations.dataValidation for cell in dv.sqref}
    choice = by_cell[f"{cols.answer}{q_row}"]
    assert choice.type == "list" and choice.formula1 == '"A,B,C"' and f"{tpi.answer}{q_row}" in by_cell
    assert choice.showErrorMessage and "Pilih salah satu: A, B, C" in choice.error
    assert choice.prompt.startswith("A. Jika") and len(choice.prompt) <= 255
    count = by_cell[f"{cols.answer}{layout.question_row['88']}"]
    assert (count.type, count.operator, count.formula1) == ("whole", "greaterThanOrEqual", "0")
    survey = by_cell[f"{cols.answer}{layout.question_row['125']}"]
    assert (survey.type, survey.formula1, survey.formula2) == ("decimal", "0", "4")
    hidden = book["_pmprb"]
    assert hidden.sheet_state == "hidden"
    assert {hidden[f"A{r}"].value: hidden[f"B{r}"].value for r in range(1, 6)}[
        "worksheet_version"
    ] == "2026.1"
    assert "PMPRB_WORKSHEET" in book.defined_names


def test_round_trip_through_score_equals_engine(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, zi_template: Path
) -> None:
    """template -> fill with openpyxl -> `pmprb score` (no --worksheet) == the engine on the same answers."""
    worksheet = get_worksheet(ZI)
    layout = build_layout(worksheet)
    rng = random.Random(3)
    for i in range(3):
        answers = answer_set(rng, worksheet, best=0.6)
        path = tmp_path / f"filled{i}.xlsx"
        fill(zi_template, path, layout, answers)
        for layer in worksheet.layers:
            data = _json(capsys, path, layer)
            raw = {
                qid: RawAnswer(None if _text_number(worksheet, qid, v) else _as_read(v))
                for qid, v in answers[layer].items()
            }
            expected = score(worksheet, AnswerSheet("x", layer, raw)).to_dict()
            assert data["worksheet"] == ZI
            for key in ("total", "predicate", "nodes", "missing"):
                assert data[key] == expected[key], (i, layer, key)


def _as_read(value: Any) -> Any:
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _text_number(worksheet: Any, qid: str, value: Any) -> bool:
    """A number stored as text in a number question: the workbook counts it 0, so the reader does."""
    kind = worksheet.answer_types[worksheet.questions[qid].type].kind
    if kind == "choice" or not isinstance(value, str):
        return False
    from pmprb.scoring.normalize import Invalid, normalize

    try:
        normalize(worksheet.answer_types[worksheet.questions[qid].type], value)
    except Invalid:
        return False
    return True


def test_number_stored_as_text_is_reported(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, zi_template: Path
) -> None:
    layout = build_layout(get_worksheet(ZI))
    path = tmp_path / "text.xlsx"
    fill(zi_template, path, layout, {"unit": {"125": "3,6", "1": "ya"}})
    r = run(capsys, "score", str(path), "--format", "json")
    data = json.loads(r.out)
    cell = f"LKE!{layout.columns('unit').answer}{layout.question_row['125']}"
    (error,) = [e for e in data["errors"] if e["code"] == "workbook.answer-as-text"]
    assert error["question"] == "125" and "3,6" in error["message"] and "0–4" in error["message"]
    assert error["location"]["sheet"] + "!" + error["location"]["cell"] == cell
    assert r.code == 1
    assert next(n for n in data["nodes"] if n["id"] == "B.I")["score"] == 0


def test_mini_worksheet_round_trip_with_yaml(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    worksheet, yaml_path = mini_worksheet(tmp_path)
    out = tmp_path / "mini.xlsx"
    assert run(capsys, "template", str(yaml_path), "-o", str(out)).code == 0
    layout = build_layout(worksheet)
    answers = {
        "unit": {
            "q1": "Ya",
            "q2": "b",
            "q3": "C",
            "q8": "y",
            "c1": 4,
            "c2": 3,
            "c3": 0,
            "c4": 9,
            "q4": "A",
            "q5": 3,
            "q6": 50,
            "q7": "A",
            "q9": 4,
            "q10": "A",
        }
    }
    fill(out, out, layout, answers)
    # the workbook names a worksheet that is not installed: --worksheet is needed, and then it matches
    r = run(capsys, "score", str(out))
    assert r.code == 2 and "mini-2030" in r.err and "--worksheet" in r.err
    data = _json(capsys, out, "unit", "--worksheet", str(yaml_path))
    expected = score(
        worksheet, AnswerSheet("x", "unit", {k: RawAnswer(v) for k, v in answers["unit"].items()})
    )
    assert data["total"] == expected.to_dict()["total"] and data["predicate"] == expected.predicate


def test_other_version_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = yaml.safe_load((Path(__file__).parent.parent / "worksheets" / "zi-2026.yaml").read_text())
    data["version"] = "2025.9"
    old_yaml = tmp_path / "zi-old.yaml"
    old_yaml.write_text(yaml.safe_dump(data, allow_unicode=True))
    old = tmp_path / "lama.xlsx"
    assert run(capsys, "template", str(old_yaml), "-o", str(old)).code == 0
    r = run(capsys, "score", str(old))
    assert r.code == 2
    assert "_pmprb!B4" in r.err and "2025.9" in r.err and "2026.1" in r.err and "--prefill" in r.err
    r = run(capsys, "score", str(old), "--lang", "en")
    assert "was made for worksheet zi-2026 version 2025.9" in r.err
    mini, mini_yaml = mini_worksheet(tmp_path)
    r = run(capsys, "score", str(old), "--worksheet", str(mini_yaml))
    assert r.code == 2 and "mini-2030" in r.err and "_pmprb!B3" in r.err
    # with the matching definition it is read
    assert run(capsys, "score", str(old), "--worksheet", str(old_yaml)).code == 0


def test_formula_injection_is_written_as_text(tmp_path: Path) -> None:
    worksheet = get_worksheet(ZI)
    path = tmp_path / "inj.xlsx"
    qids = list(worksheet.questions)[: len(INJECTIONS)]
    notes = {"unit": dict(zip(qids, INJECTIONS, strict=True))}
    evidence = {"tpi": dict(zip(qids, INJECTIONS, strict=True))}
    answers = {"unit": {qids[0]: "=A1"}}
    meta = {"nama_unit": "=cmd|'/C calc'!A0", "instansi": "@risk"}
    layout = write_workbook(
        path, worksheet, answers_by_layer=answers, notes_by_layer=notes, evidence_by_layer=evidence, meta=meta
    )
    sheet = load_workbook(path)["LKE"]
    for qid, text in zip(qids, INJECTIONS, strict=True):
        row = layout.question_row[qid]
        for cell in (
            sheet[f"{layout.columns('unit').note}{row}"],
            sheet[f"{layout.columns('tpi').evidence}{row}"],
        ):
            assert cell.value == text and cell.data_type == "s"
    answer = sheet[f"{layout.columns('unit').answer}{layout.question_row[qids[0]]}"]
    assert answer.value == "=A1" and answer.data_type == "s"
    # and they come back exactly, not as formulas or with a quote added
    result = score_file(path, layer="unit")
    assert [result.questions[q].note for q in qids] == INJECTIONS
    assert result.meta["nama_unit"] == "=cmd|'/C calc'!A0" and result.meta["instansi"] == "@risk"
    assert result.questions[qids[0]].status == "invalid"
    tpi = score_file(path, layer="tpi")
    assert [tpi.questions[q].evidence for q in qids] == INJECTIONS
    mini, _ = mini_worksheet(tmp_path)  # texts from a worksheet file are data too
    mini_path = tmp_path / "mini.xlsx"
    mini_layout = write_workbook(mini_path, mini)
    mini_sheet = load_workbook(mini_path)["LKE"]
    text = mini_sheet[f"C{mini_layout.question_row['q8']}"]
    assert text.value == "=cmd|' /C calc'!A0" and text.data_type == "s" and text.quotePrefix
    plain = mini_sheet[f"C{mini_layout.question_row['q1']}"]
    assert plain.value == "Pertanyaan q1" and not plain.quotePrefix
    answer = mini_sheet[f"G{mini_layout.question_row['q9']}"]
    assert not answer.quotePrefix and answer.protection.locked is False  # numbers typed stay numbers


@pytest.mark.parametrize("source", ["portalrb-jawaban-2026.json", "lke-zi-2026-unit.xlsx"])
def test_prefill_keeps_every_answer(capsys: pytest.CaptureFixture[str], tmp_path: Path, source: str) -> None:
    """prefill -> template -> score: the same answers, notes, evidence and scores as the source file."""
    src = EXAMPLES / source
    out = tmp_path / "baru.xlsx"
    r = run(capsys, "template", ZI, "--prefill", str(src), "-o", str(out))
    assert r.code == 0, r.err
    assert "jawaban" in r.out
    for layer in ("unit", "tpi"):
        before, after = score_file(src, layer=layer), score_file(out, layer=layer)
        assert after.total == before.total and after.predicate == before.predicate
        for qid, q in before.questions.items():
            a = after.questions[qid]
            assert (a.status, a.answer, a.note, a.evidence) == (q.status, q.answer, q.note, q.evidence), qid
    # and a second generation from our own workbook keeps them again
    again = tmp_path / "lagi.xlsx"
    assert run(capsys, "template", ZI, "--prefill", str(out), "-o", str(again)).code == 0
    for layer in ("unit", "tpi"):
        first, second = score_file(out, layer=layer), score_file(again, layer=layer)
        assert [(q.answer, q.note, q.evidence) for q in first.questions.values()] == [
            (q.answer, q.note, q.evidence) for q in second.questions.values()
        ]


def test_prefill_lists_questions_that_no_longer_exist(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    old_ws, old_yaml = mini_worksheet(tmp_path, version="1.0")
    old = tmp_path / "lama.xlsx"
    write_workbook(
        old,
        old_ws,
        answers_by_layer={"unit": {"q1": "Ya", "q7": "B", "c1": 5}, "tpi": {"q7": "C"}},
        notes_by_layer={"unit": {"q7": "catatan lama"}},
        evidence_by_layer={"unit": {"q1": "https://contoh.go.id/bukti.pdf"}},
        meta={"nama_unit": "Biro Umum", "instansi": "Kementerian X", "tahun": 2029},
    )
    data = mini_worksheet_data(version="2.0")
    s3 = data["nodes"][0]["children"][2]
    s3["questions"] = [q for q in s3["questions"] if q["id"] != "q7"]  # question q7 was removed
    s3["questions"][1]["weight"] = 20  # its weight moved to q6: the worksheet passes `pmprb check`
    data["nodes"][0]["children"][0]["children"][0]["questions"][1]["type"] = "abcd"  # q2 changed type
    new_yaml = tmp_path / "mini-2.yaml"
    new_yaml.write_text(yaml.safe_dump(data, allow_unicode=True))
    out = tmp_path / "baru.xlsx"
    r = run(capsys, "template", str(new_yaml), "--prefill", str(old), "-o", str(out))
    assert r.code == 0, r.err
    assert "1 pertanyaan tidak ada lagi" in r.out
    err = " ".join(r.err.split())  # the console may wrap long lines
    assert "q7 dari lama.xlsx tidak ada di lembar kerja mini-2030" in err
    assert "isian lapisan unit tidak dibawa: B | catatan lama" in err
    assert "isian lapisan tpi tidak dibawa: C." in err
    result = score_file(out, worksheet=str(new_yaml), layer="unit")
    assert result.questions["q1"].answer == "Ya" and result.questions["c1"].answer == "5"
    assert result.questions["q1"].evidence == "https://contoh.go.id/bukti.pdf"
    assert result.meta["nama_unit"] == "Biro Umum" and result.meta["tahun"] == 2030  # the new year


def test_prefill_invalid_answer_is_kept_and_flagged(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    src = tmp_path / "jawaban.json"
    src.write_text(
        json.dumps(
            {
                "tahun": 2026,
                "answers": [
                    {"soal_id": 2, "jawaban_unit": "Z", "catatan_unit": "=SUM(1)"},
                    {"soal_id": 9999, "jawaban_unit": "A"},
                ],
            }
        )
    )
    out = tmp_path / "lke.xlsx"
    r = run(capsys, "template", ZI, "--prefill", str(src), "-o", str(out), "--lang", "en")
    assert r.code == 0
    err = " ".join(r.err.split())
    assert "'Z'" in err and "marked red" in err and "9999" in err
    result = score_file(out)
    assert result.questions["2"].status == "invalid" and result.questions["2"].note == "=SUM(1)"


def test_english_labels(tmp_path: Path) -> None:
    path = tmp_path / "en.xlsx"
    write_workbook(path, get_worksheet(ZI), lang="en")
    sheet = load_workbook(path)["LKE"]
    assert sheet["G5"].value == "Answer" and sheet["C6"].value == "TOTAL SCORE AND PREDICATE"


def test_same_version_with_other_arithmetic_is_flagged(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    worksheet, yaml_path = mini_worksheet(tmp_path)
    out = tmp_path / "mini.xlsx"
    write_workbook(out, worksheet)
    assert _json(capsys, out, "unit", "--worksheet", str(yaml_path))["warnings"] == []
    data = mini_worksheet_data()
    data["nodes"][1]["questions"][0]["weight"] = 30  # same id and version, another weight
    data["nodes"][1]["questions"][1]["weight"] = 10  # (still adding up to K2's 40: it passes `pmprb check`)
    changed = tmp_path / "changed.yaml"
    changed.write_text(yaml.safe_dump(data, allow_unicode=True))
    warnings = _json(capsys, out, "unit", "--worksheet", str(changed))["warnings"]
    assert [w["code"] for w in warnings] == ["workbook.fingerprint"]
    assert warnings[0]["location"]["sheet"] == "_pmprb"
