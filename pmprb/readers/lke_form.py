"""Official LKE layouts read by structure, not by row number: the 90/2021 annex form (sheet `LKE ZI`),
the 2026 `Jawaban` sheet and units' variants of either (rows inserted or deleted, letters reordered,
wording retouched).

A layout is recognised by its header row (Penilaian / Kode, Bobot, Penjelasan / Kriteria, Pilihan
Jawaban, Jawaban, Nilai, Catatan ...). Rows are mapped to the worksheet in two steps: node rows are
aligned with the worksheet's nodes in order (titles repeat across Pemenuhan and Reform, order tells
them apart); then, inside each node's span of rows, questions and computed items are matched by
normalised text, with the hierarchy code as a tie-breaker."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from pmprb.errors import Location, Problem, UserError
from pmprb.i18n import Msg
from pmprb.memo import Memo
from pmprb.model import Node, Worksheet
from pmprb.readers.source import Source, cell, column_letter
from pmprb.scoring.answers import AnswerSheet, RawAnswer

HEADER_SCAN = 25  # rows searched for the header
NODE_MIN = 0.8  # similarity for a node title
ITEM_MIN = 0.6  # similarity for a question text ("small wording changes")
COMPUTED_MIN = 0.75  # similarity for a computed item's title
GLOBAL_MIN = 0.85  # a question found outside its node's span
MIN_FIT = 0.5  # share of a worksheet's questions found before a file counts as that worksheet's
NOT_FILLED = "blm diisi"  # the form's own marker of an empty answer

_CODE = re.compile(r"^\(?\s*([a-zA-Z]|[ivxIVX]{1,5}|\d{1,3})\s*[.)]?\s*$|^[-–]$")
_PUNCT = re.compile(r"[^\w%]+")
_TOTAL = re.compile(r"^(total|jumlah nilai)\s+(.*)$")
_GRAND = re.compile(r"^(nilai evaluasi|nilai total|total nilai|nilai akhir)\b")


def normalise(text: Any) -> str:
    """Case, spacing and punctuation folded: what a unit's retyping does not change."""
    return _normalise(str(text or ""))


@lru_cache(maxsize=16384)  # a worksheet's texts recur in every file of a batch
def _normalise(text: str) -> str:
    value = unicodedata.normalize("NFKC", text).casefold()
    value = value.lstrip(" -–•\t")
    return " ".join(_PUNCT.sub(" ", value).split())


def code_key(code: str | None) -> str:
    return normalise(code).replace(" ", "") if code else ""


# --- layout ------------------------------------------------------------------------------------


@dataclass
class Layout:
    sheet: str
    header_row: int  # 0-based
    label_start: int
    label_end: int  # exclusive: codes and texts live in [label_start, label_end)
    type_col: int
    answers: dict[str, int]  # layer -> column
    notes: dict[str, int] = field(default_factory=dict)
    evidence: dict[str, list[int]] = field(default_factory=dict)
    weight_col: int | None = None
    criteria_col: int | None = None
    value_col: int | None = None  # the form's own "Nilai"


@lru_cache(maxsize=4096)  # the same header texts in every file of a batch
def _role(text: str) -> tuple[str, str | None] | None:
    words = normalise(text)
    if not words:
        return None
    layer = "tpi" if re.search(r"\b(tpi|evaluator|penilai)\b", words) else None
    layer = layer or ("unit" if re.search(r"\bunit\b", words) else None)
    if words.startswith("pilihan jawaban") or words in ("jenis jawaban", "pilihan"):
        return "type", None
    if words.startswith("jawaban"):
        return "answer", layer
    if words.startswith(("penilaian", "kode", "komponen", "uraian")):
        return "label", None
    if words.startswith("bobot"):
        return "weight", None
    if words.startswith(("penjelasan", "kriteria")):
        return "criteria", None
    if words.startswith("nilai") and len(words) <= 12:
        return "value", None
    if words.startswith(("catatan", "keterangan")):
        return "note", layer
    if words.startswith(("bukti", "data dukung", "link", "tautan")):
        return "evidence", layer
    return None


