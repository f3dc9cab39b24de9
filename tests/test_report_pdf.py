"""`pmprb report -o X.pdf`: the PDF (WeasyPrint) carries the figures a reader looks for, on sane pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from pmprb.api import score_file
from pmprb.report.format import number
from tests.cli_runner import run
from tests.report_helpers import DATE, variant

AREAS = (
    "MANAJEMEN PERUBAHAN",
    "PENATAAN TATALAKSANA",
    "PENATAAN SISTEM MANAJEMEN SDM APARATUR",
    "PENGUATAN AKUNTABILITAS",
    "PENGUATAN PENGAWASAN",
    "PENINGKATAN KUALITAS PELAYANAN PUBLIK",
)


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """One PDF for the module (WeasyPrint takes seconds): a unit that reaches WBBM."""
    folder = tmp_path_factory.mktemp("pdf")
    source = variant(folder, "unit.json", "Kantor Pelayanan Contoh", answers={125: "3,6"})
    out = folder / "laporan.pdf"
    from pmprb.cli.app import main  # module scope: no capsys, so the runner is not used

    with pytest.raises(SystemExit) as exit_info:
        main(["report", str(source), "-o", str(out), "--date", DATE])
    assert exit_info.value.code == 0
    return source, out


def _pages(path: Path) -> list[str]:
    return [re.sub(r"\s+", " ", page.extract_text() or "") for page in PdfReader(path).pages]


def test_pdf_holds_total_predicate_and_every_area(pdf: tuple[Path, Path]) -> None:
    source, out = pdf
    result = score_file(source)
    assert result.predicate == "WBBM"
    pages = _pages(out)
    text = " ".join(pages)
    total = number(result.total, "id")
    assert total in pages[0] and "WBBM" in pages[0]  # on the cover
    assert "Wilayah Birokrasi Bersih dan Melayani" in pages[0]
    for area in AREAS:
        assert area in text, area
        assert area.title().replace("Sdm", "SDM") in text  # the combined area in the chart table
    for node in result.nodes:
        if not node.combined and node.depth <= 2:
            assert number(node.score, "id") in text


def test_pdf_pages_are_numbered_a4_with_a_running_header(pdf: tuple[Path, Path]) -> None:
    _, out = pdf
    reader = PdfReader(out)
    count = len(reader.pages)
    assert 8 <= count <= 40  # 127 questions with notes; a blank or runaway layout falls outside
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(width - 595.3) < 1 and abs(height - 841.9) < 1  # A4 in points
    pages = _pages(out)
    assert f"Halaman 1 dari {count}" in pages[0]
    assert f"Halaman {count} dari {count}" in pages[-1]
    for page in pages[1:]:  # margin boxes: unit and worksheet on top, title and page number below
        assert "Kantor Pelayanan Contoh" in page and "LKE Zona Integritas 2026 (Menuju WBK/WBBM)" in page
    assert "Mengetahui," in pages[-1]  # the signature block closes the unit's report


def test_pdf_questions_table_repeats_its_header(pdf: tuple[Path, Path]) -> None:
    _, out = pdf
    pages = _pages(out)
    first = next(i for i, p in enumerate(pages) if "Rincian jawaban" in p)
    following = pages[first + 1 : -1]
    assert following, "the answers table spans several pages"
    for page in following:
        assert "No. Pertanyaan Jawaban Nilai Catatan Bukti dukung" in page


def test_pdf_rollup(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    files = [variant(tmp_path, f"{name}.json", f"Unit {name}") for name in ("Alfa", "Beta")]
    out = tmp_path / "rekap.pdf"
    result = run(capsys, "report", *map(str, files), "-o", str(out), "--instansi", "Kementerian Contoh")
    assert result.code == 0, result.err
    pages = _pages(out)
    assert "Rekapitulasi Hasil Penilaian" in pages[0] and "Kementerian Contoh" in pages[0]
    text = " ".join(pages)
    assert "Peringkat unit kerja" in text and "Sebaran predikat" in text
    assert text.count("Syarat predikat WBBM") == 2
    # each unit's pages carry its name in the running header
    assert sum(1 for p in pages if "Unit Alfa" in p) > 5 and sum(1 for p in pages if "Unit Beta" in p) > 5
