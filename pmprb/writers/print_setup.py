"""Print setup shared by every workbook the tool writes: A4, one page wide, as many pages long as needed."""

from __future__ import annotations

from typing import Any


def fit_width(sheet: Any, landscape: bool = True) -> None:
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
