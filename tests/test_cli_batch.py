"""Issue 16: batches as people run them: interrupted, given folders and lists, piped, with the table,
CSV and JSON showing every file in natural order, and memory that does not grow with the files."""

from __future__ import annotations

import csv
import io
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pmprb.catalog import get_worksheet
from pmprb.writers.official_excel import write_official_zi
from tests.answer_sets import extreme_answers
from tests.cli_runner import run
from tests.conftest import EXAMPLES, ROOT
from tests.signals import interrupt

XLSX = EXAMPLES / "lke-zi-2026-unit.xlsx"
JSON = EXAMPLES / "portalrb-jawaban-2026.json"
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "120"}


def pmprb(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "pmprb", *map(str, args)]


def started(process: subprocess.Popen[str]) -> None:
    """Wait until pmprb catches SIGINT and SIGTERM (its first act): before that the interpreter itself
    is starting, and a signal meets Python's defaults, whatever any program does."""
    wanted = (1 << (signal.SIGINT - 1)) | (1 << (signal.SIGTERM - 1))
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            status = Path(f"/proc/{process.pid}/status").read_text()
        except OSError:
            return  # ended already
        caught = int(next(line for line in status.splitlines() if line.startswith("SigCgt:")).split()[1], 16)
        if caught & wanted == wanted:
            return
        time.sleep(0.005)


