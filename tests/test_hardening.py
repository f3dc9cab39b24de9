"""Broken, odd and hostile inputs through `pmprb score`: a clear message with the file's location and an
exit code, never a traceback, never a hang. Files come from tests/data/bad/corpus.py (built in tmp_path)
plus three committed ones that need outside tools (old .xls/.ods, an encrypted workbook)."""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

import pytest

from pmprb.readers import load
from pmprb.readers.source import MAX_COLUMNS, MAX_ROWS, Source
from tests.cli_runner import run

BAD = Path(__file__).parent / "data" / "bad"
_spec = importlib.util.spec_from_file_location("bad_corpus", BAD / "corpus.py")
assert _spec and _spec.loader
corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(corpus)


def score(capsys: pytest.CaptureFixture[str], path: Path, *args: str):
    return run(capsys, "score", str(path), *args)


# case -> (exit code, text that must appear in stderr, with the file's location first)
REFUSED = {
    "empty": ("berkas kosong",),
    "not-a-zip": ("Format berkas tidak dikenali",),
    "truncated": ("rusak atau terpotong",),
    "zip-without-workbook": ("bukan workbook",),
    "zip-bomb": ("mengembang menjadi 2048 MB",),
    "billion-laughs": ("entitas (DOCTYPE)",),
    "million-rows": (f"ada sel di baris/row {MAX_ROWS + 1}; batasnya {MAX_ROWS} baris",),
    "far-cell": ("ada sel di baris/row 1048576, kolom/column XFD (16384)",),
    "wide-row": (f"kolom/column XFU (16401); batasnya {MAX_ROWS} baris x {MAX_COLUMNS} kolom",),
    "json-not-utf8": ("bukan UTF-8",),
    "json-not-object": ("bukan objek",),
    "json-huge": ("12 MB, melebihi batas 10 MB untuk JSON",),
    "json-deep": ("bersarang terlalu dalam",),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_refused_with_a_message_and_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, case: str
) -> None:
    path = corpus.build(case, tmp_path)
    result = score(capsys, path)
    assert result.code == 2, result.err
    assert result.err.startswith(str(path)), result.err
    for needle in REFUSED[case]:
        assert needle in result.err.replace("\n", " "), result.err
    assert "RUST_BACKTRACE" not in result.err


