"""`pmprb report` as people use it (issue 16, problems 6 and 7): output folders, messages about writing,
names the report had to make up, no folders of the user's in a report, the roll-up's error and
warning columns, the form's disagreements on the summary page, no progress bar when not watched."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pmprb.api import score_file
from pmprb.catalog import get_worksheet
from pmprb.errors import Location, Problem
from pmprb.i18n import Figure
from pmprb.report import Scored, build, render_html
from pmprb.report.format import report_date
from tests.cli_runner import run
from tests.report_helpers import DATE, EXAMPLE_JSON, EXAMPLE_XLSX, variant


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_report_creates_missing_output_folders(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "laporan" / "2026" / "unit.html"
    result = run(capsys, "report", str(EXAMPLE_JSON), "-o", str(out), "--date", DATE)
    assert result.code == 0, result.err
    assert out.is_file()
    assert sorted(p.name for p in out.parent.iterdir()) == ["unit.html"]  # no temporary file left


@pytest.mark.parametrize(
    ("lang", "expected", "other"),
    [("id", "tidak dapat ditulis", "cannot"), ("en", "cannot be written", "tidak dapat")],
)
def test_an_output_that_cannot_be_written_says_so_in_one_language(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, lang: str, expected: str, other: str
) -> None:
    (tmp_path / "laporan").write_text("a file where a folder should be")
    out = tmp_path / "laporan" / "unit.pdf"
    result = run(capsys, "report", str(EXAMPLE_JSON), "-o", str(out), "--lang", lang)
    assert result.code == 2
    err = _flat(result.err)
    assert expected in err and str(out) in err
    err = err.replace(str(out), "")
    assert other not in err and "read" not in err and "dibaca" not in err


def test_a_unit_without_a_name_is_warned_about_and_not_signed_with_the_file_name(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "r.html"
    result = run(capsys, "report", str(EXAMPLE_XLSX), "-o", str(out), "--date", DATE)
    assert result.code == 0, result.err
    err = _flat(result.err)
    assert f"{EXAMPLE_XLSX}: peringatan berkas ini tidak memuat nama unit kerja" in err
    assert "--unit" in err
    assert "--instansi" in err  # nor an instansi
    html = out.read_text(encoding="utf-8")
    assert "Pimpinan lke-zi-2026-unit" not in html
    assert "Pimpinan Unit Kerja" in html

    named = run(
        capsys, "report", str(EXAMPLE_XLSX), "-o", str(out), "--unit", "KPP Contoh", "--instansi", "Kemenkeu"
    )
    assert named.code == 0
    assert "peringatan" not in named.err
    assert "Pimpinan KPP Contoh" in out.read_text(encoding="utf-8")


def test_a_roll_up_warns_for_each_unit_without_a_name_in_english_too(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    named = variant(tmp_path, "a.json", "Unit Alfa")
    unnamed = variant(tmp_path, "b.json", None)
    out = tmp_path / "rekap.html"
    result = run(capsys, "report", str(named), str(unnamed), "-o", str(out), "--lang", "en")
    assert result.code == 0, result.err
    err = _flat(result.err)
    assert err.count("names no work unit") == 1 and f"{unnamed}: warning" in err
    assert "peringatan" not in err


def test_no_folder_of_the_user_appears_in_a_report(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Absolute paths in, file names out: the roll-up, the units, and --compare between two files of the
    same name in different folders."""
    (tmp_path / "2025").mkdir()
    (tmp_path / "2026").mkdir()
    old = variant(tmp_path / "2025", "unit.json", answers={1: "Tidak"})
    new = variant(tmp_path / "2026", "unit.json")
    out = tmp_path / "r.html"
    result = run(capsys, "report", str(new.resolve()), "--compare", str(old.resolve()), "-o", str(out))
    assert result.code == 0, result.err
    html = out.read_text(encoding="utf-8")
    assert str(tmp_path) not in html
    assert "2025/unit.json" in html and "2026/unit.json" in html  # the two sides told apart
    rollup = run(capsys, "report", str(old.resolve()), str(new.resolve()), "-o", str(out))
    assert rollup.code == 0, rollup.err
    assert str(tmp_path) not in out.read_text(encoding="utf-8")


