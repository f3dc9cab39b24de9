"""Write N PortalRB answers files with varied answers, 1,000 to a folder (as a national export is kept
per region): python bench/batch/make_files.py DIR N"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

from pmprb.catalog import get_worksheet

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from examples.generate import plausible_answers


def main(folder: Path, count: int) -> None:
    ws = get_worksheet("zi-2026")
    rng = random.Random(16)
    # 200 answer sets drawn once and combined: drawing 2 x 127 answers per file would take longer
    # than scoring them
    sets = [plausible_answers(ws, rng, skill=rng.uniform(0.8, 3.0)) for _ in range(200)]
    soal = {qid: q.source.soal_id for qid, q in ws.questions.items() if q.source and q.source.soal_id}
    for i in range(count):
        unit, tpi = rng.choice(sets), rng.choice(sets)
        answers = [
            {"soal_id": soal[qid], "jawaban_unit": unit.get(qid), "jawaban_tpi": tpi.get(qid)}
            for qid in ws.questions
            if qid in soal
        ]
        data = {"unit_id": f"UK-{i:06d}", "nama_unit": f"Unit Kerja {i}", "tahun": 2026, "answers": answers}
        target = folder / f"wilayah{i // 1000:03d}" / f"unit{i}.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(data, ensure_ascii=False))


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]))
