"""Plain answers (CSV and JSON: question, layer, answer, note, evidence): read by every command like any
other format, written by `pmprb export answers` from any format pmprb reads, and round-tripping:
scoring the export gives the source's result."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmprb.api import score_layers
from pmprb.catalog import get_worksheet
from pmprb.workbook.writer import write_workbook
from tests.cli_runner import run
from tests.test_template_helpers import answer_set, fill

ROOT = Path(__file__).parent.parent
ZI_EXAMPLE = ROOT / "examples" / "lke-zi-2026-unit.xlsx"


def _results(path: Path, layers: tuple[str, ...], worksheet: str | None = None) -> dict[str, dict[str, Any]]:
    """The results of every layer; the worksheet is found from the file unless named."""
    results, _ = score_layers(path, get_worksheet(worksheet) if worksheet else None, layers)
    out = {}
    for layer, result in results.items():
        d = result.to_dict()
        out[layer] = {
            "total": d["total"],
            "predicate": d["predicate"],
            "nodes": d["nodes"],
            "missing": d["missing"],
            "errors": [(e["code"], e.get("question")) for e in d["errors"]],
            "notes": {q.id: (q.answer, q.note, q.evidence) for q in result.questions.values()},
            "grades": {c.id: (c.grade, c.derived) for c in result.computed},
        }
    return out


@pytest.fixture(scope="module")
def sakip_workbooks(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Filled pmprb workbooks of sakip-2021, both layers, random answers with notes and invalid values."""
    folder = tmp_path_factory.mktemp("sakip")
    ws = get_worksheet("sakip-2021")
    template = folder / "template.xlsx"
    layout = write_workbook(template, ws)
    out = []
    for i in range(3):
        answers = answer_set(random.Random(i), ws, best=[0.3, 0.9, 0.97][i])
        target = folder / f"set{i}.xlsx"
        fill(template, target, layout, answers)
        out.append(target)
    return out


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_export_then_score_gives_the_source_result_sakip(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, sakip_workbooks: list[Path], fmt: str
) -> None:
    for source in sakip_workbooks:
        target = tmp_path / f"{source.stem}.{fmt}"
        done = run(capsys, "export", "answers", str(source), "-o", str(target), "--lang", "en")
        assert done.code == 0, done.err
        assert "Answers written" in done.err
        layers = ("unit", "evaluator")
        assert _results(target, layers) == _results(source, layers, "sakip-2021")