def test_refusals_in_json_carry_code_and_location(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = corpus.build("zip-bomb", tmp_path)
    result = score(capsys, path, "--format", "json", "--lang", "en")
    assert result.code == 2
    error = json.loads(result.out)["errors"][0]
    assert error["code"] == "file.bomb"
    assert error["location"] == {"file": str(path)}
    assert "refused for safety" in error["message"]


def test_directory_and_missing_path(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    result = score(capsys, tmp_path)  # a folder is an input; this one holds nothing pmprb reads
    assert result.code == 2 and "Tidak ada berkas" in result.err and result.err.startswith(str(tmp_path))
    missing = tmp_path / "tidak-ada.xlsx"
    result = score(capsys, missing)
    assert result.code == 2 and "tidak ditemukan" in result.err and str(missing) in result.err


def test_encrypted_workbook(capsys: pytest.CaptureFixture[str]) -> None:
    result = score(capsys, BAD / "encrypted.xlsx", "--lang", "en")
    assert result.code == 2
    assert "password-protected" in result.err and "remove the password" in result.err


@pytest.mark.parametrize("name", ["old.xls", "old.ods"])
def test_old_formats_are_read_even_when_renamed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str
) -> None:
    """An .xls or .ods renamed to .xlsx is read by its content and scores like the original."""
    renamed = tmp_path / "lke.xlsx"
    shutil.copy(BAD / name, renamed)
    expected = json.loads(score(capsys, corpus.EXAMPLE_XLSX, "--format", "json").out)
    result = score(capsys, renamed, "--format", "json")
    assert result.code == 0, result.err
    got = json.loads(result.out)
    assert got["total"] == expected["total"] and got["missing"] == expected["missing"] == ["21", "57"]


def test_huge_dimension_tag_is_ignored(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    expected = json.loads(score(capsys, corpus.EXAMPLE_XLSX, "--format", "json").out)["total"]
    result = score(capsys, corpus.build("huge-dimension", tmp_path), "--format", "json")
    assert result.code == 0 and json.loads(result.out)["total"] == expected


def test_formulas_without_cached_values_warn_per_cell(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = corpus.build("formula-uncached", tmp_path)
    result = score(capsys, path)
    assert result.code == 0
    for ref, question in (("K6", "1"), ("K7", "2")):
        assert (
            f"{path}:Jawaban!{ref}: peringatan Pertanyaan {question}: sel berisi rumus tanpa nilai tersimpan"
            in result.err
        )
    assert "4 pertanyaan belum dijawab:" in result.out
    for cell in ("Jawaban!K6 ", "Jawaban!K7 ", "Jawaban!K83 "):  # each with its cell, in sheet order
        assert cell in result.out
    assert result.out.index("Jawaban!K7 ") < result.out.index("Jawaban!K83 ")


def test_merged_answer_cells_warn(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = corpus.build("merged-answers", tmp_path)
    result = score(capsys, path, "--lang", "en")
    assert result.code == 0
    assert f"{path}:Jawaban!K7: warning Question 2: this cell is part of the merged range K6:K8" in result.err
    assert "Question 1:" not in result.err  # K6 holds the value itself


def test_hidden_rows_and_sheet_are_read_and_said(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    expected = json.loads(score(capsys, corpus.EXAMPLE_XLSX, "--format", "json").out)["total"]
    rows = score(capsys, corpus.build("hidden-rows", tmp_path), "--format", "json")
    data = json.loads(rows.out)
    assert data["total"] == expected
    hidden = [w for w in data["warnings"] if w["code"] == "cell.hidden-row"]
    assert [(w["question"], w["location"]["cell"]) for w in hidden] == [("1", "K6"), ("2", "K7")]
    sheet = score(capsys, corpus.build("hidden-sheet", tmp_path), "--format", "json")
    data = json.loads(sheet.out)
    assert data["total"] == expected
    assert [w["location"] for w in data["warnings"] if w["code"] == "sheet.hidden"] == [
        {"file": str(tmp_path / "hidden-sheet.xlsx"), "sheet": "Jawaban"}
    ]


def test_answer_sheet_missing(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    assert book.active is not None
    book.active.title = "Sheet1"
    book.save(tmp_path / "lain.xlsx")
    result = score(capsys, tmp_path / "lain.xlsx", "--lang", "en")
    assert result.code == 2
    assert f"{tmp_path / 'lain.xlsx'}: error" in result.err and "the file has: Sheet1" in result.err


def test_answer_sheet_renamed_is_found_by_its_structure(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    result = score(capsys, corpus.build("renamed-sheet", tmp_path), "--format", "json")
    assert result.code == 0
    assert "Jawaban (2)" in json.loads(result.out)["worksheet_reason"]


def test_duplicate_question_rows_are_reported(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = corpus.build("duplicate-rows", tmp_path)
    result = score(capsys, path, "--format", "json")
    assert result.code == 0
    warnings = json.loads(result.out)["warnings"]
    assert any(w.get("question") == "2" for w in warnings), warnings
    assert any(w["location"].get("cell", "").endswith("7") for w in warnings), warnings


def test_duplicate_rows_in_fixed_row_layout(tmp_path: Path) -> None:
    """The fixed-row reader (used for .xls and when the structure reader declines) says so too."""
    from pmprb.catalog import get_worksheet
    from pmprb.readers import official_excel

    source = Source.open(corpus.build("duplicate-rows", tmp_path))
    sheets = official_excel.read(source, get_worksheet("zi-2026"), ("unit",))
    problems = source.answer_warnings(sheets["unit"].answers)
    assert [(p.code, p.question, p.params) for p in problems] == [
        ("cell.duplicate-row", "2", {"row": 7, "other": 6})
    ]


def test_invalid_values_are_all_reported_with_their_cells(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = corpus.build("bad-values", tmp_path)
    result = score(capsys, path, "--format", "json", "--lang", "en")
    assert result.code == 1
    errors = json.loads(result.out)["errors"]
    assert len(errors) == 6
    values = {e["value"] for e in errors}
    assert values == {"Z", "sangat baik", "-3.0", "2.5", "7.0", "NaN"}
    assert all(e["location"]["sheet"] == "Jawaban" and e["location"]["cell"].startswith("K") for e in errors)


def test_json_nan_infinity_and_unknown_ids(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    result = score(capsys, corpus.build("json-bad-values", tmp_path), "--format", "json")
    assert result.code == 1
    errors = json.loads(result.out)["errors"]
    assert {(e["question"], e["value"]) for e in errors} == {
        ("88", "Infinity"),
        ("125", "NaN"),
        ("127", "NaN"),
    }
    assert errors[0]["location"]["json_path"].startswith("$.answers[")
    result = score(capsys, corpus.build("json-unknown-ids", tmp_path), "--format", "json")
    assert result.code == 1
    paths = [e["location"]["json_path"] for e in json.loads(result.out)["errors"]]
    assert paths == ["$.answers[127].soal_id", "$.answers[128].soal_id"]


def test_every_case_in_one_run_keeps_going(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Many broken files at once: each gets its own message, the good one still scores."""
    paths = [corpus.build(case, tmp_path) for case in ("empty", "truncated", "zip-bomb", "far-cell")]
    result = run(
        capsys, "score", *map(str, paths), str(corpus.EXAMPLE_XLSX), "--format", "json", "--jobs", "1"
    )
    assert result.code == 2
    refused = {d["file"]: bool(d["errors"]) and d["total"] is None for d in json.loads(result.out)}
    assert refused == {**{str(p): True for p in paths}, str(corpus.EXAMPLE_XLSX): False}


def test_a_batch_reads_guarded_formats_in_its_workers(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """.xls/.xlsb/.ods are read in a child process of their own, from a batch worker too."""
    for i in range(9):
        shutil.copy(corpus.EXAMPLE_JSON, tmp_path / f"unit{i}.json")
    shutil.copy(BAD / "old.ods", tmp_path / "zz-last.ods")  # after the first file, so in a worker
    result = run(capsys, "score", str(tmp_path), "--format", "json", "--jobs", "2")
    assert result.code != 3, result.err
    assert len(json.loads(result.out)) == 10


def test_lying_zip_directory_is_refused(tmp_path: Path) -> None:
    """A part whose directory entry understates its size is caught by zipfile before calamine inflates it."""
    import struct

    path = corpus.build("zip-bomb", tmp_path)
    data = bytearray(path.read_bytes())
    # the sheet is the last entry: claim it inflates to no more than its compressed size
    entry = data.rindex(b"PK\x01\x02")
    compressed = struct.unpack_from("<I", data, entry + 20)[0]
    struct.pack_into("<I", data, entry + 24, compressed)
    path.write_bytes(bytes(data))
    with pytest.raises(Exception) as caught:
        load(path)
    assert type(caught.value).__name__ == "UserError"
    assert caught.value.problems[0].code in ("file.damaged", "file.bomb")  # type: ignore[attr-defined]


def test_small_part_lying_about_its_size_stays_small(tmp_path: Path) -> None:
    """Parts under SMALL_PART compressed bytes are not inflated before calamine reads them: deflate's
    1032:1 ceiling keeps what they can hide to about a megabyte, and the file is still read or refused."""
    import io
    import struct
    import zipfile

    from pmprb.errors import UserError
    from pmprb.readers.source import DEFLATE_MAX_RATIO, SMALL_PART
    from tests.conftest import EXAMPLES

    hidden = b"<!--" + b" " * 1_000_000 + b"-->"
    buffer = io.BytesIO()
    with zipfile.ZipFile(EXAMPLES / "lke-zi-2026-unit.xlsx") as source, zipfile.ZipFile(buffer, "w") as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/styles.xml":
                data = data.replace(b"?>", b"?>" + hidden, 1)
            out.writestr(info.filename, data, zipfile.ZIP_DEFLATED, 9)
    data = bytearray(buffer.getvalue())
    entry = data.index(b"PK\x01\x02")  # the central directory's entries, to the one for styles.xml
    while data[entry + 46 : entry + 59] != b"xl/styles.xml":
        entry = data.index(b"PK\x01\x02", entry + 4)
    compressed, size = struct.unpack_from("<II", data, entry + 20)
    assert compressed <= SMALL_PART and size <= compressed * DEFLATE_MAX_RATIO
    struct.pack_into("<I", data, entry + 24, 3000)  # the directory claims 3 KB
    path = tmp_path / "lying-styles.xlsx"
    path.write_bytes(bytes(data))
    try:
        load(path)  # calamine streams the part: about a megabyte more to read, nothing worse
    except UserError as exc:
        assert exc.problems[0].code in ("file.damaged", "file.unreadable")


def test_hostile_xls_is_read_in_a_bounded_child(capsys: pytest.CaptureFixture[str]) -> None:
    """A 6 KB .xls with a cell at IV65536 makes the reader allocate ~1 GB: the child process reading it
    runs out of its memory allowance and the user gets a message, not a dead process."""
    import multiprocessing

    result = score(capsys, BAD / "far.xls", "--lang", "en")
    assert result.code == 2
    assert f"{BAD / 'far.xls'}: error Reading the file took over 30 s or 512 MB of memory" in result.err
    assert "RUST_BACKTRACE" not in result.err and "memory allocation" not in result.err
    assert multiprocessing.active_children() == []


def test_formula_reader_refuses_entity_expansion_too(tmp_path: Path) -> None:
    """The cross-check reads formulas with the standard library's XML parser: expat (>= 2.4) refuses
    the amplification instead of expanding a billion laughs."""
    from pmprb.crosscheck.formulas import read_sheet

    found = read_sheet(str(corpus.build("billion-laughs", tmp_path)), "Jawaban")
    assert not found.readable and found.formulas == {}


def test_any_file_over_the_size_limit(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "besar.xlsx"
    with path.open("wb") as fh:  # sparse: no disk used
        fh.truncate(51 * 1024 * 1024)
    result = score(capsys, path, "--lang", "en")
    assert result.code == 2 and "The file is 51 MB, over the 50 MB limit" in result.err


def test_a_file_without_a_size_is_read_to_its_end(tmp_path: Path) -> None:
    """A named pipe tells no size (0): it is read to its end, within the limit, like a file."""
    import os
    import threading

    example = (Path(__file__).parents[1] / "examples" / "lke-zi-2026-unit.xlsx").read_bytes()
    pipe = tmp_path / "jawaban.xlsx"
    os.mkfifo(pipe)

    def write() -> None:
        with pipe.open("wb") as fh:
            fh.write(example)

    writer = threading.Thread(target=write)
    writer.start()
    loaded = load(pipe)
    writer.join()
    assert loaded.source.kind == "xlsx" and loaded.source._raw == example
    assert len(loaded.sheets["unit"].answers) == 127
