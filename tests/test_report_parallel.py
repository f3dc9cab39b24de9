"""A roll-up's PDF rendered in parts on several processes and joined (pmprb.report.pdf) against the same
report rendered as one document on one: the same pages, page numbers across the whole document, the
running header, the ranking's links to each unit and the bookmarks."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from tests.report_helpers import DATE, variant
from tests.signals import interrupt

UNITS = {"Unit Alfa": {}, "Unit Bravo": {1: "b", 2: "c", 3: "ya kak"}, "Unit Charlie": {1: "c", 5: "d"}}


def _report(folder: Path, sources: list[Path], name: str, *args: str) -> Path:
    from pmprb.cli.app import main  # module scope: no capsys, so the runner is not used

    out = folder / name
    with pytest.raises(SystemExit) as exit_info:
        main(
            [
                "report",
                *map(str, sources),
                "-o",
                str(out),
                "--date",
                DATE,
                "--instansi",
                "Kementerian X",
                *args,
            ]
        )
    assert exit_info.value.code in (0, 1)  # 1: Unit Bravo has an invalid answer
    return out


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("parallel")
    return [variant(folder, f"unit-{i}.json", unit, answers=a) for i, (unit, a) in enumerate(UNITS.items())]


@pytest.fixture(scope="module")
def pdfs(sources: list[Path]) -> tuple[PdfReader, PdfReader]:
    one = _report(sources[0].parent, sources, "one.pdf", "--jobs", "1")
    joined = _report(sources[0].parent, sources, "joined.pdf", "--jobs", "2")  # one unit a part
    return PdfReader(one), PdfReader(joined)


def test_parts_of_several_units_join_to_the_same_pages(
    pdfs: tuple[PdfReader, PdfReader], sources: list[Path]
) -> None:
    """The units in runs (here: one unit, then two) rather than one a part."""
    import datetime as dt
    import functools
    import io

    from pmprb.api import score_file
    from pmprb.catalog import get_worksheet
    from pmprb.report import Scored, build
    from pmprb.report.pdf import join, render_parts
    from pmprb.report.render import render_footer
    from pmprb.report.render import render_parts as html_parts

    ws = get_worksheet("zi-2026")
    inputs = [Scored(score_file(path), ws, None, "Kementerian X") for path in sources]
    doc = build(inputs, lang="id", day=dt.date.fromisoformat(DATE), instansi="Kementerian X")
    html = html_parts(doc, 2)
    assert len(html) == 3  # the cover, then runs of 1 and 2 units
    parts, footers = render_parts(html, functools.partial(render_footer, doc), 2)
    joined = PdfReader(io.BytesIO(join(parts, footers, doc.title)))
    one, _ = pdfs
    assert len(joined.pages) == len(one.pages)
    for i, (a, b) in enumerate(zip(one.pages, joined.pages, strict=True)):
        assert _words(a) == _words(b), f"page {i + 1}"
    assert _link_targets(joined, 1) == sorted(_unit_pages(one).values())


def _words(page: Any) -> list[str]:
    return sorted(re.sub(r"\s+", " ", page.extract_text() or "").split())


def test_the_joined_pdf_has_the_same_pages_and_words(pdfs: tuple[PdfReader, PdfReader]) -> None:
    one, joined = pdfs
    assert len(joined.pages) == len(one.pages) > 3 * 15
    for i, (a, b) in enumerate(zip(one.pages, joined.pages, strict=True)):
        assert _words(a) == _words(b), f"page {i + 1}"


def test_page_numbers_run_across_the_whole_document(pdfs: tuple[PdfReader, PdfReader]) -> None:
    _, joined = pdfs
    total = len(joined.pages)
    title = "Rekapitulasi Hasil Penilaian"
    for i, page in enumerate(joined.pages, start=1):
        text = re.sub(r"\s+", " ", page.extract_text() or "")
        assert f"Halaman {i} dari {total}" in text, i
        assert title in text, i
        assert text.count("Halaman ") == 1, i  # no footer of a part underneath


def _unit_pages(reader: PdfReader) -> dict[str, int]:
    """The page each unit's section starts on: its name as the page's first heading."""
    out: dict[str, int] = {}
    for i, page in enumerate(reader.pages):
        text = page.extract_text() or ""
        for unit in UNITS:
            if unit not in out and re.search(rf"^{unit}$", text, re.MULTILINE) and "Ringkasan" in text:
                out[unit] = i
    return out


def test_each_unit_starts_on_a_page_headed_with_its_name(pdfs: tuple[PdfReader, PdfReader]) -> None:
    one, joined = pdfs
    starts = _unit_pages(joined)
    assert starts == _unit_pages(one) and len(starts) == len(UNITS)
    for unit, i in starts.items():
        # the running header of the unit's following page names it (set by the part itself)
        lines = (joined.pages[i + 1].extract_text() or "").splitlines()
        assert any(line.startswith(f"{unit} LKE Zona Integritas") for line in lines), unit


def _link_targets(reader: PdfReader, index: int) -> list[int]:
    targets = []
    for ref in reader.pages[index].get("/Annots", []):
        annot = ref.get_object()
        if annot.get("/Subtype") != "/Link":
            continue
        dest = annot.get("/Dest")
        if dest is None and "/A" in annot:
            dest = annot["/A"].get_object().get("/D")
        if dest is None:
            continue  # an external link
        if not isinstance(dest, list):
            dest = reader.named_destinations[str(dest)]
            targets.append(reader.get_destination_page_number(dest))
        else:
            targets.append(reader.get_page_number(dest[0].get_object()))
    return sorted(set(targets))


def test_the_ranking_links_to_each_unit(pdfs: tuple[PdfReader, PdfReader]) -> None:
    one, joined = pdfs
    starts = sorted(_unit_pages(joined).values())
    ranking = next(
        i for i, p in enumerate(joined.pages) if "Peringkat unit kerja" in (p.extract_text() or "")
    )
    assert _link_targets(joined, ranking) == starts
    assert _link_targets(one, ranking) == starts


def _outline(reader: PdfReader) -> list[str]:
    def walk(items: list[Any]) -> list[str]:
        out: list[str] = []
        for item in items:
            out.extend(walk(item) if isinstance(item, list) else [item.title])
        return out

    return walk(reader.outline)


def test_bookmarks_are_kept(pdfs: tuple[PdfReader, PdfReader]) -> None:
    one, joined = pdfs
    assert _outline(joined) == _outline(one)
    assert all(unit in _outline(joined) for unit in UNITS)


def test_an_interrupted_roll_up_ends_promptly_and_writes_nothing(tmp_path: Path) -> None:
    """SIGINT to the process group (a terminal's Ctrl-C, workers included) and SIGTERM to pmprb alone,
    at random moments of a roll-up rendered on two processes: exit 130/143, one line, no traceback, no
    file, no worker left behind."""
    import os
    import random
    import signal
    import subprocess
    import sys
    import time

    from tests.conftest import ROOT

    sources = [variant(tmp_path, f"u{i}.json", unit, answers=a) for i, (unit, a) in enumerate(UNITS.items())]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    rng = random.Random(7)
    interrupted = 0
    for attempt in range(6):
        sig = (signal.SIGINT, signal.SIGTERM)[attempt % 2]
        out = tmp_path / f"run{attempt}" / "rekap.pdf"
        command = [sys.executable, "-m", "pmprb", "report", *map(str, sources), "-o", str(out), "--jobs", "2"]
        process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            start_new_session=True,
        )
        time.sleep(rng.uniform(0.3, 8.0))  # from reading the files to rendering the units
        err, took = interrupt(process, sig, f"the report (attempt {attempt})")
        if process.returncode in (0, 1):  # it ended before the signal came
            continue
        interrupted += 1
        assert process.returncode == {signal.SIGINT: 130, signal.SIGTERM: 143}[sig], err
        assert took < 3, f"attempt {attempt}: {took:.1f} s after {sig.name}"
        assert not out.parent.exists()  # neither the file, its temporary file nor its folder
        assert err.strip().endswith("tidak ada berkas keluaran yang ditulis."), err
        time.sleep(0.2)
        assert _alive_in_group(process.pid) == [], "a worker outlived its parent"
    assert interrupted >= 4


def _alive_in_group(group: int) -> list[int]:
    """Processes of the group that still run (zombies a container's init never reaps do not count)."""
    alive = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        state, pgid = fields[0], int(fields[2])
        if pgid == group and state != "Z":
            alive.append(int(stat.parent.name))
    return alive
