"""Answer files for report tests: the shipped PortalRB example with some answers changed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.conftest import EXAMPLES

EXAMPLE_JSON = EXAMPLES / "portalrb-jawaban-2026.json"
EXAMPLE_XLSX = EXAMPLES / "lke-zi-2026-unit.xlsx"
DATE = "2026-11-25"


def variant(
    folder: Path,
    name: str,
    unit: str | None = "Kantor Pelayanan Contoh",
    answers: dict[int, Any] | None = None,
    notes: dict[int, str] | None = None,
    evidence: dict[int, str] | None = None,
) -> Path:
    """A copy of the example JSON with `answers` (soal_id -> jawaban_unit), notes and evidence replaced."""
    data = json.loads(EXAMPLE_JSON.read_text(encoding="utf-8"))
    if unit is None:
        data.pop("nama_unit", None)
    else:
        data["nama_unit"] = unit
    for entry in data["answers"]:
        soal = entry["soal_id"]
        if answers and soal in answers:
            entry["jawaban_unit"] = answers[soal]
        if notes and soal in notes:
            entry["catatan_unit"] = notes[soal]
        if evidence and soal in evidence:
            entry["bukti_dukung_unit"] = evidence[soal]
    path = folder / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path
