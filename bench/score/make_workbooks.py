"""Write N official-layout ZI workbooks with varied answers: python bench/score/make_workbooks.py DIR N"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from pmprb.catalog import get_worksheet
from pmprb.writers.official_excel import write_official_zi

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from examples.generate import plausible_answers


def main(folder: Path, count: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    ws = get_worksheet("zi-2026")
    rng = random.Random(500)
    for i in range(count):
        unit = plausible_answers(ws, rng, skill=rng.uniform(0.8, 3.0))
        tpi = plausible_answers(ws, rng, skill=rng.uniform(0.8, 3.0))
        write_official_zi(folder / f"unit-{i:03d}.xlsx", ws, {"unit": unit, "tpi": tpi})


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]))
