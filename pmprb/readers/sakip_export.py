"""An evaluation application's SAKIP export (docs/domain.md §7, "Files instansi hold"), read by structure:
one sheet of values (no formulas), a header row "KOMPONEN/ SUBKOMPONEN/ KRITERIA", "BOBOT" and one
block of columns per layer ("PENILAIAN MANDIRI UNIT KERJA", "EVALUASI APIP"), each with %TASE, NILAI,
"JAWABAN ANTARA ATAS PEMENUHAN ..." (the intermediate grade; a criterion's answer), "JAWABAN AKHIR"
(the final grade, often empty), NILAI AKIP (the sub-component's value), % and KETERANGAN.

Rows: the total ("NILAI AKUNTABILITAS KINERJA"), components 1 ... 4, sub-components 1.a ..., criteria
1), 2) ... Sub-components are found by code, each criterion row mapped to a criterion of the worksheet by
its text (the number only breaks ties: a criterion left out of the file shifts the numbers). A
sub-component's stored grade is the assessor's direct grade (the worksheet's override): used, and
reported where the criteria give another. The stored figures go to the cross-check
(pmprb.crosscheck.sakip_export)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from pmprb.errors import Location, Problem, UserError
from pmprb.i18n import Msg
from pmprb.model import Worksheet
from pmprb.readers.base import Detection, ExportFigures, ReaderHints, ReadResult
from pmprb.readers.lke_form import normalise, similarity
from pmprb.readers.source import Source, cell, column_letter
from pmprb.scoring.answers import AnswerSheet, RawAnswer

HEADER_SCAN = 30
ITEM_MIN = 0.6  # text similarity for a criterion ("small wording changes")
WORKSHEET = "sakip-2021-aplikasi"
_SUB = re.compile(r"^(\d)\s*\.\s*([a-z])\.?$")
_LETTER = re.compile(r"^([a-z])\s*[.)]?$")
_COMPONENT = re.compile(r"^(\d)\s*\.?$")
_CRITERION = re.compile(r"^(\d{1,2})\s*[).]$")
_TOTAL = re.compile(r"^nilai akuntabilitas kinerja\b")
LAYER_HEADERS = (  # header words -> the worksheet's layer
    (re.compile(r"\b(penilaian mandiri|mandiri|unit kerja)\b"), "unit"),
    (re.compile(r"\b(apip|evaluator|evaluasi)\b"), "evaluator"),
)
COLUMNS = (  # sub-header words -> role, tried in order
    (re.compile(r"^(% ?tase|persentase)"), "percent"),
    (re.compile(r"^jawaban antara"), "answer"),
    (re.compile(r"^jawaban akhir"), "final"),
    (re.compile(r"^nilai akip"), "value"),
    (re.compile(r"^nilai$"), "grade_value"),
    (re.compile(r"^%$"), "value_percent"),
    (re.compile(r"^keterangan"), "note"),
)


@dataclass
class ExportRow:
    row: int  # 0-based
    kind: str  # total, component, sub, criterion
    code: str  # "1", "1.a", "3)" (as written, normalised)
    text: str
    sub: str | None = None  # the sub-component a criterion sits in


@dataclass
class ExportLayout:
    sheet: str
    header_row: int  # 0-based row of "KOMPONEN/ SUBKOMPONEN/ KRITERIA"
    code_col: int
    text_col: int
    weight_col: int
    layers: dict[str, dict[str, int]]  # layer -> role -> column
    headers: dict[str, str]  # layer -> header as written
    rows: list[ExportRow] = field(default_factory=list)

    def ref(self, col: int, row: int) -> str:
        return f"{column_letter(col)}{row + 1}"


def _find(grid: list[list[Any]], sheet: str) -> ExportLayout | None:
    for r in range(min(HEADER_SCAN, len(grid))):
        line = grid[r]
        text_col = weight_col = None
        for c, value in enumerate(line):
            words = normalise(value)
            if text_col is None and "komponen" in words and "kriteria" in words:
                text_col = c
            elif weight_col is None and words == "bobot":
                weight_col = c
        if text_col is None or weight_col is None:
            continue
        starts: list[tuple[int, str, str]] = []
        ends: list[int] = []
        for c, value in enumerate(line):
            words = normalise(value)
            if not words or c in (text_col, weight_col):
                continue
            layer = next((lid for pattern, lid in LAYER_HEADERS if pattern.search(words)), None)
            if layer is not None and not words.startswith(("catatan", "rekomendasi")):
                starts.append((c, layer, " ".join(str(value).split())))
            else:
                ends.append(c)
        layers: dict[str, dict[str, int]] = {}
        headers: dict[str, str] = {}
        below = [grid[x] if x < len(grid) else [] for x in (r + 1, r + 2)]
        for i, (start, layer, header) in enumerate(starts):
            stop = min(
                [c for c in [*ends, *(s for s, _, _ in starts[i + 1 :])] if c > start], default=start + 12
            )
            roles: dict[str, int] = {}
            for c in range(start, stop):
                for line_below in below:
                    words = normalise(cell([line_below], 0, c))
                    raw = str(cell([line_below], 0, c) or "").strip()
                    role = next(
                        (
                            name
                            for pattern, name in COLUMNS
                            if pattern.match(raw.lower()) or pattern.match(words)
                        ),
                        None,
                    )
                    if role is not None and role not in roles:
                        roles[role] = c
                        break
            if "answer" in roles and layer not in layers:
                layers[layer] = roles
                headers[layer] = header
        if not layers:
            continue
        code_col = text_col - 1 if text_col > 0 else text_col
        layout = ExportLayout(sheet, r, code_col, text_col, weight_col, layers, headers)
        layout.rows = _rows(grid, layout)
        if any(x.kind == "sub" for x in layout.rows):
            return layout
    return None


def _rows(grid: list[list[Any]], layout: ExportLayout) -> list[ExportRow]:
    """Rows by their codes. "1." is a component with a weight and a criterion without one (a
    criterion has no BOBOT of its own); the text is the first filled cell of the (merged) text span."""
    out: list[ExportRow] = []
    component: str | None = None
    sub: str | None = None
    text_cols = range(layout.text_col, max(layout.weight_col, layout.text_col + 1))
    for r in range(layout.header_row + 1, len(grid)):
        raw = cell(grid, r, layout.code_col)
        if isinstance(raw, float) and raw.is_integer():
            raw = int(raw)
        code = " ".join(str(raw).split()).lower() if raw is not None else ""
        text = next((" ".join(str(v).split()) for c in text_cols if (v := cell(grid, r, c)) is not None), "")
        weighted = cell(grid, r, layout.weight_col) is not None
        if not code and not text:
            continue
        if _TOTAL.match(normalise(text)):
            out.append(ExportRow(r, "total", "total", text))
        elif m := _SUB.match(code):
            component, sub = m.group(1), f"{m.group(1)}.{m.group(2)}"
            out.append(ExportRow(r, "sub", sub, text))
        elif (m := _LETTER.match(code)) and component is not None and weighted:
            sub = f"{component}.{m.group(1)}"
            out.append(ExportRow(r, "sub", sub, text))
        elif (m := _CRITERION.match(code)) and sub is not None and not weighted:
            out.append(ExportRow(r, "criterion", m.group(1), text, sub))
        elif (m := _COMPONENT.match(code)) and weighted:
            component, sub = m.group(1), None
            out.append(ExportRow(r, "component", component, text))
    return out


def find_layout(source: Source) -> ExportLayout | None:
    found: ExportLayout | bool | None = getattr(source, "_sakip_export", None)
    if found is None:
        found = next(
            (x for sheet in source.sheet_names if (x := _find(source.rows(sheet), sheet)) is not None), False
        )
        setattr(source, "_sakip_export", found)  # noqa: B010 - read() reuses it
    return found if isinstance(found, ExportLayout) else None


# --- mapping to the worksheet -------------------------------------------------------------------


@dataclass
class Mapped:
    criteria: dict[str, int] = field(default_factory=dict)  # question id -> 0-based row
    subs: dict[str, int] = field(default_factory=dict)  # node id -> row
    components: dict[str, int] = field(default_factory=dict)
    total: int | None = None
    unmapped: list[ExportRow] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # criteria not in the file
    by_number: list[tuple[ExportRow, str]] = field(default_factory=list)  # matched by number only


def grade_items(worksheet: Worksheet) -> dict[str, Any]:
    """Sub-component id -> its grade item (criteria and override)."""
    from pmprb.model import GradeItem

    return {n.id: c for n in worksheet.all_nodes for c in n.computed if isinstance(c, GradeItem)}


def map_rows(layout: ExportLayout, worksheet: Worksheet) -> Mapped:
    mapped = Mapped()
    items = grade_items(worksheet)
    by_sub: dict[str, list[ExportRow]] = {}
    for r in layout.rows:
        if r.kind == "total":
            mapped.total = r.row
        elif r.kind == "component" and r.code in worksheet.node_by_id:
            mapped.components[r.code] = r.row
        elif r.kind == "sub":
            if r.code in items:
                mapped.subs[r.code] = r.row
            else:
                mapped.unmapped.append(r)
        elif r.kind == "criterion" and r.sub is not None:
            by_sub.setdefault(r.sub, []).append(r)
    for sub, item in items.items():
        rows = by_sub.pop(sub, [])
        taken: set[str] = set()
        pending: list[ExportRow] = []
        for r in rows:  # by text first; the number breaks ties between equally close texts
            text = normalise(r.text)
            scored = [
                (similarity(text, normalise(worksheet.questions[q].text)), q.rsplit(".", 1)[-1] == r.code, q)
                for q in item.criteria
                if q not in taken
            ]
            best = max(scored, default=None)
            if best is not None and best[0] >= ITEM_MIN:
                mapped.criteria[best[2]] = r.row
                taken.add(best[2])
            else:
                pending.append(r)
        for r in pending:  # then by number, said so
            guess = f"{sub}.{r.code}"
            if guess in item.criteria and guess not in taken:
                mapped.criteria[guess] = r.row
                mapped.by_number.append((r, guess))
                taken.add(guess)
            else:
                mapped.unmapped.append(r)
        mapped.missing.extend(q for q in item.criteria if q not in taken)
    for rows in by_sub.values():
        mapped.unmapped.extend(rows)
    return mapped


# --- the format ---------------------------------------------------------------------------------


def detect(source: Source, requested: Worksheet | None) -> Detection | None:
    if source.kind not in ("xlsx", "ods", "xls", "xlsb"):
        return None
    layout = find_layout(source)
    if layout is None:
        return None
    if requested is not None and not grade_items(requested):
        raise UserError(
            Problem(
                "sakipexport.worksheet-not-sakip",
                Location(source.name, sheet=layout.sheet),
                params={"worksheet": requested.id, "expected": WORKSHEET},
            )
        )
    from pmprb.catalog import get_worksheet

    worksheet = requested or get_worksheet(WORKSHEET)
    reason = Msg(
        "reason.sakip-export-requested" if requested is not None else "reason.sakip-export",
        sheet=layout.sheet,
        header=layout.header_row + 1,
        layers=", ".join(f"{lid} = {h!r}" for lid, h in layout.headers.items()),
    )
    return Detection(worksheet, reason, "sakip_export", layers=tuple(layout.layers))


def read(source: Source, worksheet: Worksheet, layers: tuple[str, ...]) -> ReadResult:
    layout = find_layout(source)
    assert layout is not None
    grid = source.rows(layout.sheet)
    mapped = map_rows(layout, worksheet)
    items = grade_items(worksheet)
    problems = _mapping_problems(source, layout, worksheet, mapped)
    out = ReadResult({})
    for layer in layers:
        roles = layout.layers.get(layer)
        if roles is None:
            raise UserError(
                Problem(
                    "lkeform.layer-absent",
                    Location(source.name, sheet=layout.sheet),
                    params={"value": layer, "allowed": ", ".join(layout.layers)},
                )
            )
        sheet = AnswerSheet(file=source.name, layer=layer, worksheet_id=worksheet.id)
        sheet.problems.extend(problems)
        answer_col = roles["answer"]
        note_col = roles.get("note")
        places: list[tuple[str, int, int]] = []
        for qid, row in mapped.criteria.items():
            value = _answer(cell(grid, row, answer_col))
            note = cell(grid, row, note_col) if note_col is not None else None
            sheet.answers[qid] = RawAnswer(
                value,
                Location(source.name, sheet=layout.sheet, cell=layout.ref(answer_col, row)),
                str(note).strip() or None if note is not None else None,
            )
            places.append((qid, row, answer_col))
        for sub, row in mapped.subs.items():
            override = items[sub].override
            if override is None:
                continue
            final_col = roles.get("final")
            final = _answer(cell(grid, row, final_col)) if final_col is not None else None
            col = final_col if final is not None and final_col is not None else answer_col
            grade = final if final is not None else _answer(cell(grid, row, answer_col))
            if grade is not None:  # the assessor's grade as stored: the override
                sheet.answers[override] = RawAnswer(
                    grade, Location(source.name, sheet=layout.sheet, cell=layout.ref(col, row))
                )
                places.append((override, row, col))
        out.hints[layer] = ReaderHints(answer_places={layout.sheet: places})
        out.figures[layer] = ExportFigures(_meta(grid, layout, mapped, roles))
        out.sheets[layer] = sheet
    return out


def _answer(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def _meta(
    grid: list[list[Any]], layout: ExportLayout, mapped: Mapped, roles: dict[str, int]
) -> dict[str, Any]:
    """Where the export keeps the figures the application computed (0-based rows)."""
    rows = {**mapped.subs, **mapped.components}
    if mapped.total is not None:
        rows["total"] = mapped.total
    figures: dict[str, dict[str, Any]] = {}
    for node, row in rows.items():
        figures[node] = {
            role: (layout.ref(col, row), cell(grid, row, col))
            for role, col in roles.items()
            if role in ("percent", "grade_value", "answer", "final", "value", "value_percent")
        }
    return {
        "sheet": layout.sheet,
        "figures": figures,
        "missing": list(mapped.missing),
        "weights": {
            node: (layout.ref(layout.weight_col, row), cell(grid, row, layout.weight_col))
            for node, row in rows.items()
        },
    }


def _mapping_problems(
    source: Source, layout: ExportLayout, worksheet: Worksheet, mapped: Mapped
) -> list[Problem]:
    out: list[Problem] = []
    for r in mapped.unmapped:
        out.append(
            Problem(
                "lkeform.row-unmapped",
                Location(source.name, sheet=layout.sheet, cell=layout.ref(layout.text_col, r.row)),
                "warning",
                params={"text": r.text[:80], "worksheet": worksheet.id},
            )
        )
    for r, qid in mapped.by_number:
        out.append(
            Problem(
                "sakipexport.matched-by-number",
                Location(source.name, sheet=layout.sheet, cell=layout.ref(layout.text_col, r.row)),
                "warning",
                qid,
                {"text": r.text[:80], "expected": worksheet.questions[qid].text[:80]},
            )
        )
    for qid in mapped.missing:
        out.append(
            Problem(
                "lkeform.question-not-found",
                Location(source.name, sheet=layout.sheet),
                "warning",
                qid,
                {"text": worksheet.questions[qid].text[:80], "worksheet": worksheet.id},
            )
        )
    return out


INSPECT_ROLES = {"answer": "answer", "final": "final", "percent": "percent", "value": "value", "note": "note"}


def describe(source: Source, detection: Detection, out: Any) -> None:
    """What `pmprb inspect` shows of an export: the sheet and its header row, each layer's header and
    columns, the criteria not in the file, the rows not mapped and those matched by number only."""
    layout = find_layout(source)
    if layout is None:
        return
    ws = detection.worksheet
    mapped = map_rows(layout, ws)
    out.sheet, out.header_row = layout.sheet, layout.header_row + 1
    out.layers = [
        {
            "name": lid,
            "header": layout.headers[lid],
            **{INSPECT_ROLES[r]: column_letter(c) for r, c in roles.items() if r in INSPECT_ROLES},
        }
        for lid, roles in layout.layers.items()
    ]
    out.missing = [{"question": q, "text": ws.questions[q].text} for q in mapped.missing]
    out.found = len(ws.questions) - len(mapped.missing)  # flags and direct grades are optional
    out.unmapped = [{"row": r.row + 1, "text": r.text} for r in mapped.unmapped]
    out.by_number = len(mapped.by_number)
