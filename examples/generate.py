"""Regenerate the shipped examples (deterministic): python examples/generate.py"""

from __future__ import annotations

import json
import random
from pathlib import Path

from pmprb.catalog import get_worksheet
from pmprb.model import Worksheet
from pmprb.writers.official_excel import write_official_zi

HERE = Path(__file__).parent


def plausible_answers(worksheet: Worksheet, rng: random.Random, skill: float) -> dict[str, object]:
    """Answers a fairly good unit might give: mostly the better options, counts that make sense."""
    out: dict[str, object] = {}
    for q in worksheet.questions.values():
        atype = worksheet.answer_types[q.type]
        if atype.kind == "choice":
            keys = [o.key for o in atype.options]
            index = min(len(keys) - 1, int(rng.expovariate(skill)))
            out[q.id] = keys[index]
        elif atype.kind == "scale":
            out[q.id] = round(rng.uniform(3.2, 3.9), 2)
        elif atype.kind == "percent":
            out[q.id] = rng.randint(60, 100)
        else:
            out[q.id] = rng.randint(0, 20)
    # counts that feed ratios: the part never exceeds the whole
    for node in worksheet.all_nodes:
        for item in node.computed:
            if item.kind == "ratio":
                whole = sum(int(out[i]) for i in item.denominator)  # type: ignore[call-overload]
                out[item.numerator[0]] = rng.randint(max(0, whole - 3), whole)
    return out


def main() -> None:
    ws = get_worksheet("zi-2026")
    rng = random.Random(2026)
    unit = plausible_answers(ws, rng, skill=2.5)
    tpi = {k: v for k, v in unit.items()}
    for qid in rng.sample(sorted(unit), 12):
        tpi[qid] = plausible_answers(ws, rng, skill=1.2)[qid]
    for qid in ("21", "57"):  # an unfinished self-assessment
        unit.pop(qid, None)
    unit["4"] = " b. "  # what people type
    notes = {"unit": {"1": "SK Tim ZI Nomor 12 Tahun 2026"}, "tpi": {"1": "Sesuai"}}
    evidence = {"unit": {"1": "https://drive.example.go.id/zi/sk-tim.pdf"}}
    write_official_zi(HERE / "lke-zi-2026-unit.xlsx", ws, {"unit": unit, "tpi": tpi}, notes, evidence)
    answers = []
    for q in ws.questions.values():
        assert q.source is not None
        answers.append(
            {
                "soal_id": q.source.soal_id,
                "jawaban_unit": None if q.id not in unit else str(unit[q.id]).replace(".", ","),
                "jawaban_tpi": str(tpi[q.id]).replace(".", ","),
                "catatan_unit": notes["unit"].get(q.id),
                "bukti_dukung_unit": evidence["unit"].get(q.id),
                "catatan_tpi": notes["tpi"].get(q.id),
            }
        )
    doc = {"unit_id": "UK-042", "nama_unit": "Kantor Pelayanan Contoh", "tahun": 2026, "answers": answers}
    (HERE / "portalrb-jawaban-2026.json").write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")


if __name__ == "__main__":
    main()
