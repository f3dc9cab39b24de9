"""`pmprb report --compare OTHER`: the comparison section through the report's extension point."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from pmprb.catalog import get_worksheet
from pmprb.writers.official_excel import write_official_zi
from tests.answer_sets import extreme_answers
from tests.cli_runner import run

WS = get_worksheet("zi-2026")


def text_of(path: Path) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")))


def test_report_with_and_without_comparison(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    last_year = extreme_answers(WS, best=True)
    this_year = {**last_year, "126": "C", "2": "B"}
    old, new = tmp_path / "2025.xlsx", tmp_path / "2026.xlsx"
    write_official_zi(old, WS, {"unit": last_year})
    write_official_zi(new, WS, {"unit": this_year})
    out = tmp_path / "laporan.html"
    r = run(capsys, "report", str(new), "--compare", str(old), "-o", str(out), "--date", "2026-11-25")
    assert r.code == 0, r.err
    page = " ".join(text_of(out).split())
    assert "Perbandingan: 2025.xlsx → 2026.xlsx" in page
    assert "Jawaban yang berbeda (2)" in page
    # most points first: 126 (own weight 5 x -0.5), then 2 (0.5 / 2 x -0.5)
    assert re.search(r"126 Capaian Kinerja.*?-2,50.*?2 Penentuan anggota Tim.*?-0,13", page)
    assert "125 / 127" in page and "2,63 poin diperselisihkan" in page
    plain = tmp_path / "tanpa.html"
    assert run(capsys, "report", str(new), "-o", str(plain), "--date", "2026-11-25").code == 0
    assert "Perbandingan" not in text_of(plain)


def test_report_compares_layers_of_one_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    unit = extreme_answers(WS, best=True)
    path = tmp_path / "lke.xlsx"
    write_official_zi(path, WS, {"unit": unit, "tpi": {**unit, "1": "Tidak"}})
    out = tmp_path / "tpi.html"
    r = run(
        capsys,
        "report",
        str(path),
        "--layer",
        "tpi",
        "--compare",
        str(path),
        "--compare-layer",
        "unit",
        "-o",
        str(out),
        "--lang",
        "en",
    )
    assert r.code == 0, r.err
    page = " ".join(text_of(out).split())
    assert "Comparison: unit → tpi" in page and "Answers that differ (1)" in page and "-0.25" in page


def test_report_compare_needs_one_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "lke.xlsx"
    write_official_zi(path, WS, {"unit": extreme_answers(WS, best=True)})
    out = tmp_path / "r.html"
    r = run(capsys, "report", str(path), str(path), "--compare", str(path), "-o", str(out))
    assert r.code == 2 and "tepat satu berkas" in r.err and not out.exists()
    clash = run(capsys, "report", str(path), "--compare", str(out), "-o", str(out))
    assert clash.code == 2 and not out.exists()