@pytest.fixture(scope="module")
def batch600(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("batch600")
    xlsx, data = XLSX.read_bytes(), JSON.read_bytes()
    for i in range(300):
        (folder / f"unit{i}.xlsx").write_bytes(xlsx)
        (folder / f"unit{i}.json").write_bytes(data)
    return folder


def test_interrupted_at_random_moments_ends_promptly_and_writes_nothing(
    batch600: Path, tmp_path: Path
) -> None:
    """SIGINT as a terminal sends it (to the whole process group, workers too) and SIGTERM as `kill`
    and `timeout` send it (to pmprb only), each at a random moment of a 600-file batch."""
    rng = random.Random(16)
    interrupted = 0
    for attempt in range(30):
        sig = (signal.SIGINT, signal.SIGTERM)[attempt % 2]
        out = tmp_path / f"run{attempt}" / "nilai.csv"
        process = subprocess.Popen(
            pmprb("score", batch600, "--format", "csv", "--output", out),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=ENV,
            start_new_session=True,
        )
        started(process)
        time.sleep(rng.uniform(0, 2.0))
        err, took = interrupt(process, sig, f"the batch (attempt {attempt})")
        left = sorted(p.name for p in out.parent.iterdir()) if out.parent.exists() else []
        if process.returncode == 0:  # the batch ended before the signal came
            assert left == ["nilai.csv"]
            continue
        interrupted += 1
        assert process.returncode == {signal.SIGINT: 130, signal.SIGTERM: 143}[sig], err
        assert took < 3, f"attempt {attempt}: {took:.1f} s after {sig.name}"
        assert left == []  # neither the output nor its temporary file
        lines = err.strip().splitlines()
        assert len(lines) == 1 and lines[0].endswith("tidak ada berkas keluaran yang ditulis.")
        # once the files are gathered, how many of them were scored
        assert (
            lines[0].startswith(("Dihentikan;", "Dihentikan: "))
            and " dari 600 berkas" in lines[0]
            or ":" not in lines[0]
        )
    assert interrupted >= 15


@pytest.mark.parametrize("delay", [0, 0.1, 0.3, 0.6])
def test_any_command_interrupted_says_so_and_writes_nothing(tmp_path: Path, delay: float) -> None:
    out = tmp_path / "lke.xlsx"
    process = subprocess.Popen(
        pmprb("template", "zi-2026", "--output", out, "--lang", "en"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=ENV,
    )
    started(process)  # then during the imports, the worksheet's loading, the workbook's writing
    time.sleep(delay)
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=30)
    assert "Traceback" not in err
    if process.returncode == 0:
        assert out.exists()
        return
    assert process.returncode == 143
    assert err.strip() == "Interrupted; no output file was written."
    assert list(tmp_path.iterdir()) == []


def test_a_closed_pipe_ends_quietly_with_sigpipes_status(batch600: Path) -> None:
    process = subprocess.Popen(
        pmprb("score", batch600, "--format", "csv"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=ENV,
    )
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.readline().startswith(b"file,")
    process.stdout.close()  # `| head -1`
    err = process.stderr.read().decode()
    assert process.wait(timeout=60) == 128 + signal.SIGPIPE
    assert err == ""


def _nested(root: Path) -> dict[str, Path]:
    """A unit's folders as people keep them: subfolders, a note, a workbook's lock file."""
    files = {
        "unit10": root / "kanwil" / "unit10.json",
        "unit2": root / "kanwil" / "unit2.json",
        "unit1": root / "kanwil" / "kpp" / "unit1.xlsx",
        "Unit3": root / "lain" / "Unit3.xlsx",
    }
    for path in files.values():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes((JSON if path.suffix == ".json" else XLSX).read_bytes())
    (root / "catatan.txt").write_text("bukan LKE")
    (root / "kanwil" / "~$unit2.xlsx").write_bytes(b"lock")
    (root / "lain" / "foto.png").write_bytes(b"\x89PNG")
    return files


def test_a_folder_is_searched_recursively_in_natural_order(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    files = _nested(tmp_path / "lke")
    r = run(capsys, "score", str(tmp_path / "lke"), "--format", "json")
    assert r.code == 0
    order = [d["file"] for d in json.loads(r.out)]
    # by folder, then digits as numbers (unit2 before unit10), letters' case aside
    expected = ["kpp/unit1.xlsx", "unit2.json", "unit10.json"]
    assert order == [str(files[k]) for k in ("unit1", "unit2", "unit10", "Unit3")]
    assert [o.rsplit("kanwil/", 1)[-1] for o in order[:3]] == expected
    assert "3 berkas lain di 1 folder dilewati" in r.err  # the note, the lock file, the picture
    english = run(capsys, "score", str(tmp_path / "lke"), "--format", "json", "--lang", "en")
    assert "3 other files skipped (folders searched: 1;" in english.err


def test_an_empty_folder_is_a_usage_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "kosong").mkdir()
    (tmp_path / "kosong" / "catatan.txt").write_text("x")
    r = run(capsys, "score", str(tmp_path / "kosong"))
    assert r.code == 2 and "Tidak ada berkas" in r.err


def test_files_from_standard_input(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    files = _nested(tmp_path / "lke")
    listing = f"{files['unit10']}\r\n\n{files['unit2']}\n{tmp_path / 'lke' / 'lain'}\n"
    monkeypatch.setattr(sys, "stdin", io.StringIO(listing))
    r = run(capsys, "score", "--files-from", "-", "--format", "csv")
    assert r.code == 0
    rows = [row for row in csv.DictReader(io.StringIO(r.out)) if row["node"] == "total"]
    assert [row["file"] for row in rows] == [str(files[k]) for k in ("unit2", "unit10", "Unit3")]
    assert rows[0]["unit"] == "Kantor Pelayanan Contoh" and rows[0]["missing"] == "2"


def test_files_from_a_list_with_files_named_too(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    files = _nested(tmp_path / "lke")
    listing = tmp_path / "daftar.txt"
    listing.write_text(f"{files['unit10']}\n{files['unit2']}\n")
    r = run(capsys, "score", str(files["unit1"]), "--files-from", str(listing), "--format", "json")
    assert [d["file"] for d in json.loads(r.out)] == [str(files[k]) for k in ("unit1", "unit2", "unit10")]
    missing = run(capsys, "score", "--files-from", str(tmp_path / "tidak-ada.txt"))
    assert missing.code == 2 and "Daftar berkas tidak dapat dibaca" in missing.err


def _column(out: str, index: int) -> str:
    """A table column's text, its wrapped pieces joined."""
    pieces = [line.split("│")[index].strip() for line in out.splitlines() if line.count("│") == 5]
    return "".join(pieces)


def test_the_batch_table_keeps_whole_names_in_natural_order(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    long = "LKE_ZI_2026_KPP_Pratama_Jakarta_Gambir_Tiga_Penilaian_Mandiri"
    names = [f"{long}_unit{i}.json" for i in (1, 2, 10)]
    for name in names:
        (tmp_path / name).write_bytes(JSON.read_bytes())
    (tmp_path / "rusak.xlsx").write_bytes(b"PK\x03\x04 not a zip")
    monkeypatch.setenv("COLUMNS", "70")
    r = run(capsys, "score", str(tmp_path))
    assert r.code == 2  # one file could not be read
    assert "…" not in r.out
    files = _column(r.out, 1)
    expected = [str(tmp_path / n) for n in (*names, "rusak.xlsx")]
    assert files == "".join(expected)  # every name whole, unit1, unit2, unit10, then rusak
    assert _column(r.out, 0).startswith("KantorPelayananContoh" * 3)  # the name PortalRB's file gives
    assert "Kesalahan" in r.out  # headers wrap at words, never cut
    assert "Ringkasan: 4 berkas" in r.out
    assert r.out.index("Ringkasan") > r.out.rindex("│")  # the summary line closes the table


def test_problems_are_listed_in_sheet_order(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    ws = get_worksheet("zi-2026")
    answers = extreme_answers(ws, best=True)
    answers.update({"125": "4,5", "9": "Mungkin", "88": "-2", "1": "Mungkin"})
    path = tmp_path / "lke.xlsx"
    write_official_zi(path, ws, {"unit": answers})
    r = run(capsys, "score", str(path), "--lang", "en")
    assert r.code == 1
    cells = [line.split("!")[1].split(":")[0] for line in r.err.splitlines() if ": error" in line]
    rows = [int(cell.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")) for cell in cells]
    assert len(rows) == 4 and rows == sorted(rows), cells  # K6 ... K126, K199: not K126, K199, K6
    first = " ".join(r.err.split()).split("!K6:", 1)[1].split("!K", 1)[0]  # rich wraps long lines
    assert f"«{ws.questions['1'].text[:30]}" in first  # what the question asks, beside its cell


def test_missing_answers_show_place_and_text(capsys: pytest.CaptureFixture[str]) -> None:
    r = run(capsys, "score", str(JSON), "--lang", "en")
    assert "2 unanswered questions:" in r.out
    assert "$.answers[20].jawaban_unit  21. Telah dilakukan" in r.out
    data = json.loads(run(capsys, "score", str(JSON), "--format", "json").out)
    assert [m["location"]["json_path"] for m in data["missing_at"]] == [
        "$.answers[20].jawaban_unit",
        "$.answers[56].jawaban_unit",
    ]
    assert data["missing_at"][0]["text"].startswith("Telah dilakukan")


def _peak_rss_kib(folders: list[Path], out: Path) -> int:
    """The largest resident set of pmprb and its workers, measured by a fresh process that waits for
    them (getrusage(RUSAGE_CHILDREN) keeps the peak of every child it reaped)."""
    code = (
        "import resource, subprocess, sys\n"
        "done = subprocess.run(sys.argv[1:], check=False, stdout=subprocess.DEVNULL)\n"
        "print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    args = pmprb("score", *folders, "--format", "json", "--output", out, "--jobs", "2")
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=ENV, check=True
    )
    code, peak = map(int, done.stdout.split())
    assert code == 0, done.stderr
    return peak


def test_memory_does_not_grow_with_the_number_of_files(tmp_path: Path) -> None:
    folders = []
    for f in range(100):
        folder = tmp_path / f"kanwil{f}"
        folder.mkdir()
        folders.append(folder)
        for i in range(100):
            answers = [{"soal_id": q, "jawaban_unit": a} for q, a in ((1, "Ya"), (2, "A"), (3, "Ya"))]
            data = {"tahun": 2026, "nama_unit": f"Unit {f}-{i}", "answers": answers}
            (folder / f"unit{i}.json").write_text(json.dumps(data))
    small = _peak_rss_kib(folders[:10], tmp_path / "1000.json")
    large = _peak_rss_kib(folders, tmp_path / "10000.json")
    assert len(json.loads((tmp_path / "10000.json").read_text())) == 10_000
    assert large <= small * 1.2, (small, large)
