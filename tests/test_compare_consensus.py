"""`pmprb consensus`: three assessors with a tie, the majority prefilled in a pmprb workbook that
scores like any workbook, disputes first, every assessor's answer and note kept."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from pmprb.api import score_file
from pmprb.catalog import get_worksheet
from pmprb.compare.consensus import consensus
from pmprb.scoring import score
from pmprb.workbook.layout import TEXT, build_layout
from pmprb.writers.official_excel import write_official_zi
from tests.answer_sets import extreme_answers, sheet
from tests.cli_runner import run

WS = get_worksheet("zi-2026")


def base() -> dict[str, Any]:
    out = extreme_answers(WS, best=True)
    out.update({"125": 3.6, "127": 3.6})
    del out["21"]  # nobody answered it
    return out


def three() -> list[dict[str, Any]]:
    """ani/budi/citra: 2 is A, A, B (majority A); 4 is A, B, C (three-way tie); 126 is A, B, blank
    (a tie between the two who answered); everything else agreed."""
    common = base()
    ani = {**common, "2": "A", "4": "A", "126": "A"}
    budi = {**common, "2": "A", "4": "B", "126": "B"}
    citra = {**common, "2": "B", "4": "C"}
    del citra["126"]
    return [ani, budi, citra]


NAMES = ["ani", "budi", "citra"]


def test_three_assessors_with_a_tie() -> None:
    results = [score(WS, sheet(a)) for a in three()]
    c = consensus(results, NAMES, WS)
    assert [q.id for q in c.disputes] == ["126", "4", "2"]  # most points apart first
    by_id = {q.id: q for q in c.questions}
    assert (by_id["2"].status, by_id["2"].majority, by_id["2"].majority_count) == ("majority", "A", 2)
    assert (by_id["4"].status, by_id["4"].majority) == ("tie", None)
    assert (by_id["126"].status, by_id["126"].majority) == ("tie", None)
    assert by_id["21"].status == "unanswered" and not by_id["21"].dispute
    assert by_id["3"].status == "agreed" and by_id["3"].majority == "Ya"
    # points apart: own weight 5 x (1 - 0); 1/3 x (1 - 0); 0.5/2 x (1 - 0.5)
    assert [q.spread for q in c.disputes] == [Fraction(5), Fraction(1, 3), Fraction(1, 8)]
    assert [q.id for q in c.questions[3:6]] == ["1", "3", "5"]  # then worksheet order
    assert c.answered == len(WS.questions) - 1 and c.agreed == c.answered - 3
    assert c.with_majority() == {"ani": 124, "budi": 124, "citra": 123}
    majority = c.majority_answers()
    assert majority["2"] == "A" and "4" not in majority and "126" not in majority and "21" not in majority
    assert [v.answer for v in by_id["4"].votes] == ["A", "B", "C"]


def test_two_against_two_has_no_majority_and_one_answer_is_one() -> None:
    common = base()
    answers = [{**common, "2": "A"}, {**common, "2": "A"}, {**common, "2": "B"}, {**common, "2": "B"}]
    answers[0]["21"] = "A"  # the only one who answered 21
    c = consensus([score(WS, sheet(a)) for a in answers], ["a", "b", "c", "d"], WS)
    by_id = {q.id: q for q in c.questions}
    assert by_id["2"].status == "tie" and by_id["2"].majority is None
    assert by_id["21"].status == "majority" and by_id["21"].majority == "A" and by_id["21"].dispute


def files(tmp_path: Path) -> list[Path]:
    notes = ["SK Tim ditetapkan", "SK Tim ditetapkan", "Belum ada SK"]
    links = ["https://drive.example/sk.pdf", None, None]
    out = []
    for name, answers, note, link in zip(NAMES, three(), notes, links, strict=True):
        path = tmp_path / f"{name}.xlsx"
        evidence = {"unit": {"2": link}} if link else None
        write_official_zi(path, WS, {"unit": answers}, {"unit": {"2": note, "4": f"alasan {name}"}}, evidence)
        out.append(path)
    return out


def test_cli_writes_a_workbook_that_scores_like_any_workbook(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from openpyxl import load_workbook

    paths = files(tmp_path)
    out = tmp_path / "konsensus.xlsx"
    r = run(capsys, "consensus", *map(str, paths), "-o", str(out))
    assert r.code == 0, r.err
    assert "127 pertanyaan, 3 perlu dibahas, 124 terisi jawaban terbanyak" in r.out
    assert "Perlu dibahas (3)" in r.out and "Seri" in r.out

    # scores like any workbook: the majority answers, nothing for ties and for the unanswered
    result = score_file(out)
    assert result.worksheet == "zi-2026" and result.layer == "unit"
    expected = consensus([score(WS, sheet(a)) for a in three()], NAMES, WS).majority_answers()
    assert result.total == score(WS, sheet(expected)).total
    assert result.questions["2"].answer == "A" and sorted(result.missing) == ["126", "21", "4"]
    assert result.questions["2"].note == "SK Tim ditetapkan"  # the majority's note, said once
    assert result.questions["2"].evidence == "https://drive.example/sk.pdf"

    book = load_workbook(out)
    assert book.active.title == "Konsensus"
    sheet_ = book["Konsensus"]
    header = [c.value for c in sheet_[6]]
    assert header[:8] == [
        "No",
        "ID",
        "Pertanyaan",
        "Area",
        "Status",
        "Jawaban terbanyak",
        "Suara",
        "Selisih poin",
    ]
    assert header[8:11] == NAMES
    rows = [[c.value for c in row] for row in sheet_.iter_rows(min_row=7)]
    assert [(r[1], r[4], r[5], r[6]) for r in rows[:3]] == [
        ("126", "Seri", None, "1/3"),
        ("4", "Seri", None, "1/3"),
        ("2", "Mayoritas", "A", "2/3"),
    ]
    assert rows[1][8:11] == ["A", "B", "C"]
    assert rows[1][11] == "ani: alasan ani\nbudi: alasan budi\ncitra: alasan citra"
    assert len(rows) == len(WS.questions)
    # disputes highlighted on the answer sheet too
    layout = build_layout(WS)
    lke = book["LKE"]
    tie_fill = lke[f"{TEXT}{layout.question_row['4']}"].fill.start_color.rgb
    assert str(tie_fill).endswith("F8CBAD")
    assert str(lke[f"{TEXT}{layout.question_row['3']}"].fill.start_color.rgb).endswith("000000")


def test_after_the_meeting_the_decision_counts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "konsensus.xlsx"
    assert (
        run(
            capsys, "consensus", *map(str, files(tmp_path)), "-o", str(out), "-n", "A", "-n", "B", "-n", "C"
        ).code
        == 0
    )
    before = score_file(out)
    book = load_workbook(out)
    cell = f"{build_layout(WS).columns('unit').answer}{build_layout(WS).question_row['4']}"
    book["LKE"][cell] = "B"  # the meeting settles the tie
    decided = tmp_path / "diputuskan.xlsx"
    book.save(decided)
    after = score_file(decided)
    assert after.questions["4"].answer == "B"
    assert after.total - before.total == Fraction(1, 3) * Fraction(1, 2)  # A.I.1.ii: 1/3 x B (0.5)


def test_cli_consensus_from_json_keeps_notes_as_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from openpyxl import load_workbook

    paths = []
    for i, answer in enumerate(["A", "B", "B"]):
        doc = {
            "unit_id": "UK-1",
            "nama_unit": "Kantor Contoh",
            "tahun": 2026,
            "answers": [
                {
                    "soal_id": q.source.soal_id if q.source else None,
                    "jawaban_unit": "A" if q.id != "2" else answer,
                    "catatan_unit": '=HYPERLINK("http://x")' if q.id == "2" and i == 1 else None,
                }
                for q in WS.questions.values()
                if WS.answer_types[q.type].kind == "choice"
            ],
        }
        path = tmp_path / f"p{i}.json"
        path.write_text(json.dumps(doc), encoding="utf-8")
        paths.append(path)
    out = tmp_path / "k.xlsx"
    r = run(capsys, "consensus", *map(str, paths), "-o", str(out), "--lang", "en")
    assert r.code == 0, r.err
    assert "Consensus workbook written to" in r.out
    book = load_workbook(out)
    assert book.active.title == "Consensus"
    row = next(r for r in book["Consensus"].iter_rows(min_row=7) if r[1].value == "2")
    assert row[5].value == "B" and row[11].value == 'p1: =HYPERLINK("http://x")'
    note_cell = book["LKE"][f"{build_layout(WS).columns('unit').note}{build_layout(WS).question_row['2']}"]
    assert note_cell.value == '=HYPERLINK("http://x")' and note_cell.data_type == "s"  # text, never a formula
    meta = score_file(out).meta
    assert (meta["nama_unit"], meta["tahun"], meta["penilai"]) == (
        "Kantor Contoh",
        2026,
        "Consensus: p0, p1, p2",
    )


def test_cli_consensus_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from pmprb.workbook.writer import write_workbook

    paths = files(tmp_path)
    out = tmp_path / "k.xlsx"
    one = run(capsys, "consensus", str(paths[0]), "-o", str(out))
    assert one.code == 2 and "paling sedikit dua" in one.err
    names = run(capsys, "consensus", *map(str, paths), "-o", str(out), "-n", "x")
    assert names.code == 2 and "--name diberikan 1 kali untuk 3 berkas" in names.err
    old = tmp_path / "lama.xlsx"
    write_workbook(old, get_worksheet("zi-2021"))
    mixed = run(capsys, "consensus", str(paths[0]), str(old), "-o", str(out))
    assert mixed.code == 2 and "zi-2021" in mixed.err and "zi-2026" in mixed.err
    clash = run(capsys, "consensus", *map(str, paths), "-o", str(paths[0]))
    assert clash.code == 2
    assert not out.exists()


def test_consensus_workbook_recalculates_to_the_engine(
    tmp_path: Path, soffice: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Opened in a spreadsheet, the consensus workbook's own formulas give the engine's total."""
    import subprocess

    from openpyxl import load_workbook

    from pmprb.model.weight import display

    out = tmp_path / "konsensus.xlsx"
    assert run(capsys, "consensus", *map(str, files(tmp_path)), "-o", str(out)).code == 0
    recalculated = tmp_path / "recalculated"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(recalculated),
            str(out),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    sheet_name, cell = build_layout(WS).score_cells("unit")["total"]
    shown = load_workbook(recalculated / out.name, data_only=True)[sheet_name][cell].value
    assert isinstance(shown, float | int) and shown == pytest.approx(
        display(score_file(out).total), abs=0.005
    )