def test_the_roll_up_counts_errors_as_errors_and_warnings_as_warnings(tmp_path: Path) -> None:
    ws = get_worksheet("zi-2026")
    invalid = score_file(variant(tmp_path, "a.json", "Unit Alfa", answers={1: "mungkin", 2: "zz"}))
    warned = score_file(variant(tmp_path, "b.json", "Unit Bravo"))
    warned.problems.append(
        Problem("crosscheck.no-formulas", Location("b.json"), "warning", params={"name": "x"})
    )
    doc = build([Scored(invalid, ws), Scored(warned, ws)], lang="id", day=report_date(None))
    assert doc.rollup is not None
    rows = {r.unit: (r.errors, r.warnings) for r in doc.rollup.rows}
    assert rows == {"Unit Alfa": (len(invalid.errors), 0), "Unit Bravo": (0, 1)}
    assert len(invalid.errors) == 2
    html = render_html(doc)
    ranking = html[
        html.index('class="fx ranking"') : html.index("</table>", html.index('class="fx ranking"'))
    ]
    assert '<th class="num">Kesalahan</th><th class="num">Peringatan</th>' in ranking


def test_the_summary_states_where_the_form_disagrees_with_the_rules(tmp_path: Path) -> None:
    ws = get_worksheet("zi-2026")
    result = score_file(EXAMPLE_JSON)
    findings = [
        Problem(
            "crosscheck.unexplained",
            Location("lke.xlsx", "LKE ZI", f"L{row}"),
            "warning",
            params={"sheet": Figure("70.00"), "engine": Figure("68.50")},  # as pmprb.crosscheck gives them
        )
        for row in (10, 20, 30, 40)
    ]
    result.problems.extend(findings)
    html = render_html(build([Scored(result, ws)], lang="id", day=report_date(None)))
    summary = html[html.index("Ringkasan") : html.index("Syarat predikat")]  # before the rules
    assert "Angka formulir berbeda dari aturan (4 temuan)" in summary
    assert "LKE ZI!L10" in summary and "70,00" in summary and "68,50" in summary
    assert "LKE ZI!L40" not in summary and "dan 1 temuan lain" in summary  # the rest: at the back
    assert 'href="#unit-1-problems"' in summary and 'id="unit-1-problems"' in html
    clean = render_html(build([Scored(score_file(EXAMPLE_JSON), ws)], lang="id", day=report_date(None)))
    assert "Angka formulir berbeda" not in clean


def test_no_progress_bar_when_nobody_watches(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    result = run(capsys, "report", str(EXAMPLE_JSON), str(EXAMPLE_XLSX), "-o", str(out))
    assert result.code == 0
    assert not re.search(r"Membaca berkas|Membuat PDF|\x1b\[", result.err)


def test_progress_appears_after_its_delay_and_leaves_no_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    import threading
    import time

    from pmprb.cli import progress as module

    monkeypatch.setattr(module, "wanted", lambda: True)
    before = threading.active_count()
    with module.progress("x", total=3, delay=0.05) as step:
        step()
        time.sleep(0.3)
        step()
    with module.progress("y", delay=10) as step:  # ends before its delay: never shown
        step()
    assert threading.active_count() == before


@pytest.mark.parametrize(
    "command",
    [
        ["compare", "{a}", "{b}", "-f", "xlsx", "-o", "{out}"],
        ["consensus", "{a}", "{b}", "-o", "{out}"],
    ],
    ids=["action-plan", "consensus"],
)
def test_a_workbook_people_fill_in_is_not_overwritten_without_force(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: list[str]
) -> None:
    a = variant(tmp_path, "a.json", "Unit Alfa")
    b = variant(tmp_path, "b.json", "Unit Alfa", answers={1: "Tidak"})
    out = tmp_path / "rapat" / "kerja.xlsx"
    args = [x.format(a=a, b=b, out=out) for x in command]
    assert run(capsys, *args).code == 0  # its folder made
    out.write_bytes(b"what the meeting typed in")
    again = run(capsys, *args, "--lang", "en")
    assert again.code == 2
    assert "--force" in again.err and "tidak" not in again.err
    assert out.read_bytes() == b"what the meeting typed in"
    assert run(capsys, *args, "--force").code == 0
    assert out.read_bytes().startswith(b"PK")  # a workbook again


def test_a_generated_report_is_replaced_whole(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    out.write_text("an older report")
    assert run(capsys, "report", str(EXAMPLE_JSON), "-o", str(out)).code == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["r.html"]