def _layout_at(sheet: str, line: list[Any], row: int) -> Layout | None:
    roles: dict[str, list[tuple[int, str | None]]] = {}
    for col, value in enumerate(line):
        if isinstance(value, str):
            found = _role(value)
            if found:
                roles.setdefault(found[0], []).append((col, found[1]))
    if not ("type" in roles and "answer" in roles and "label" in roles):
        return None
    if not ("weight" in roles or "criteria" in roles):
        return None
    label_start = min(c for c, _ in roles["label"])
    right = [c for key in ("weight", "criteria", "type") for c, _ in roles.get(key, []) if c > label_start]
    answers: dict[str, int] = {}
    for col, layer in roles["answer"]:
        answers.setdefault(layer or "unit", col)
    notes: dict[str, int] = {}
    for col, layer in roles.get("note", []):
        notes.setdefault(layer or _nearest_layer(col, answers), col)
    evidence: dict[str, list[int]] = {}
    for col, layer in roles.get("evidence", []):
        evidence.setdefault(layer or _nearest_layer(col, answers), []).append(col)
    if "unit" in notes and "unit" not in evidence and "tpi" not in answers:
        # the 2021 annex: evidence and link sit, unlabelled, right of the note
        evidence["unit"] = [notes["unit"] + 1, notes["unit"] + 2]
    first = lambda key: roles[key][0][0] if key in roles else None  # noqa: E731
    return Layout(
        sheet=sheet,
        header_row=row,
        label_start=label_start,
        label_end=min(right),
        type_col=first("type") or 0,
        answers=answers,
        notes=notes,
        evidence=evidence,
        weight_col=first("weight"),
        criteria_col=first("criteria"),
        value_col=first("value"),
    )


def _nearest_layer(col: int, answers: dict[str, int]) -> str:
    left = [(c, layer) for layer, c in answers.items() if c <= col]
    return max(left)[1] if left else "unit"


def find_layout(source: Source) -> Layout | None:
    """The first sheet with an LKE header row, searching the likely sheets first."""
    names = source.sheet_names
    preferred = [n for n in names if normalise(n) in ("lke zi", "jawaban", "lke")]
    for name in preferred + [n for n in names if n not in preferred]:
        grid = source.rows(name)
        for row in range(min(HEADER_SCAN, len(grid))):
            layout = _layout_at(name, grid[row], row)
            if layout is not None:
                return layout
    return None


# --- rows --------------------------------------------------------------------------------------


@dataclass
class FormRow:
    row: int  # 0-based
    code: str | None
    code_col: int | None
    text: str
    norm: str
    weight: Any = None
    type_text: str | None = None

    @property
    def number(self) -> int:
        return self.row + 1


def form_row(grid: list[list[Any]], layout: Layout, row: int) -> FormRow | None:
    """One row's code and text (None for a row with no label)."""
    cells = [(c, cell(grid, row, c)) for c in range(layout.label_start, layout.label_end)]
    cells = [(c, v) for c, v in cells if v is not None and str(v).strip()]
    if not cells:
        return None
    code: str | None = None
    code_col: int | None = None
    first_col, first = cells[0]
    if isinstance(first, str) and _CODE.match(first.strip()) and len(cells) > 1:
        code, code_col = first.strip(), first_col
        cells = cells[1:]
    elif isinstance(first, float | int) and len(cells) > 1 and float(first).is_integer():
        code, code_col = f"{int(first)}.", first_col
        cells = cells[1:]
    text = " ".join(str(v).strip() for _, v in cells)
    type_value = cell(grid, row, layout.type_col)
    return FormRow(
        row=row,
        code=code,
        code_col=code_col,
        text=text,
        norm=normalise(text),
        weight=cell(grid, row, layout.weight_col) if layout.weight_col is not None else None,
        type_text=str(type_value).strip() if type_value is not None else None,
    )


def form_rows(grid: list[list[Any]], layout: Layout) -> list[FormRow]:
    rows = (form_row(grid, layout, row) for row in range(layout.header_row + 1, len(grid)))
    return [r for r in rows if r is not None]


# --- mapping -----------------------------------------------------------------------------------


@lru_cache(maxsize=8192)
def _trigrams(text: str) -> frozenset[str]:
    padded = f"  {text} "
    return frozenset(padded[i : i + 3] for i in range(len(padded) - 2))


