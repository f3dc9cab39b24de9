"""Where a file's time goes in one process (no start-up): reading it, scoring it, and its JSON object,
per file, over the bench's workbooks, best of 5 passes. Usage: python inprocess.py FOLDER [N]
(a folder written by make_workbooks.py). Run it with PYTHONPATH set to compare two checkouts."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

from pmprb.api import score_layers
from pmprb.catalog import get_worksheet
from pmprb.readers import load
from pmprb.scoring import score


def best(passes: int, run: Callable[[], object]) -> float:
    times = []
    for _ in range(passes):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main(folder: Path, n: int) -> None:
    paths = sorted(folder.glob("unit-*.xlsx"))[:n]
    worksheet = get_worksheet("zi-2026")
    sheets = [load(p, worksheet).sheets["unit"] for p in paths]
    results = [score(worksheet, s) for s in sheets]
    phases = {
        "read (load)": lambda: [load(p, worksheet) for p in paths],
        "score()": lambda: [score(worksheet, s) for s in sheets],
        "JSON object (to_dict)": lambda: [r.to_dict() for r in results],
        "whole (score_layers + to_dict)": lambda: [
            score_layers(p, worksheet)[0]["unit"].to_dict() for p in paths
        ],
    }
    for name, run in phases.items():
        print(f"| {name} | {best(5, run) / len(paths) * 1e6:.0f} µs |")


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 100)
