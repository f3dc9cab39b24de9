"""The roll-up's ranking table as WeasyPrint lays it out on A4: every header and every cell's text stays
inside its own cell, and the table inside the page's content area, in both languages, with the names
people give units and files (long, and file stems without a space)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pmprb.api import score_file
from pmprb.catalog import get_worksheet
from pmprb.report import Scored, build, render_html
from pmprb.report.format import report_date
from tests.report_helpers import variant

NAMES = [
    "Kantor Pelayanan Pajak Pratama Jakarta Gambir Satu",
    "LKE_ZI_2026_Dinas_Kependudukan_dan_Pencatatan_Sipil_Kota_Bogor",
    "Balai Besar Pengawas Obat dan Makanan di Surabaya (BBPOM)",
    "KPPBC-Tipe-Madya-Pabean-Tanjung-Priok-2026-final-revisi-3",
]
SLACK = 0.5  # CSS px: rounding in the layout


def _boxes(box: Any) -> Iterator[Any]:
    yield box
    for child in getattr(box, "children", []):
        yield from _boxes(child)


def _classes(box: Any) -> set[str]:
    element = getattr(box, "element", None)
    return set((element.get("class") or "").split()) if element is not None else set()


@pytest.fixture(scope="module")
def units(tmp_path_factory: pytest.TempPathFactory) -> list[Scored]:
    folder = tmp_path_factory.mktemp("layout")
    ws = get_worksheet("zi-2026")
    out = []
    for i in range(12):
        name = NAMES[i % len(NAMES)]
        answers = {1: "mungkin"} if i % 3 == 0 else {}  # errors in some rows
        result = score_file(
            variant(folder, f"{name[:40]}-{i}.json", name if i % 2 else None, answers=answers)
        )
        out.append(Scored(result, ws))
    return out


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_ranking_table_fits_the_page(units: list[Scored], lang: str) -> None:
    from weasyprint import HTML

    doc = build(units, lang=lang, day=report_date(None))
    rendered = HTML(string=render_html(doc, units=[], footer=False), base_url=str(Path.cwd())).render()
    checked = 0
    for page in rendered.pages:
        root = page._page_box
        right = root.content_box_x() + root.width  # the page's content area
        for table in (b for b in _boxes(root) if "ranking" in _classes(b)):
            assert table.position_x + table.margin_width() <= right + SLACK
            for cell in (b for b in _boxes(table) if getattr(b, "element_tag", None) in ("th", "td")):
                if b_is_anonymous(cell):
                    continue
                left, width = cell.content_box_x(), cell.width
                for text in (b for b in _boxes(cell) if type(b).__name__ == "TextBox"):
                    assert text.position_x >= left - SLACK, text.text
                    assert text.position_x + text.width <= left + width + SLACK, (lang, text.text)
                    checked += 1
    assert checked > 12 * 5  # every row's cells were seen


def b_is_anonymous(box: Any) -> bool:
    return bool(getattr(box, "is_anonymous", False))