def similarity(a: str, b: str) -> float:
    """Dice coefficient of character trigrams of two normalised texts: 1 for equal texts, about 0.8
    when a word of ten changes, low for different sentences; cheap enough for every row x item."""
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    ta, tb = _trigrams(a), _trigrams(b)
    return 2 * len(ta & tb) / (len(ta) + len(tb))


@dataclass
class Mapping:
    nodes: dict[str, int] = field(default_factory=dict)  # node id -> 0-based row
    questions: dict[str, int] = field(default_factory=dict)
    computed: dict[str, int] = field(default_factory=dict)
    totals: dict[str, int] = field(default_factory=dict)  # "total" or a node id -> row
    unmapped: list[FormRow] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # question ids not found

    @property
    def score(self) -> float:
        """Share of the worksheet's questions found: how well a worksheet fits the file."""
        found = len(self.questions)
        return found / (found + len(self.missing)) if found + len(self.missing) else 0.0


def map_rows(rows: list[FormRow], worksheet: Worksheet, *, fallback: bool = True) -> Mapping:
    mapping = Mapping()
    nodes = worksheet.all_nodes
    answer_labels = {normalise(t.label) for t in worksheet.answer_types.values()} | {"jumlah"}
    body: list[FormRow] = []
    for r in rows:
        total = _total_of(r, worksheet)
        if total is not None and total not in mapping.totals:
            mapping.totals[total] = r.row
        else:
            body.append(r)
    aligned = _align_nodes(body, nodes)
    mapping.nodes = {nodes[i].id: body[j].row for i, j in aligned}
    node_rows = sorted(mapping.nodes.values())
    taken = set(node_rows)
    for node in nodes:
        if not (node.questions or node.computed) or node.id not in mapping.nodes:
            continue
        start = mapping.nodes[node.id]
        end = next((r for r in node_rows if r > start), None)
        span = [r for r in body if start < r.row and (end is None or r.row < end) and r.row not in taken]
        _match_items(node, span, mapping, taken, answer_labels)
    leftovers = [r for r in body if r.row not in taken]
    for node in nodes:
        for q in node.questions:
            if q.id in mapping.questions:
                continue
            best = None
            if fallback:  # a question outside its node's span (its node row deleted or retitled)
                best = max(leftovers, key=lambda r: similarity(normalise(q.text), r.norm), default=None)
            if best is not None and similarity(normalise(q.text), best.norm) >= GLOBAL_MIN:
                mapping.questions[q.id] = best.row
                taken.add(best.row)
                leftovers.remove(best)
            else:
                mapping.missing.append(q.id)
    first_node = min(node_rows, default=None)
    mapping.unmapped = [r for r in leftovers if r.type_text and first_node is not None and r.row > first_node]
    return mapping


def _total_of(r: FormRow, worksheet: Worksheet) -> str | None:
    if _GRAND.match(r.norm):
        return "total"
    match = _TOTAL.match(r.norm)
    if match:
        for node in worksheet.nodes:
            if similarity(normalise(node.title), match.group(2)) >= NODE_MIN:
                return node.id
    return None


def _align_nodes(rows: list[FormRow], nodes: list[Node]) -> list[tuple[int, int]]:
    """Order-preserving alignment of node titles with rows, maximising total similarity."""
    candidates = [j for j, r in enumerate(rows) if not r.type_text or r.weight not in (None, "")]
    titles = [normalise(n.title) for n in nodes]
    codes = [code_key(n.code) for n in nodes]
    scores: dict[tuple[int, int], float] = {}
    for i, title in enumerate(titles):
        for j in candidates:
            s = similarity(title, rows[j].norm)
            if s >= NODE_MIN:
                bonus = 0.05 if codes[i] and codes[i] == code_key(rows[j].code) else 0.0
                scores[(i, j)] = s + bonus
    n, m = len(nodes), len(candidates)
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        for k in range(1, m + 1):
            s = scores.get((i - 1, candidates[k - 1]), 0.0)
            best[i][k] = max(best[i - 1][k], best[i][k - 1], best[i - 1][k - 1] + s if s else 0.0)
    out: list[tuple[int, int]] = []
    i, k = n, m
    while i and k:
        s = scores.get((i - 1, candidates[k - 1]), 0.0)
        if s and best[i][k] == best[i - 1][k - 1] + s:
            out.append((i - 1, candidates[k - 1]))
            i, k = i - 1, k - 1
        elif best[i][k] == best[i - 1][k]:
            i -= 1
        else:
            k -= 1
    return sorted(out)