def test_export_then_score_gives_the_source_result_official_zi(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "zi.csv"
    assert run(capsys, "export", "answers", str(ZI_EXAMPLE), "-o", str(target)).code == 0
    header = target.read_text(encoding="utf-8").splitlines()[0]
    assert header == "question,layer,answer,note,evidence,worksheet"
    assert _results(target, ("unit", "tpi")) == _results(ZI_EXAMPLE, ("unit", "tpi"), "zi-2026")


def test_export_to_standard_output_and_to_a_folder(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, sakip_workbooks: list[Path]
) -> None:
    done = run(capsys, "export", "answers", str(sakip_workbooks[0]))
    assert done.code == 0 and done.out.startswith("question,layer,answer,note,evidence,worksheet\r\n")
    folder = tmp_path / "out"
    folder.mkdir()
    done = run(capsys, "export", "answers", *map(str, sakip_workbooks), "-o", str(folder), "-f", "json")
    assert done.code == 0
    assert sorted(p.name for p in folder.iterdir()) == ["set0.json", "set1.json", "set2.json"]
    assert json.loads((folder / "set0.json").read_text(encoding="utf-8"))["worksheet"] == "sakip-2021"
    again = run(capsys, "export", "answers", str(sakip_workbooks[0]), "-o", str(folder / "set0.json"))
    assert again.code == 2 and "set0.json" in again.err  # nothing a user made is overwritten


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_hand_written_csv_with_semicolons_and_indonesian_headers(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    lines = ["pertanyaan;lapisan;jawaban;catatan;bukti"]
    lines += [f"1.c.{i};evaluator;Ya;;" for i in range(1, 8)]
    lines += ["1.c.8;evaluator;Tidak;belum ada;", "1.c.nilai;evaluator;A;dinilai langsung;https://bukti"]
    path = _write(tmp_path, "jawaban.csv", "\n".join(lines) + "\n")
    done = run(capsys, "score", str(path), "--layer", "evaluator", "--format", "json", "--lang", "en")
    data = json.loads(done.out)
    # the worksheet holding these question ids that the others holding them extend, the others named
    assert data["worksheet"] == "sakip-2021" and "sakip-2021-aplikasi" in data["worksheet_reason"]
    assert data["total"] == 13.5  # 1.c given A: 90 / 100 x 15
    warning = next(w for w in data["warnings"] if w["code"] == "grade.disagrees")
    assert warning["location"] == {"file": str(path), "line": 10, "column": 3}
    assert "derived from its criteria (B" in warning["message"]


def test_unknown_questions_and_layers_are_located_by_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = _write(
        tmp_path,
        "a.csv",
        "question,layer,answer,note,evidence,worksheet\n1.a.1,unit,Ya,,,sakip-2021\n9.z.9,unit,Ya,,,sakip-2021\n"
        "1.a.2,tpi,Ya,,,sakip-2021\n1.a.1,unit,Tidak,,,sakip-2021\n",
    )
    done = run(capsys, "score", str(path), "--lang", "en")
    assert done.code == 1
    assert f"{path}:3:1" in done.err and "9.z.9" in done.err
    assert f"{path}:4:2" in done.err and "'tpi'" in done.err and "unit, evaluator" in done.err
    assert "answered more than once" in done.err


def test_a_file_whose_ids_fit_several_worksheets_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = _write(tmp_path, "a.csv", "question,layer,answer\n1,unit,Ya\n2,unit,A\n")
    done = run(capsys, "score", str(path), "--lang", "en")
    assert done.code == 2 and "several worksheets" in done.err and "zi-2026" in done.err
    done = run(capsys, "score", str(path), "--worksheet", "zi-2026", "--format", "json")
    assert done.code == 0 and json.loads(done.out)["worksheet"] == "zi-2026"


def test_json_form_and_a_variant_named_beside_the_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    variant = (ROOT / "examples" / "sakip-2021-pemda.yaml").read_text(encoding="utf-8")
    (tmp_path / "pemda.yaml").write_text(variant, encoding="utf-8")
    doc = {
        "worksheet": "pemda.yaml",
        "answers": [
            {"question": "1.a.2.d1", "layer": "verifikasi", "answer": "Y", "note": None, "evidence": None}
        ],
    }
    path = _write(tmp_path, "a.json", json.dumps(doc))
    done = run(capsys, "score", str(path), "--layer", "verifikasi", "--format", "json")
    assert done.code == 0, done.err
    data = json.loads(done.out)
    assert data["worksheet"] == "sakip-2021-pemda-contoh"
    # 1.a: one of two documents of 1.a.2 -> share 0.5 / 7 of the criteria -> D 30 of 6
    assert next(n for n in data["nodes"] if n["id"] == "1.a")["score"] == 1.8


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    cells=st.lists(
        st.tuples(
            st.sampled_from(["1.a.1", "1.a.2", "2.b.3", "4.c.nilai", "3.a.1.mandat"]),
            st.sampled_from(["unit", "evaluator"]),
            st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12),
            st.text(max_size=8),
        ),
        max_size=8,
    )
)
def test_any_text_round_trips_through_csv(
    tmp_path_factory: pytest.TempPathFactory, cells: list[tuple[str, str, str, str]]
) -> None:
    """Whatever an answer or note holds (commas, quotes, line breaks, semicolons), the CSV gives it back."""
    from pmprb.readers import load
    from pmprb.scoring.answers import AnswerSheet, RawAnswer
    from pmprb.writers.answer_table import rows, to_csv

    ws = get_worksheet("sakip-2021")
    sheets = {layer: AnswerSheet("x", layer) for layer in ws.layers}
    for qid, layer, answer, note in cells:
        sheets[layer].answers.setdefault(qid, RawAnswer(answer, note=note.strip() or None))
    path = tmp_path_factory.mktemp("rt") / "a.csv"
    found = rows(ws, sheets, "sakip-2021")
    path.write_text(to_csv(found), encoding="utf-8", newline="")
    loaded = load(path, ws, every_layer=True)
    for layer in ws.layers:
        want = {
            q: (a.value, a.note) for q, a in sheets[layer].answers.items() if str(a.value).strip() or a.note
        }
        got = {q: (a.value, a.note) for q, a in loaded.sheets[layer].answers.items()}
        assert got == want


def test_an_id_no_worksheet_knows_is_reported_not_a_reason_to_refuse_the_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = _write(tmp_path, "a.csv", "question,layer,answer\n1.a.1,unit,Ya\n1.a.2,unit,Ya\n1.a.99,unit,Ya\n")
    done = run(capsys, "score", str(path), "--format", "json", "--lang", "en")
    data = json.loads(done.out)
    assert done.code == 1 and data["worksheet"] == "sakip-2021"  # 2 of the 3 ids are sakip-2021's
    assert [(e["code"], e["location"]) for e in data["errors"]] == [
        ("answers.unknown-question", {"file": str(path), "line": 4, "column": 1})
    ]
