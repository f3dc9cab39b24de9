"""Nothing lost, nothing run: every output is written whole or not at all, an input is never the output,
text from a user's file never becomes a formula in a workbook or CSV we write, and reports escape it."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest

from pmprb.errors import UserError
from pmprb.writers.atomic import atomic_path, refuse_input_as_output, write_bytes, write_with
from tests.cli_runner import run
from tests.conftest import EXAMPLES

EXAMPLE_JSON = EXAMPLES / "portalrb-jawaban-2026.json"
EXAMPLE_XLSX = EXAMPLES / "lke-zi-2026-unit.xlsx"
HOSTILE = {
    "note": '=HYPERLINK("http://evil.example/","klik")',
    "evidence": "@SUM(1+1)*cmd|' /C calc'!A0",
    "tpi_note": "+1+1",
    "unit": "-2+3 <script>alert(1)</script>",
}


def hostile_json(folder: Path) -> Path:
    doc = json.loads(EXAMPLE_JSON.read_text(encoding="utf-8"))
    doc["nama_unit"] = HOSTILE["unit"]
    first, second = doc["answers"][0], doc["answers"][1]
    first["catatan_unit"] = HOSTILE["note"]
    first["catatan_tpi"] = HOSTILE["tpi_note"]
    second["bukti_dukung_unit"] = HOSTILE["evidence"]
    second["catatan_unit"] = "<img src=x onerror=alert(2)>"
    path = folder / "jawaban.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def is_inert(cell: object) -> bool:
    """Stored as text, and either not starting with a formula sign or marked with a quote prefix (so
    editing the cell in Excel/LibreOffice keeps it text), or escaped with a leading apostrophe."""
    value = cell.value  # type: ignore[attr-defined]
    if cell.data_type != "s":  # type: ignore[attr-defined]
        return False
    return not value.startswith(("=", "+", "-", "@")) or bool(cell.quotePrefix)  # type: ignore[attr-defined]


def formula_cells(path: Path) -> list[tuple[str, str, object]]:
    """Cells that hold one of the hostile texts as a formula (or as text a spreadsheet would run)."""
    from openpyxl import load_workbook

    book = load_workbook(path)
    found = []
    seen_text = False
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                value = cell.value
                if not isinstance(value, str):
                    continue
                if any(h.lstrip("=+-@") in value for h in (HOSTILE["note"], HOSTILE["evidence"])):
                    seen_text = True
                    if not is_inert(cell):
                        found.append((sheet.title, cell.coordinate, value))
    assert seen_text, f"{path.name}: the hostile note never reached the workbook, so this test proves nothing"
    return found


# --- atomic writes -------------------------------------------------------------------------------


def test_failed_write_leaves_the_existing_output_untouched(tmp_path: Path) -> None:
    output = tmp_path / "hasil.xlsx"
    output.write_bytes(b"the assessor's previous work")

    def half_then_fail(fh: io.BufferedWriter) -> None:
        fh.write(b"half a file")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        write_with(output, half_then_fail)
    assert output.read_bytes() == b"the assessor's previous work"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hasil.xlsx"]  # no temporary file left


def test_successful_write_replaces_whole_and_keeps_permissions(tmp_path: Path) -> None:
    output = tmp_path / "hasil.html"
    output.write_bytes(b"old")
    os.chmod(output, 0o640)
    write_bytes(output, b"new")
    assert output.read_bytes() == b"new"
    assert output.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["hasil.html"]


def test_atomic_path_creates_missing_parent_folders(tmp_path: Path) -> None:
    output = tmp_path / "laporan" / "2026" / "x.html"
    write_bytes(output, b"ok")
    assert output.read_bytes() == b"ok"
    assert [p.name for p in output.parent.iterdir()] == ["x.html"]


@pytest.mark.parametrize(
    ("target", "code"),
    [
        ("berkas.txt/x.html", "output.unwritable.not-a-folder"),  # a file where a folder should be
        ("folder", "output.unwritable.is-a-folder"),
        ("terkunci/x.html", "output.unwritable.denied"),
    ],
)
def test_an_output_that_cannot_be_written_is_a_user_error_about_writing(
    tmp_path: Path, target: str, code: str
) -> None:
    (tmp_path / "berkas.txt").write_text("x")
    (tmp_path / "folder").mkdir()
    locked = tmp_path / "terkunci"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if code.endswith("denied") and os.access(locked, os.W_OK):
            pytest.skip("running as a user who may write anywhere (root)")
        with pytest.raises(UserError) as caught, atomic_path(tmp_path / target):
            pass
    finally:
        locked.chmod(0o700)
    assert [p.code for p in caught.value.problems] == [code]
    for lang in ("id", "en"):
        text = caught.value.problems[0].message(lang)
        assert str(tmp_path / target) in text
        assert ("ditulis" in text) == (lang == "id") and ("written" in text) == (lang == "en")


def test_input_is_never_the_output_even_through_another_spelling(tmp_path: Path) -> None:
    source = tmp_path / "lke.xlsx"
    source.write_bytes(b"x")
    (tmp_path / "sub").mkdir()
    with pytest.raises(UserError) as caught:
        refuse_input_as_output(tmp_path / "sub" / ".." / "lke.xlsx", [source])
    assert caught.value.problems[0].code == "output.exists-as-input"
    link = tmp_path / "link.xlsx"
    link.symlink_to(source)
    with pytest.raises(UserError):
        refuse_input_as_output(link, [source])


@pytest.mark.parametrize(
    "args",
    [
        ["report", "{input}", "-o", "{input}"],
        ["template", "zi-2026", "--prefill", "{input}", "-o", "{input}", "--force"],
        ["consensus", "{input}", "{other}", "-o", "{input}"],
        ["compare", "{input}", "{other}", "--format", "xlsx", "-o", "{input}"],
    ],
    ids=["report", "template", "consensus", "compare"],
)
def test_commands_refuse_to_write_over_an_input(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, args: list[str]
) -> None:
    source = tmp_path / "lke.xlsx"
    other = tmp_path / "lain.json"
    source.write_bytes(EXAMPLE_XLSX.read_bytes())
    other.write_bytes(EXAMPLE_JSON.read_bytes())
    before = source.read_bytes()
    result = run(capsys, *[a.format(input=source, other=other) for a in args])
    assert result.code == 2, result.err
    assert "sama dengan berkas masukan" in result.err
    assert source.read_bytes() == before


@pytest.mark.parametrize(
    "args",
    [
        ["template", "zi-2026", "-o", "{output}", "--force"],
        ["consensus", "{a}", "{b}", "-o", "{output}"],
        ["compare", "{a}", "{b}", "--format", "xlsx", "-o", "{output}"],
    ],
    ids=["template", "consensus", "compare"],
)
def test_a_workbook_save_that_fails_keeps_the_old_output(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    from openpyxl.workbook.workbook import Workbook

    def broken_save(self: Workbook, filename: str) -> None:
        Path(filename).write_bytes(b"PK half a workbook")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Workbook, "save", broken_save)
    output = tmp_path / "hasil.xlsx"
    output.write_bytes(b"previous work")
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.write_bytes(EXAMPLE_JSON.read_bytes())
    b.write_bytes(EXAMPLE_JSON.read_bytes())
    result = run(capsys, *[x.format(output=output, a=a, b=b) for x in args])
    assert result.code != 0
    assert output.read_bytes() == b"previous work"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json", "b.json", "hasil.xlsx"]


# --- no formulas from users' text ------------------------------------------------------------------


def test_template_prefill_writes_hostile_notes_as_text(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    output = tmp_path / "lke.xlsx"
    result = run(capsys, "template", "zi-2026", "--prefill", str(hostile_json(tmp_path)), "-o", str(output))
    assert result.code == 0, result.err
    assert formula_cells(output) == []


def test_consensus_writes_hostile_notes_as_text(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    output = tmp_path / "konsensus.xlsx"
    hostile = hostile_json(tmp_path)
    result = run(capsys, "consensus", str(hostile), str(EXAMPLE_JSON), "-o", str(output))
    assert result.code in (0, 1), result.err
    assert formula_cells(output) == []


def test_compare_action_plan_writes_hostile_text_as_text(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The action plan lists differing answers with their notes: make one differ, carrying the note."""
    doc = json.loads(hostile_json(tmp_path).read_text(encoding="utf-8"))
    doc["answers"][0]["jawaban_unit"] = "Tidak"
    changed = tmp_path / "berubah.json"
    changed.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    output = tmp_path / "rencana.xlsx"
    result = run(capsys, "compare", str(EXAMPLE_JSON), str(changed), "--format", "xlsx", "-o", str(output))
    assert result.code in (0, 1), result.err
    from openpyxl import load_workbook

    cells = [
        c
        for s in load_workbook(output).worksheets
        for r in s.iter_rows()
        for c in r
        if isinstance(c.value, str)
    ]
    assert cells, "the action plan is empty"
    hostile = [c for c in cells if any(h.lstrip("=+-@") in c.value for h in HOSTILE.values())]
    assert hostile, "the hostile note never reached the action plan"
    assert all(is_inert(c) for c in hostile)