def _match_items(
    node: Node, span: list[FormRow], mapping: Mapping, taken: set[int], answer_labels: set[str]
) -> None:
    # computed items first (the form's % rows): they give the count rows below them a context.
    # A row typed as one of the worksheet's answer types is a question's, never a computed item's.
    free = [r for r in span if normalise(r.type_text) not in answer_labels]
    pairs = [
        (similarity(normalise(item.title), r.norm), -abs(i - j), item.id, r)
        for i, item in enumerate(node.computed)
        for j, r in enumerate(free)
    ]
    for s, _, item_id, r in sorted(pairs, key=lambda p: (-p[0], -p[1])):
        if s < COMPUTED_MIN or item_id in mapping.computed or r.row in taken:
            continue
        mapping.computed[item_id] = r.row
        taken.add(r.row)
    owner: dict[int, set[str]] = {}  # row -> inputs of the computed item above it
    current: set[str] = set()
    for r in span:
        matched = next((c for c in node.computed if mapping.computed.get(c.id) == r.row), None)
        if matched is not None:
            current = set(matched.inputs)
        owner[r.row] = current
    free = [r for r in span if r.row not in taken]
    scored = []
    for i, q in enumerate(node.questions):
        text = normalise(q.text)
        for j, r in enumerate(free):
            s = similarity(text, r.norm)
            if s < ITEM_MIN:
                continue
            if q.code and code_key(q.code) == code_key(r.code):
                s += 0.05
            if q.id in owner.get(r.row, set()):
                s += 0.1
            scored.append((s, -abs(i - j), q.id, r))
    for _s, _, qid, r in sorted(scored, key=lambda p: (-p[0], -p[1])):
        if qid in mapping.questions or r.row in taken:
            continue
        mapping.questions[qid] = r.row
        taken.add(r.row)


# --- format module API -------------------------------------------------------------------------


@dataclass
class Recognised:
    layout: Layout
    rows: list[FormRow]
    worksheet: Worksheet
    mapping: Mapping
    # per layer, what reading a file of this layout needs besides its grid: (question, row, cell)
    cells: dict[str, list[tuple[str, int, str]]] = field(default_factory=dict, repr=False)
    # question rows whose label, type and weight cells (answers aside) equal another's: only these can
    # be copies of one another, in every file this recognition serves (it matched those very cells)
    alike_rows: frozenset[int] | None = field(default=None, repr=False)
    # per layer, the same cells as warnings look at them: {sheet: [(question, row, column)]}
    places: dict[str, dict[str, list[tuple[str, int, int]]]] = field(default_factory=dict, repr=False)

    def answer_cells(self, layer: str, col: int) -> list[tuple[str, int, str]]:
        if layer not in self.cells:
            letter = column_letter(col)
            questions = self.mapping.questions.items()
            self.cells[layer] = [(qid, row, f"{letter}{row + 1}") for qid, row in questions]
            self.places[layer] = {self.layout.sheet: [(qid, row, col) for qid, row in questions]}
        return self.cells[layer]


# Files of one batch share their layout: recognising it once serves them all. Remembered by the
# worksheet asked for, if any, the header's layout and everything else recognition reads (below the
# header: the label, type and weight cells); answers, notes and evidence play no part.
_recognised: Memo[Recognised | None] = Memo(maxsize=16)


def recognise(source: Source, requested: Worksheet | None) -> Recognised | None:
    layout = find_layout(source)
    if layout is None:
        return None
    grid = source.rows(layout.sheet)
    structure = _structure(grid, layout)

    def make() -> Recognised | None:
        recognised = _recognise(grid, layout, requested)
        if recognised is not None:
            recognised.alike_rows = _alike(structure, layout, recognised.mapping)
        return recognised

    return _recognised.get(requested, (repr(layout), tuple(map(tuple, structure))), make)


def _span(layout: Layout) -> tuple[int, int]:
    # from the labels to the type and weight columns (a few more cells than needed costs less than
    # picking them out)
    start = min(c for c in (layout.label_start, layout.type_col, layout.weight_col) if c is not None)
    end = max(c for c in (layout.label_end - 1, layout.type_col, layout.weight_col) if c is not None) + 1
    return start, end


