"""`pmprb score` end to end: formats, layers, errors, exit codes, and JSON equal to the library."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pmprb.api import score_file
from pmprb.catalog import get_worksheet
from pmprb.writers.official_excel import write_official_zi
from tests.answer_sets import extreme_answers
from tests.cli_runner import run
from tests.conftest import EXAMPLES

XLSX = EXAMPLES / "lke-zi-2026-unit.xlsx"
JSON = EXAMPLES / "portalrb-jawaban-2026.json"


def test_table_output(capsys: pytest.CaptureFixture[str]) -> None:
    r = run(capsys, "score", str(XLSX))
    assert r.code == 0
    assert "Total" in r.out and "PENGUNGKIT" in r.out and "Predikat" in r.out
    # issue 16 (8): each unanswered question with its cell and the start of its text, in sheet order
    assert "2 pertanyaan belum dijawab:" in r.out
    assert r.out.index("Jawaban!K33  21. Telah dilakukan") < r.out.index("Jawaban!K83  57. Kebijakan")
    assert "kurang 0,09" in r.out  # the failing WBK/WBBM condition and by how much


@pytest.mark.parametrize("path", [XLSX, JSON])
@pytest.mark.parametrize("layer", ["unit", "tpi"])
def test_json_equals_library(capsys: pytest.CaptureFixture[str], path: Path, layer: str) -> None:
    r = run(capsys, "score", str(path), "--layer", layer, "--format", "json")
    assert r.code == 0
    data = json.loads(r.out)
    expected = score_file(path, layer=layer).to_dict()
    for key in ("worksheet", "layer", "total", "predicate", "nodes", "missing", "errors"):
        assert data[key] == expected[key], key
    assert {"id", "title", "parent", "weight", "score"} <= set(data["nodes"][0])


@pytest.mark.parametrize("layer", ["unit", "tpi"])
def test_both_input_formats_agree(layer: str) -> None:
    a, b = score_file(XLSX, layer=layer), score_file(JSON, layer=layer)
    assert a.total == b.total
    assert [n.score for n in a.nodes] == [n.score for n in b.nodes]


def test_layers_differ() -> None:
    assert score_file(XLSX, layer="unit").total != score_file(XLSX, layer="tpi").total


def test_invalid_answers_are_all_reported_with_cell(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    ws = get_worksheet("zi-2026")
    answers = extreme_answers(ws, best=True)
    answers.update({"1": "Mungkin", "125": "4,5", "88": "-2"})
    path = tmp_path / "lke.xlsx"
    write_official_zi(path, ws, {"unit": answers})
    r = run(capsys, "score", str(path))
    assert r.code == 1
    assert f"{path}:Jawaban!K6" in r.err and "'Mungkin'" in r.err and "Ya, Tidak" in r.err
    assert "Jawaban!K199" in r.err and "0–4" in r.err
    assert "Jawaban!K126" in r.err
    data = json.loads(run(capsys, "score", str(path), "--format", "json").out)
    assert sorted(e["question"] for e in data["errors"]) == ["1", "125", "88"]
    assert {e["location"]["cell"] for e in data["errors"]} == {"K6", "K199", "K126"}


def test_strict_makes_missing_an_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "score", str(XLSX)).code == 0
    r = run(capsys, "score", str(XLSX), "--strict")
    assert r.code == 1 and "Pertanyaan 21 belum dijawab" in r.err


def test_english(capsys: pytest.CaptureFixture[str]) -> None:
    r = run(capsys, "score", str(XLSX), "--strict", "--lang", "en")
    assert "Question 21 is not answered" in r.err and "Predicate" in r.out


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["score", "nope.xlsx"], "Berkas tidak ditemukan"),
        (["score", str(XLSX), "--worksheet", "zi-1999"], "tidak dikenal"),
        (["score", str(XLSX), "--layer", "kpk"], "Lapisan 'kpk' tidak dikenal"),
    ],
)
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], args: list[str], needle: str) -> None:
    r = run(capsys, *args)
    assert r.code == 2
    assert needle in r.err


def test_bad_json_names_its_path(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "jawaban.json"
    path.write_text(
        json.dumps(
            {
                "tahun": 2026,
                "answers": [
                    {"soal_id": 1, "jawaban_unit": "Ya"},
                    {"soal_id": 999, "jawaban_unit": "A"},
                    {"soal_id": 2, "jawaban_unit": "Z"},
                ],
            }
        )
    )
    r = run(capsys, "score", str(path), "--format", "json")
    data = json.loads(r.out)
    assert r.code == 1
    paths = sorted(e["location"]["json_path"] for e in data["errors"])
    assert paths == ["$.answers[1].soal_id", "$.answers[2].jawaban_unit"]


def test_many_files_keep_going(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    xlsx, json_file = tmp_path / "a1.xlsx", tmp_path / "a10.json"
    xlsx.write_bytes(XLSX.read_bytes())
    json_file.write_bytes(JSON.read_bytes())
    broken = tmp_path / "a2-rusak.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    r = run(capsys, "score", str(json_file), str(xlsx), str(broken), "--format", "json")
    assert r.code == 2
    data = json.loads(r.out)
    assert [d["file"] for d in data] == [str(xlsx), str(broken), str(json_file)]  # natural order
    assert data[0]["total"] == data[2]["total"] and data[1]["total"] is None and data[1]["errors"]
    table = run(capsys, "score", str(XLSX), str(JSON))
    assert "Ringkasan: 2 berkas" in table.out


def _keep(outcome: object) -> object:
    return outcome


def test_many_files_in_parallel_match_sequential(tmp_path: Path) -> None:
    from pmprb.api import outcomes
    from pmprb.cli.batch import summaries

    files = [str(XLSX), str(JSON)] * 5
    sequential = list(outcomes(files))
    parallel = list(summaries(files, len(files), _keep, jobs=2))
    assert [o.results["unit"].total for o in sequential] == [o.results["unit"].total for o in parallel]  # type: ignore[attr-defined]


@pytest.mark.parametrize("fmt", ["json", "csv", "github", "table"])
def test_many_files_print_the_same_on_one_core_or_two(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str
) -> None:
    # several processes send each file's summary (its JSON text, CSV rows, row of the table) back;
    # copies, since a file named twice is read once
    files = []
    for i in range(5):
        for source in (XLSX, JSON):
            copy = tmp_path / f"{i}-{source.name}"
            copy.write_bytes(source.read_bytes())
            files.append(str(copy))
    one = run(capsys, "score", *files, "--strict", "--format", fmt, "--jobs", "1")
    two = run(capsys, "score", *files, "--strict", "--format", fmt, "--jobs", "2")
    assert (one.code, one.out, one.err) == (two.code, two.out, two.err)
    assert one.code == 1 and one.out.count("lke-zi-2026-unit.xlsx") >= 5


def test_csv(capsys: pytest.CaptureFixture[str]) -> None:
    r = run(capsys, "score", str(XLSX), "--format", "csv")
    lines = r.out.splitlines()
    assert lines[0] == "file,worksheet,layer,node,parent,title,weight,score,predicate,unit,missing,errors"
    assert lines[1].startswith(f"{XLSX},zi-2026,unit,total,,Total,100.0,")
    assert lines[1].endswith(",,2,0")  # no unit name in this workbook; 2 unanswered, no errors


def test_github_annotations(capsys: pytest.CaptureFixture[str]) -> None:
    r = run(capsys, "score", str(XLSX), "--strict", "--format", "github")
    notice, *errors = r.out.splitlines()
    assert notice.startswith(f"::notice file={XLSX},") and "Total 89,43" in notice
    assert errors and all(e.startswith(f"::error file={XLSX},") for e in errors)
    assert "::Jawaban!K33: " in errors[0]  # the cell, which GitHub cannot point at, starts the message


def test_worksheets_and_show(capsys: pytest.CaptureFixture[str]) -> None:
    listing = json.loads(run(capsys, "worksheets", "--format", "json").out)
    assert "zi-2026" in {w["id"] for w in listing}
    shown = run(capsys, "show", "zi-2026")
    assert "PENGUNGKIT" in shown.out and "Ya/Tidak" in shown.out
    data = json.loads(run(capsys, "show", "zi-2026", "--format", "json").out)
    assert data["id"] == "zi-2026" and data["nodes"][0]["weight"] == 60


def test_scoring_imports_nothing_for_reports_or_writing(tmp_path: Path) -> None:
    # pmprb.readers.workbook_meta (the names our own workbook embeds) is what the reader needs;
    # pydantic only validates worksheet YAML: with the worksheets cached, scoring never imports it
    code = (
        "import sys\nfrom pmprb.cli.app import main\n"
        f"try:\n    main(['score', {str(XLSX)!r}, '--format', 'json'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('openpyxl', 'jinja2', 'weasyprint', 'babel', 'pmprb.report', 'pmprb.compare',"
        " 'pmprb.lint', 'pmprb.workbook.writer', 'pmprb.workbook.formulas', 'pmprb.writers.official_excel')"
        " if m in sys.modules]\n"
        "validation = sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'pydantic_core'))\n"
        "sys.stderr.write(repr(heavy) + '|' + repr(validation[:3]))\n"
    )
    cache = tmp_path / "cache"
    env = {**os.environ, "PMPRB_CACHE_DIR": str(cache)}

    def imported() -> tuple[str, str]:
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, env=env, check=True
        )
        heavy, validation = done.stderr.strip().split("|")
        return heavy, validation

    cold = imported()  # validates the worksheets (pydantic) and caches them
    assert cold[0] == "[]" and "pydantic" in cold[1]
    assert list(cache.glob("*.pickle"))
    assert imported() == ("[]", "[]")


def test_import_portalrb_reproduces_the_shipped_worksheet(
    tmp_path: Path, reference_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "zi.yaml"
    r = run(
        capsys,
        "import",
        "portalrb",
        str(reference_dir / "portalrb-master-soal-lke-zi-2026.json"),
        "-o",
        str(out),
    )
    assert r.code == 0
    shipped = Path(__file__).parent.parent / "worksheets" / "zi-2026.yaml"
    assert out.read_text(encoding="utf-8") == shipped.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "indonesian", "english"),
    [
        (["score", "--bogus"], "Opsi --bogus tidak dikenal", "No such option: --bogus"),
        (["score"], "Argumen 'BERKAS' belum diberikan", "Missing argument 'FILES'"),
        (
            ["score", "x", "--layer"],
            "Opsi '--layer' memerlukan nilai",
            "Option '--layer' requires an argument",
        ),
        (["nosuch"], "Perintah 'nosuch' tidak dikenal", "No such command 'nosuch'"),
        (["worksheets", "extra"], "Argumen berlebih: extra", "unexpected extra argument"),
    ],
)
def test_usage_errors_speak_the_users_language(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    indonesian: str,
    english: str,
) -> None:
    r = run(capsys, *args)
    assert r.code == 2 and f"Galat: {indonesian}" in r.err
    monkeypatch.setenv("PMPRB_LANG", "en")
    r = run(capsys, *args)
    assert r.code == 2 and "Error: " in r.err and english in r.err


def test_json_text_is_json_text(capsys: pytest.CaptureFixture[str]) -> None:
    """orjson writes the JSON: indented, the very text json.dumps writes; compact, the same data; an
    integer orjson refuses goes through json."""
    from pmprb.cli.score_render import json_text

    data = json.loads(run(capsys, "score", str(EXAMPLES / "lke-zi-2026-unit.xlsx"), "--format", "json").out)
    assert json_text(data, True) == json.dumps(data, ensure_ascii=False, indent=2)
    assert json.loads(json_text(data, False)) == data and "\n" not in json_text(data, False)
    huge = {"value": 2**70, "text": "Sudah ✓"}
    assert json.loads(json_text(huge, False)) == huge
