"""The 2026 `Jawaban` sheet as a ministry's Inspektorat distributes it (DOMAIN.md §6), built cell by
cell with openpyxl (not by pmprb's writer): the master's rows, an "ID" column A holding each row's
number in the master, sub-item texts in G with the form's short count labels, the form's own subtotal
("Jumlah yang harus melaporkan") and % rows beside the count rows (empty or filled), a link column
"Tautan Bukti Dukung Baru" before the TPI answer, TPI value, % and note, a further evaluator's columns
("Jawaban TPI Kementerian X"), rows a unit inserted, and the header row left out."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pmprb.catalog import get_worksheet
from pmprb.model import Worksheet

THIRD = "tpi-kementerian-x"  # the layer pmprb names the column "Jawaban TPI Kementerian X"
HEADER_ROW = 3

# the form's short labels of the LHKPN / non-LHKPN count rows (the master has long question texts,
# with a typo: "Penawas")
SHORT = {
    "113": "- Kepala satuan kerja",
    "114": "- Pejabat yang diwajibkan menyampaikan LHKPN",
    "115": "- Lainnya",
    "116": "- Jumlah yang sudah melaporkan",
    "117": "- Pejabat administrator (eselon III)",
    "118": "- Pejabat Pengawas (eselon IV)",
    "119": "- Fungsional dan Pelaksana",
    "120": "- Jumlah yang sudah melaporkan",
}


def worksheet() -> Worksheet:
    return get_worksheet("zi-2026")


@dataclass(frozen=True)
class Variant:
    header: bool = True
    id_column: bool = True
    short_labels: bool = True
    form_rows: str = "filled"  # "none" | "empty" | "filled" (sum of the parts) | "wrong" (another figure)
    link_column: bool = True  # N "Tautan Bukti Dukung Baru": the TPI's columns move one right
    third_layer: bool = True
    inserted: tuple[tuple[int, int], ...] = ()  # (before the master's row, how many) rows a unit adds

    @property
    def layers(self) -> tuple[str, ...]:
        return ("unit", "tpi", THIRD) if self.third_layer else ("unit", "tpi")


@dataclass
class Built:
    path: Path
    subtotal_cells: list[str] = field(default_factory=list)  # unit-column cells of the form's subtotals


def _columns(variant: Variant) -> dict[str, dict[str, int]]:
    """Layer -> its columns (1-based), as the ministry's sheet has them."""
    tpi = 15 if variant.link_column else 14  # O, or N as in the master
    out = {
        "unit": {"answer": 11, "note": 12, "evidence": 13},
        "tpi": {"answer": tpi, "value": tpi + 1, "percent": tpi + 2, "note": tpi + 3},
    }
    if variant.third_layer:
        third = tpi + 4
        out[THIRD] = {"answer": third, "value": third + 1, "percent": third + 2, "note": third + 3}
    return out


def _form_rows(ws: Worksheet) -> dict[int, tuple[str, str, tuple[str, ...]]]:
    """Master rows free of questions where the form keeps its subtotal and % rows:
    row -> (kind, label, the questions it is computed from)."""
    rows = {q.source.excel_row: q.id for q in ws.questions.values() if q.source and q.source.excel_row}
    out: dict[int, tuple[str, str, tuple[str, ...]]] = {}
    for node in ws.all_nodes:
        for item in node.computed:
            inputs = tuple(item.inputs)
            last = max(ws.questions[q].source.excel_row for q in inputs)  # type: ignore[union-attr]
            free = [r for r in range(last + 1, last + 3) if r not in rows and r not in out]
            free = free[: next((i for i, r in enumerate(free) if r - 1 in rows and i), len(free))]
            denominator = tuple(getattr(item, "denominator", ()) or ())
            if len(denominator) > 1 and free:
                out[free.pop(0)] = ("subtotal", "Jumlah yang harus melaporkan", denominator)
            if free:
                out[free.pop(0)] = ("percent", item.title, inputs)
    return out


def _node_rows(ws: Worksheet) -> dict[int, tuple[str, str]]:
    """Each node's title on the row above its first question, where that row is free."""
    rows = {q.source.excel_row for q in ws.questions.values() if q.source and q.source.excel_row}
    out: dict[int, tuple[str, str]] = {}
    for node in ws.all_nodes:
        firsts = [q.source.excel_row for q in node.questions if q.source and q.source.excel_row]
        if not firsts:
            continue
        row = min(firsts) - 1
        if row not in rows and row not in out and row > HEADER_ROW:
            out[row] = (node.code or "", node.title)
    return out