def _structure(grid: list[list[Any]], layout: Layout) -> list[list[Any]]:
    start, end = _span(layout)
    return [line[start:end] for line in grid[layout.header_row + 1 :]]


def _alike(structure: list[list[Any]], layout: Layout, mapping: Mapping) -> frozenset[int]:
    start, end = _span(layout)
    answers = [c - start for c in layout.answers.values() if start <= c < end]
    groups: dict[tuple[Any, ...], list[int]] = {}
    for row in mapping.questions.values():
        at = row - layout.header_row - 1
        cells = list(structure[at]) if 0 <= at < len(structure) else []
        for column in answers:
            if column < len(cells):
                cells[column] = ""
        groups.setdefault(tuple(cells), []).append(row)
    return frozenset(row for rows in groups.values() if len(rows) > 1 for row in rows)


def _recognise(grid: list[list[Any]], layout: Layout, requested: Worksheet | None) -> Recognised | None:
    from pmprb.catalog import shipped_by_sheet, shipped_worksheets

    if requested is None and layout.value_col is None:
        # no figures of the form's own to cross-check: a file whose rows are the master's is read by them
        fast = _fixed_rows(grid, layout, shipped_by_sheet([layout.sheet]))
        if fast is not None:
            return fast
    rows = form_rows(grid, layout)
    if requested is not None:
        return Recognised(layout, rows, requested, map_rows(rows, requested))

    def fit(found: Recognised) -> tuple[float, int]:
        # the share of questions found decides; the worksheet's own sheet name breaks near-ties
        home = found.worksheet.excel is not None and found.worksheet.excel.sheet == layout.sheet
        return found.mapping.score + (0.02 if home else 0.0), found.worksheet.year

    best: Recognised | None = None
    for worksheet in shipped_worksheets():  # a quick pass for each, the full one for the winner
        candidate = Recognised(layout, rows, worksheet, map_rows(rows, worksheet, fallback=False))
        if best is None or fit(candidate) > fit(best):
            best = candidate
    if best is None or best.mapping.score < MIN_FIT:
        return None
    return Recognised(layout, rows, best.worksheet, map_rows(rows, best.worksheet))


def _fixed_rows(grid: list[list[Any]], layout: Layout, worksheets: list[Worksheet]) -> Recognised | None:
    """The worksheet laid out on this sheet whose every question sits, word for word, on its own row
    (the official file as downloaded): mapped by those rows, without searching."""
    for worksheet in worksheets:
        if worksheet.excel is None or worksheet.excel.sheet != layout.sheet:
            continue
        placed = {
            q.id: q.source.excel_row - 1
            for q in worksheet.questions.values()
            if q.source is not None and q.source.excel_row
        }
        found = {qid: form_row(grid, layout, row) for qid, row in placed.items()}
        texts = worksheet.questions
        if not placed or not all(
            r is not None and normalise(texts[q].text) in r.norm for q, r in found.items()
        ):
            continue
        mapping = Mapping(questions=placed)
        taken = set(placed.values())
        typed = (
            row
            for row in range(layout.header_row + 1, len(grid))
            if row not in taken and cell(grid, row, layout.type_col) is not None
        )
        mapping.unmapped = [r for row in typed if (r := form_row(grid, layout, row)) is not None]
        rows = sorted([r for r in found.values() if r is not None] + mapping.unmapped, key=lambda r: r.row)
        return Recognised(layout, rows, worksheet, mapping)
    return None


def detect(source: Source, requested: Worksheet | None) -> Any:
    from pmprb.readers import Detection

    if source.kind not in ("xlsx", "ods"):
        return None
    found = recognise(source, requested)
    if found is None:
        return None
    setattr(source, "_lke_form", found)  # noqa: B010 - read() reuses the mapping
    reason = Msg(
        "reason.lke-form-requested" if requested is not None else "reason.lke-form",
        sheet=found.layout.sheet,
        header=found.layout.header_row + 1,
        found=f"{len(found.mapping.questions)}/{len(found.worksheet.questions)}",
    )
    return Detection(found.worksheet, reason)


