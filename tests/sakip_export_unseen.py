"""Two exports of a SAKIP evaluation application built independently of `sakip_files.build_export`
(written after the reader, to measure it on layouts it was not developed against): the APIP's block
before the unit's, another column order inside a block, a title block and blank rows between
components, merged title and text cells, sub-components coded "a." under their component, criteria
numbered "1." and texts retyped (case, spacing, punctuation). Values only, as an export is."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

GRADE = {"AA": 100, "A": 90, "BB": 80, "B": 70, "CC": 60, "C": 50, "D": 30, "E": 0}


def _grade(percent: Fraction) -> str:
    for threshold, grade in (
        (Fraction(100), "BB"),
        (Fraction(75), "B"),
        (Fraction(50), "CC"),
        (Fraction(25), "C"),
    ):
        if percent >= threshold if grade == "BB" else percent > threshold:
            return grade
    return "D" if percent > 0 else "E"


@dataclass
class Built:
    path: Path
    totals: dict[str, Fraction] = field(default_factory=dict)  # layer -> total by hand
    subs: dict[str, dict[str, Fraction]] = field(default_factory=dict)  # layer -> sub id -> value


def _retype(text: str, rng: random.Random) -> str:
    """What retyping does to a criterion's text: case, doubled spaces, a dropped final stop."""
    out = text.rstrip(".")
    if rng.random() < 0.5:
        out = out.upper()
    return out.replace(" ", "  ", 1)


def build(path: Path, worksheet: Any, rng: random.Random, *, apip_first: bool, blank_rows: bool) -> Built:
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter as L

    from pmprb.model import GradeItem

    book = Workbook()
    info = book.active
    assert info is not None
    info.title = "Petunjuk"
    info["A1"] = "Ekspor dari aplikasi evaluasi; jangan diubah."
    ws = book.create_sheet("Hasil Evaluasi")
    ws["B2"] = "HASIL EVALUASI AKUNTABILITAS KINERJA"
    ws.merge_cells("B2:L2")
    ws["B3"] = "Unit: Direktorat Contoh — Tahun 2025"
    head = 6
    ws.cell(row=head, column=1, value="NO")
    ws.cell(row=head, column=2, value="KOMPONEN/ SUBKOMPONEN/ KRITERIA")
    ws.merge_cells(start_row=head, start_column=2, end_row=head + 1, end_column=3)
    ws.cell(row=head, column=4, value="BOBOT")
    # inside each block: %TASE, NILAI, JAWABAN ANTARA, NILAI AKIP, JAWABAN AKHIR, KETERANGAN, %
    order = [
        "%TASE",
        "NILAI",
        "JAWABAN ANTARA ATAS PEMENUHAN KRITERIA",
        "NILAI AKIP",
        "JAWABAN AKHIR",
        "KETERANGAN",
        "%",
    ]
    blocks = [("EVALUASI APIP", "evaluator"), ("PENILAIAN MANDIRI UNIT KERJA", "unit")]
    if not apip_first:
        blocks.reverse()
    col = 5
    where: dict[str, dict[str, int]] = {}
    for title, layer in blocks:
        ws.cell(row=head, column=col, value=title)
        ws.merge_cells(start_row=head, start_column=col, end_row=head, end_column=col + len(order) - 1)
        where[layer] = {}
        for k, name in enumerate(order):
            ws.cell(row=head + 1, column=col + k, value=name)
            where[layer][name] = col + k
        col += len(order)
    ws.cell(row=head, column=col, value="CATATAN EVALUATOR")
    ws.cell(row=head, column=col + 1, value="REKOMENDASI EVALUATOR")
    built = Built(path)
    scale = {"unit": {"Ya": 100, "Tidak": 0}, "evaluator": {"A": 100, "B": 50}}
    answers: dict[str, dict[str, str]] = {
        layer: {
            q: rng.choice(list(scale[layer]))
            for n in worksheet.all_nodes
            for c in n.computed
            if isinstance(c, GradeItem)
            for q in c.criteria
        }
        for layer in scale
    }
    r = head + 2
    total_row = r
    ws.cell(row=r, column=2, value="NILAI AKUNTABILITAS KINERJA")
    ws.cell(row=r, column=4, value=100)
    r += 1
    totals = dict.fromkeys(scale, Fraction(0))
    for comp in worksheet.nodes:
        if blank_rows:
            r += 1
        comp_row = r
        ws.cell(row=r, column=1, value=int(comp.id))
        ws.cell(row=r, column=2, value=comp.title.upper())
        ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=3)
        ws.cell(row=r, column=4, value=float(comp.weight or sum(c.weight or 0 for c in comp.children)))
        r += 1
        comp_sum = dict.fromkeys(scale, Fraction(0))
        for sub in comp.children:
            item = next(c for c in sub.computed if isinstance(c, GradeItem))
            sub_row = r
            ws.cell(row=r, column=1, value=f"{sub.id.split('.')[1]}.")
            ws.cell(row=r, column=2, value=sub.title)
            ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=3)
            ws.cell(row=r, column=4, value=float(sub.weight))
            r += 1
            for n, q in enumerate(item.criteria, start=1):
                ws.cell(row=r, column=1, value=f"{n}.")
                ws.cell(row=r, column=3, value=_retype(worksheet.questions[q].text, rng))
                for layer in scale:
                    answer = answers[layer][q]
                    ws.cell(
                        row=r, column=where[layer]["JAWABAN ANTARA ATAS PEMENUHAN KRITERIA"], value=answer
                    )
                    ws.cell(row=r, column=where[layer]["NILAI"], value=scale[layer][answer])
                r += 1
            for layer in scale:
                got = [Fraction(scale[layer][answers[layer][q]]) for q in item.criteria]
                percent = sum(got, Fraction(0)) / len(got)
                grade = _grade(percent)
                value = Fraction(GRADE[grade], 100) * Fraction(sub.weight)
                built.subs.setdefault(layer, {})[sub.id] = value
                comp_sum[layer] += value
                c = where[layer]
                ws.cell(row=sub_row, column=c["%TASE"], value=round(float(percent), 2))
                ws.cell(row=sub_row, column=c["NILAI"], value=GRADE[grade])
                ws.cell(row=sub_row, column=c["JAWABAN ANTARA ATAS PEMENUHAN KRITERIA"], value=grade)
                ws.cell(row=sub_row, column=c["NILAI AKIP"], value=round(float(value), 2))
                ws.cell(row=sub_row, column=c["%"], value=round(float(value / Fraction(sub.weight) * 100), 2))
        for layer in scale:
            ws.cell(row=comp_row, column=where[layer]["NILAI AKIP"], value=round(float(comp_sum[layer]), 2))
            totals[layer] += comp_sum[layer]
    for layer in scale:
        ws.cell(row=total_row, column=where[layer]["NILAI AKIP"], value=round(float(totals[layer]), 2))
    built.totals = totals
    for k in range(1, col + 2):
        ws.column_dimensions[L(k)].width = 14
    book.save(path)
    return built
