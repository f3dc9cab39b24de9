"""Inputs for the hardening benchmark, written to the folder given (default: a temporary one):
normal.xlsx (the shipped example), largest.xlsx (the answer sheet at the row and column limits, every
cell filled: the largest workbook pmprb accepts), bomb.xlsx (2 MB inflating to 2 GiB), far.xlsx (a
20 KB file whose last cell is XFD1048576)."""

from __future__ import annotations

import importlib.util
import re
import shutil
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("bad_corpus", ROOT / "tests" / "data" / "bad" / "corpus.py")
assert spec and spec.loader
corpus = importlib.util.module_from_spec(spec)
spec.loader.exec_module(corpus)

sys.path.insert(0, str(ROOT))
from pmprb.readers.source import (  # noqa: E402
    MAX_COLUMNS,
    MAX_ROWS,
    column_letter,
)


def largest(path: Path) -> Path:
    """The example's answers kept in place; every other cell up to the limits holds a number."""
    sheet = zipfile.ZipFile(corpus.EXAMPLE_XLSX).read(corpus.SHEET).decode()
    rows = {int(m.group(1)): m.group(0) for m in re.finditer(r'<row r="(\d+)".*?</row>', sheet, re.S)}
    letters = [column_letter(c) for c in range(MAX_COLUMNS)]
    first_free = 17  # columns R.. are empty in the example
    parts = []
    for r in range(1, MAX_ROWS + 1):
        filler = "".join(f'<c r="{letters[c]}{r}"><v>{c}</v></c>' for c in range(first_free, MAX_COLUMNS))
        if r in rows:
            parts.append(rows[r].replace("</row>", filler + "</row>"))
        else:
            parts.append(f'<row r="{r}">{filler}</row>')
    data = "<sheetData>" + "".join(parts) + "</sheetData>"
    xml = re.sub(r"<sheetData>.*</sheetData>", lambda _: data, sheet, flags=re.S)
    return corpus._with_sheet(path, xml)


def main(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    cases = folder / "cases"
    cases.mkdir(exist_ok=True)
    for case in corpus.BUILDERS:  # every broken or hostile case of the test corpus
        corpus.build(case, cases)
    for name in corpus.COMMITTED:
        shutil.copy(corpus.HERE / name, cases / name)
    shutil.copy(corpus.EXAMPLE_XLSX, folder / "normal.xlsx")
    largest(folder / "largest.xlsx")
    corpus.zip_bomb(folder / "bomb.xlsx")
    corpus.far_cell(folder / "far.xlsx")
    for name in ("normal.xlsx", "largest.xlsx", "bomb.xlsx", "far.xlsx"):
        print(name, (folder / name).stat().st_size)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