def read(source: Source, worksheet: Worksheet, layers: tuple[str, ...]) -> dict[str, AnswerSheet]:
    found: Recognised | None = getattr(source, "_lke_form", None)
    if found is None or found.worksheet is not worksheet:
        found = recognise(source, worksheet)
        assert found is not None
    layout = found.layout
    grid = source.rows(layout.sheet)
    problems = _mapping_problems(source, found)
    out: dict[str, AnswerSheet] = {}
    for layer in layers:
        sheet = AnswerSheet(file=source.name, layer=layer, worksheet_id=worksheet.id)
        sheet.problems.extend(problems)
        col = layout.answers.get(layer)
        if col is None:
            raise UserError(
                Problem(
                    "lkeform.layer-absent",
                    Location(source.name, sheet=layout.sheet),
                    params={"value": layer, "allowed": ", ".join(layout.answers)},
                )
            )
        name, answers, where = source.name, sheet.answers, layout.sheet
        note_col, evidence_cols = layout.notes.get(layer), layout.evidence.get(layer, [])
        height = len(grid)
        # the helpers (_text, _joined, normalise) inline: this runs for every question of every file
        for qid, row, ref in found.answer_cells(layer, col):
            line = grid[row] if row < height else []
            width = len(line)
            value = line[col] if col < width else None
            if isinstance(value, str) and (not value or _normalise(value) == NOT_FILLED):
                value = None
            note = None
            if note_col is not None and note_col < width:
                text = line[note_col]
                note = (str(text).strip() or None) if text is not None else None
            evidence = None
            if evidence_cols:
                parts = []
                for c in evidence_cols:  # a loop, not a comprehension: no function call per answer
                    if c < width and (v := line[c]) is not None and (t := str(v).strip()):
                        parts.append(t)
                evidence = " ; ".join(parts) if parts else None
            answers[qid] = RawAnswer(value, Location(name, where, ref), note, evidence)
        sheet.alike_rows, sheet.answer_places = found.alike_rows, found.places[layer]
        if layout.value_col is not None:
            sheet.meta["lke_form"] = _form_meta(grid, found, col)
        out[layer] = sheet
    return out


def _mapping_problems(source: Source, found: Recognised) -> list[Problem]:
    layout, mapping = found.layout, found.mapping
    problems: list[Problem] = []
    text_col = column_letter(layout.label_start)
    for r in mapping.unmapped:
        problems.append(
            Problem(
                "lkeform.row-unmapped",
                Location(source.name, sheet=layout.sheet, cell=f"{text_col}{r.number}"),
                "warning",
                params={"text": _short(r.text), "worksheet": found.worksheet.id},
            )
        )
    for qid in mapping.missing:
        q = found.worksheet.questions[qid]
        problems.append(
            Problem(
                "lkeform.question-not-found",
                Location(source.name, sheet=layout.sheet),
                "warning",
                question=qid,
                params={"text": _short(q.text), "worksheet": found.worksheet.id},
            )
        )
    return problems


def _form_meta(grid: list[list[Any]], found: Recognised, answer_col: int) -> dict[str, Any]:
    """Where the form keeps its own figures, for the cross-check (pmprb.crosscheck)."""
    layout, mapping = found.layout, found.mapping
    assert layout.value_col is not None
    value_col = layout.value_col
    rows = {
        "nodes": dict(mapping.nodes),
        "questions": dict(mapping.questions),
        "computed": dict(mapping.computed),
        "totals": dict(mapping.totals),
    }
    used = {r for group in rows.values() for r in group.values()}
    return {
        "sheet": layout.sheet,
        "value_col": column_letter(value_col),
        "answer_col": column_letter(answer_col),
        "type_col": column_letter(layout.type_col),
        "weight_col": column_letter(layout.weight_col) if layout.weight_col is not None else None,
        "rows": rows,
        # cached values: the figures the form's formulas computed when the file was last saved
        "values": {r: cell(grid, r, value_col) for r in used},
        "answers": {r: cell(grid, r, answer_col) for r in used},
        "types": {r: cell(grid, r, layout.type_col) for r in used},
        "texts": {r.row: r.text for r in found.rows},
    }


def _short(text: str) -> str:
    return text if len(text) <= 80 else text[:77] + "..."