def build(path: Path, answers: dict[str, dict[str, Any]], variant: Variant, rng: random.Random) -> Built:
    from openpyxl import Workbook

    ws = worksheet()
    cols = _columns(variant)
    book = Workbook()
    sheet = book.active
    sheet.title = "Jawaban"
    # the sheet as the master lays it out: master row -> cells (1-based column -> value)
    lines: dict[int, dict[int, Any]] = {1: {2: "LKE Zona Integritas 2026 (Menuju WBK/WBBM) - Kementerian X"}}
    if variant.header:
        header = {1: "ID", 2: "Kode", 5: "Uraian", 9: "Kriteria", 10: "Pilihan Jawaban"}
        header |= {11: "Jawaban Unit", 12: "Catatan Unit", 13: "Bukti Dukung Unit"}
        if variant.link_column:
            header[14] = "Tautan Bukti Dukung Baru"
        c = cols["tpi"]
        header |= {c["answer"]: "Jawaban TPI", c["value"]: "Nilai TPI", c["percent"]: "% TPI"}
        header[c["note"]] = "Catatan TPI"
        if variant.third_layer:
            c = cols[THIRD]
            header |= {c["answer"]: "Jawaban TPI Kementerian X", c["value"]: "Nilai", c["percent"]: "%"}
            header[c["note"]] = "Catatan TPI Kementerian X"
        lines[HEADER_ROW] = header
    for row, (code, title) in _node_rows(ws).items():
        lines[row] = {2: code, 5: title}
    for q in ws.questions.values():
        assert q.source is not None and q.source.excel_row
        row = q.source.excel_row
        line: dict[int, Any] = {3: q.code or "", 9: (q.criteria or "")[:200]}
        line[10] = ws.answer_types[q.type].label
        if variant.short_labels and q.id in SHORT:
            line[7] = SHORT[q.id]  # sub-item texts sit in G
        else:
            line[5] = q.text
        for layer in variant.layers:
            value = answers.get(layer, {}).get(q.id)
            if value is not None:
                line[cols[layer]["answer"]] = value
        if variant.link_column and rng.random() < 0.3:
            line[14] = f"https://drive.example.go.id/zi/baru/{q.id}.pdf"
        if rng.random() < 0.2:
            line[13] = f"https://drive.example.go.id/zi/{q.id}.pdf"
        if rng.random() < 0.1:
            line[cols["tpi"]["note"]] = "Sesuai"
        lines[row] = line
    built = Built(path)
    if variant.form_rows != "none":
        for row, (kind, label, inputs) in _form_rows(ws).items():
            line = {7: label, 10: "%" if kind == "percent" else "Jumlah"}
            if kind == "subtotal":
                built.subtotal_cells.append(f"K{row}")
            if variant.form_rows in ("filled", "wrong"):
                for layer in variant.layers:
                    given = [answers.get(layer, {}).get(q) for q in inputs]
                    if kind == "subtotal" and all(isinstance(v, int) for v in given):
                        total = sum(given)  # type: ignore[arg-type]
                        line[cols[layer]["answer"]] = total + (3 if variant.form_rows == "wrong" else 0)
                    elif kind == "percent":
                        line[cols[layer]["answer"]] = rng.choice([100, 87.5, "75%", "#DIV/0!"])
            lines[row] = line
    # rows a unit inserted above some master rows: they shift everything below
    shift = 0
    inserted = dict(variant.inserted)
    out_row = 0
    last = max(lines)
    for row in range(1, last + 1):
        for k in range(inserted.get(row, 0)):
            out_row += 1
            shift += 1
            sheet.cell(out_row, 5, f"Catatan internal unit ({k + 1})")
        out_row += 1
        line = lines.get(row, {})
        if variant.id_column and row != HEADER_ROW:
            sheet.cell(out_row, 1, row)
        for col, value in line.items():
            sheet.cell(out_row, col, value)
    if shift:
        built.subtotal_cells = [_moved(c, variant) for c in built.subtotal_cells]
    book.save(path)
    return built


def _moved(ref: str, variant: Variant) -> str:
    row = int(ref[1:])
    return f"{ref[0]}{row + sum(n for before, n in variant.inserted if before <= row)}"


def portalrb_json(path: Path, answers: dict[str, Any], tpi: dict[str, Any] | None = None) -> Path:
    """The same answers as PortalRB's answers JSON (one layer as `jawaban_unit`, another as `jawaban_tpi`)."""
    ws = worksheet()
    entries = []
    for q in ws.questions.values():
        assert q.source is not None
        entry: dict[str, Any] = {"soal_id": q.source.soal_id}
        for key, given in (("jawaban_unit", answers), ("jawaban_tpi", tpi or {})):
            value = given.get(q.id)
            entry[key] = None if value is None else str(value)
        entries.append(entry)
    data = {"unit_id": "U-1", "nama_unit": "Unit X", "tahun": 2026, "answers": entries}
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def random_answers(rng: random.Random, blank_rate: float = 0.05) -> dict[str, Any]:
    """A unit's or an evaluator's answers: options, counts (numerators sometimes above their whole),
    survey values with decimals; a few left empty."""
    ws = worksheet()
    out: dict[str, Any] = {}
    for q in ws.questions.values():
        if rng.random() < blank_rate:
            continue
        atype = ws.answer_types[q.type]
        if atype.kind == "choice":
            key = rng.choice(atype.options).key
            out[q.id] = key.lower() if rng.random() < 0.1 else key
        elif atype.kind == "scale":
            out[q.id] = round(rng.uniform(float(atype.min or 0), float(atype.max or 4)), 2)
        elif atype.kind == "percent":
            out[q.id] = rng.randint(0, 100)
        else:
            out[q.id] = rng.randint(0, 30)
    return out
