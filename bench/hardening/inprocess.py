"""The guards' own cost, in one process (no interpreter start-up): reading the answer sheet with bare
python-calamine against pmprb's Source (zip directory checks, parts inflated through zipfile, the sheet's
extent scan, then calamine). Best of 5 repeats (timeit). Usage: python inprocess.py FOLDER
(a folder written by make_files.py)."""

from __future__ import annotations

import sys
import timeit
from pathlib import Path

from python_calamine import CalamineWorkbook

from pmprb.readers.source import Source


def bare(path: Path) -> None:
    CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Jawaban").to_python(skip_empty_area=False)


def guarded(path: Path) -> None:
    source = Source.open(path)
    assert "Jawaban" in source.sheet_names
    source.rows("Jawaban")


def main(folder: Path) -> None:
    print("| workbook | bare calamine | pmprb Source | ratio |")
    print("|---|---:|---:|---:|")
    for name, number in (("normal.xlsx", 50), ("largest.xlsx", 1)):
        path = folder / name
        times = [
            min(timeit.repeat(lambda f=f, p=path: f(p), number=number, repeat=5)) / number  # type: ignore[misc]
            for f in (bare, guarded)
        ]
        print(f"| {name} | {times[0] * 1000:.1f} ms | {times[1] * 1000:.1f} ms | {times[1] / times[0]:.2f} |")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