def test_score_csv_never_starts_a_cell_with_a_formula_sign(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Titles come from a worksheet file and the file column from the command line: both are user text."""
    import yaml

    from pmprb.catalog import shipped_paths

    data = yaml.safe_load(shipped_paths()["zi-2026"].read_text(encoding="utf-8"))
    data["id"] = "evil"
    data["nodes"][0]["title"] = "=cmd|' /C calc'!A0"
    data["nodes"][0]["children"][0]["title"] = "@SUM(1)"
    data["nodes"][1]["title"] = "-1+2"
    data["nodes"][1]["children"][0]["title"] = "+3"
    (tmp_path / "evil.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    (tmp_path / "=jawaban.json").write_bytes(EXAMPLE_JSON.read_bytes())
    monkeypatch.chdir(tmp_path)
    result = run(capsys, "score", "=jawaban.json", "-w", "evil.yaml", "--format", "csv")
    assert result.code == 0, result.err
    rows = list(csv.reader(io.StringIO(result.out)))
    cells = [c for row in rows for c in row]
    assert len(rows) > 10
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@"))]
    assert "'=cmd|' /C calc'!A0" in cells and "'@SUM(1)" in cells and "'=jawaban.json" in cells


# --- reports escape what came from a file -----------------------------------------------------------


def test_report_escapes_workbook_text(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    output = tmp_path / "laporan.html"
    result = run(capsys, "report", str(hostile_json(tmp_path)), "-o", str(output))
    assert result.code in (0, 1), result.err
    html = output.read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # the unit's name is shown, escaped
