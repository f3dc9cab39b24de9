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
from pmprb.readers.base import Detection, FormFigures, FormItem, ReaderHints, ReadResult
from pmprb.readers.source import Source, cell, column_index, column_letter
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
    values: dict[str, int] = field(default_factory=dict)  # layer -> the form's own "Nilai" column
    id_col: int | None = None  # the form's row numbers ("ID"), by header or found by content
    headerless: bool = False  # the columns are the worksheet's own, checked by content

    def describe(self) -> str:
        if self.headerless:
            return f"sheet {self.sheet!r}, tanpa baris judul / no header row"
        return f"sheet {self.sheet!r}, header {self.header_row + 1}"


_EVALUATOR = re.compile(r"\b(tpi|evaluator|penilai|verifikator|apip)\b")
_ROLE_WORDS = re.compile(
    r"^(pilihan jawaban|jenis jawaban|jawaban|catatan|keterangan|nilai|bukti dukung|data dukung|bukti|"
    r"tautan bukti dukung|tautan|link)\b\s*"
)


def layer_name(words: str) -> str | None:
    """The layer a header names after its role word: 'Jawaban TPI' -> tpi, 'Jawaban Unit' -> unit,
    'Jawaban TPI Kementerian X' -> tpi-kementerian-x (a further evaluator), 'Jawaban' -> None."""
    rest = _ROLE_WORDS.sub("", words, count=1).strip()
    if not rest:
        return None
    if rest in ("tpi", "evaluator", "penilai", "tim penilai internal"):
        return "tpi"
    if _EVALUATOR.search(rest):
        return "-".join(rest.split())
    if re.search(r"\b(unit|mandiri)\b", rest):
        return "unit"
    return None


@lru_cache(maxsize=4096)  # the same header texts in every file of a batch
def _role(text: str) -> tuple[str, str | None] | None:
    words = normalise(text)
    if not words:
        return None
    layer = layer_name(words)
    if words in ("id", "id baris", "baris", "no baris"):
        return "id", None
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
    if words.startswith("nilai") and not _GRAND.match(words) and len(words) <= 40:
        return "value", layer
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
        # an unnamed answer column is the unit's, or (after the unit's) the next evaluator's
        name = layer or ("unit" if "unit" not in answers else "tpi" if "tpi" not in answers else None)
        if name is not None:
            answers.setdefault(name, col)
    notes: dict[str, int] = {}
    for col, layer in roles.get("note", []):
        notes.setdefault(layer or _nearest_layer(col, answers), col)
    evidence: dict[str, list[int]] = {}
    for col, layer in roles.get("evidence", []):
        evidence.setdefault(layer or _nearest_layer(col, answers), []).append(col)
    values: dict[str, int] = {}
    for col, layer in roles.get("value", []):
        values.setdefault(layer or _nearest_layer(col, answers), col)
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
        values=values,
        id_col=first("id"),
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
    dash: bool = False  # the label opens with "-": the form's short sub-item label

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
    dash = text.lstrip()[:1] in ("-", "–", "•")
    return FormRow(
        row=row,
        code=code,
        code_col=code_col,
        text=text,
        norm=normalise(text),
        weight=cell(grid, row, layout.weight_col) if layout.weight_col is not None else None,
        type_text=str(type_value).strip() if type_value is not None else None,
        dash=dash,
    )


def form_rows(grid: list[list[Any]], layout: Layout) -> list[FormRow]:
    rows = (form_row(grid, layout, row) for row in range(max(layout.header_row + 1, 0), len(grid)))
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


def containment(short: str, long: str) -> float:
    """Share of the short text's trigrams found in the long one: the form's short label
    ("- Kepala satuan kerja") inside the master's question ("Jumlah Kepala satuan kerja yang ...")."""
    if not short or not long:
        return 0.0
    ts = _trigrams(short)
    return len(ts & _trigrams(long)) / len(ts)


def fit(text: str, r: FormRow) -> float:
    """How well a row's label fits a question's normalised text: the whole text, or for the form's
    short sub-item labels the label found inside it (a longer match ranks above a shorter one)."""
    whole = similarity(text, r.norm)
    if not r.dash:
        return whole
    return max(whole, 0.9 * containment(r.norm, text)) + 0.05 * whole


_SUBTOTAL = re.compile(r"^(jumlah|total) (yang|pegawai yang) (harus|wajib) (melaporkan|menyampaikan|lapor)\b")
_PERCENT_TYPES = ("%", "persen", "persentase")


def form_kind(r: FormRow) -> str | None:
    """A row of the form's own: its subtotal ("Jumlah yang harus melaporkan") or a percentage it computes."""
    if _SUBTOTAL.match(r.norm):
        return "subtotal"
    if normalise(r.type_text) in _PERCENT_TYPES or r.norm.startswith(("persentase", "%")):
        return "percent"
    return None


@dataclass
class Mapping:
    nodes: dict[str, int] = field(default_factory=dict)  # node id -> 0-based row
    questions: dict[str, int] = field(default_factory=dict)
    computed: dict[str, int] = field(default_factory=dict)
    totals: dict[str, int] = field(default_factory=dict)  # "total" or a node id -> row
    unmapped: list[FormRow] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # question ids not found
    form: list[FormItem] = field(default_factory=list)  # the form's own subtotal and % rows
    numbered: str = ""  # how question rows were placed by number: "" (not), "rows", or the ID column
    by_number: int = 0  # how many were placed so (the others by structure and text)

    @property
    def score(self) -> float:
        """Share of the worksheet's questions found: how well a worksheet fits the file."""
        found = len(self.questions)
        return found / (found + len(self.missing)) if found + len(self.missing) else 0.0


RIVALS, RIVAL_ROWS = 12, 12  # questions around one, by the master's rows, that a shift could bring in
PLACE_MIN = ITEM_MIN  # a row placed by number must carry a label fitting its question this well


def place_by_number(
    rows: list[FormRow], worksheet: Worksheet, idents: dict[int, dict[int, int]]
) -> tuple[dict[str, int], str]:
    """Questions placed at the master's row number (`excel_row`): read from an ID column that holds
    it (`idents`: column -> {number: 0-based row}), or the row itself. A placement counts only where
    the row's label fits its question at least as well as any other question of its node: the number
    is the strongest evidence a file carries, and the label keeps a renumbered column from misleading."""
    numbered = {
        q.id: q.source.excel_row
        for q in worksheet.questions.values()
        if q.source is not None and q.source.excel_row
    }
    if not numbered:
        return {}, ""
    # the questions a shifted row could hold instead: its node's, and those a few rows around it
    order = sorted(numbered, key=numbered.__getitem__)
    rivals: dict[str, set[str]] = {qid: set() for qid in numbered}
    for i, qid in enumerate(order):
        for other in order[max(0, i - RIVALS) : i + RIVALS + 1]:
            if other != qid and abs(numbered[other] - numbered[qid]) <= RIVAL_ROWS:
                rivals[qid].add(other)
    for node in worksheet.all_nodes:
        ids = [q.id for q in node.questions if q.id in rivals]
        for qid in ids:
            rivals[qid].update(o for o in ids if o != qid)
    by_row = {r.row: r for r in rows}
    texts = {qid: normalise(q.text) for qid, q in worksheet.questions.items()}
    codes = {qid: code_key(q.code) for qid, q in worksheet.questions.items()}

    def verified(places: dict[str, int]) -> dict[str, int]:
        out: dict[str, int] = {}
        used: set[int] = set()
        for qid, row in places.items():
            r = by_row.get(row)
            if r is None or row in used:
                continue
            if form_kind(r) == "subtotal" and not _SUBTOTAL.match(texts[qid]):
                continue
            score = fit(texts[qid], r)
            # a row without an answer type (a node's title) takes a question only on a near-equal label
            if score < (PLACE_MIN if r.type_text else GLOBAL_MIN):
                continue
            fits = {o: fit(texts[o], r) for o in rivals[qid]}
            if any(f > score + 1e-9 for f in fits.values()):
                continue  # the row holds another question: rows moved
            tied = [o for o, f in fits.items() if f >= score - 1e-9]
            if tied:  # the same label (89 and 90 both read "Jumlah Perubahan yang dibuat"): the code decides
                mine = codes[qid]
                if not mine or mine != code_key(r.code) or any(codes[o] == mine for o in tied):
                    continue
            out[qid] = row
            used.add(row)
        return out

    best, how = verified({qid: number - 1 for qid, number in numbered.items()}), "rows"
    for col, index in idents.items():
        found = verified({qid: index[n] for qid, n in numbered.items() if n in index})
        if len(found) > len(best):
            best, how = found, column_letter(col)
    if len(best) < len(numbered) / 2:  # not this worksheet's numbering: leave it to texts
        return {}, ""
    return best, how


def map_rows(
    rows: list[FormRow],
    worksheet: Worksheet,
    *,
    fallback: bool = True,
    idents: dict[int, dict[int, int]] | None = None,
) -> Mapping:
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
    placed, mapping.numbered = place_by_number(body, worksheet, idents or {})
    mapping.questions.update(placed)
    mapping.by_number = len(placed)
    taken = set(placed.values())
    free = [r for r in body if r.row not in taken]
    aligned = _align_nodes(free, nodes)
    mapping.nodes = {nodes[i].id: free[j].row for i, j in aligned}
    node_rows = sorted(mapping.nodes.values())
    taken |= set(node_rows)
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
            text = normalise(q.text)
            best = None
            if fallback:  # a question outside its node's span (its node row deleted or retitled)
                best = max(leftovers, key=lambda r: similarity(text, r.norm), default=None)
            if best is not None and similarity(text, best.norm) >= GLOBAL_MIN:
                mapping.questions[q.id] = best.row
                taken.add(best.row)
                leftovers.remove(best)
            else:
                mapping.missing.append(q.id)
    starts = [*node_rows, *mapping.questions.values()]
    first = min(starts, default=None)
    _classify(mapping, worksheet, [r for r in leftovers if first is not None and r.row > first])
    return mapping


def _classify(mapping: Mapping, worksheet: Worksheet, leftovers: list[FormRow]) -> None:
    """Rows left over after mapping: the form's own subtotal and % rows (named, never questions) or
    rows typed as answers that no question claims (warned about)."""
    question_node = {q.id: n.id for n in worksheet.all_nodes for q in n.questions}
    near = sorted((row, question_node[q]) for q, row in mapping.questions.items())
    for r in leftovers:
        kind = form_kind(r)
        if kind is None:
            if r.type_text:
                mapping.unmapped.append(r)
            continue
        # the node of the nearest question row (a form puts its subtotal and % beside the parts)
        owner = min(near, key=lambda p: (abs(p[0] - r.row), p[0] > r.row))[1] if near else None
        parts: tuple[str, ...] = ()
        if kind == "subtotal" and owner is not None:
            for item in worksheet.node_by_id[owner].computed:
                denominator = getattr(item, "denominator", None) or []
                if len(denominator) > 1:
                    parts = tuple(denominator)
        mapping.form.append(FormItem(kind, r.number, r.text, owner, parts))


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
        if q.id in mapping.questions:
            continue
        text = normalise(q.text)
        for j, r in enumerate(free):
            if form_kind(r) == "subtotal" and not _SUBTOTAL.match(text):
                continue  # the form's own subtotal, not a question's row
            s = fit(text, r)
            if s < ITEM_MIN:
                continue
            if q.code and code_key(q.code) == code_key(r.code):
                s += 0.05
            if q.id in owner.get(r.row, set()) and not r.code:  # the 2021 form's uncoded count rows
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
    # the shipped worksheets' fit to this file, best first: (worksheet id, questions found, questions)
    candidates: tuple[tuple[str, int, int], ...] = ()

    def answer_cells(self, layer: str, col: int) -> list[tuple[str, int, str]]:
        if layer not in self.cells:
            letter = column_letter(col)
            questions = self.mapping.questions.items()
            self.cells[layer] = [(qid, row, f"{letter}{row + 1}") for qid, row in questions]
            self.places[layer] = {self.layout.sheet: [(qid, row, col) for qid, row in questions]}
        return self.cells[layer]

    @property
    def found(self) -> int:
        return len(self.mapping.questions)

    def rows_text(self, row: int) -> str:
        """The label of a row (0-based) as read."""
        return next((r.text for r in self.rows if r.row == row), "")


# Files of one batch share their layout: recognising it once serves them all. Remembered by the
# worksheet asked for, if any, the header's layout and everything else recognition reads (below the
# header: the ID, label, type and weight cells); answers, notes and evidence play no part.
_recognised: Memo[Recognised | None] = Memo(maxsize=16)


def recognise(source: Source, requested: Worksheet | None) -> Recognised | None:
    layout = find_layout(source)
    if layout is None:
        return _headerless(source, requested)
    grid = source.rows(layout.sheet)
    structure = _structure(grid, layout)

    def make() -> Recognised | None:
        recognised = _recognise(grid, layout, requested)
        if recognised is not None:
            recognised.alike_rows = _alike(structure, layout, recognised.mapping)
        return recognised

    return _recognised.get(requested, (repr(layout), tuple(map(tuple, structure))), make)


def _span(layout: Layout) -> tuple[int, int]:
    # from the ID and labels to the type and weight columns (a few more cells than needed costs less
    # than picking them out)
    first = (layout.id_col, layout.label_start, layout.type_col, layout.weight_col)
    last = (layout.label_end - 1, layout.type_col, layout.weight_col)
    return min(c for c in first if c is not None), max(c for c in last if c is not None) + 1


def _structure(grid: list[list[Any]], layout: Layout) -> list[list[Any]]:
    start, end = _span(layout)
    # the columns left of the labels too: an ID column is found there by content
    start = 0 if start <= 3 else start
    return [line[start:end] for line in grid[layout.header_row + 1 :]]


def _alike(structure: list[list[Any]], layout: Layout, mapping: Mapping) -> frozenset[int]:
    start, end = _span(layout)
    start = 0 if start <= 3 else start
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


def idents(grid: list[list[Any]], layout: Layout) -> dict[int, dict[int, int]]:
    """Columns that may hold the form's row numbers (the header's ID column, and the columns left of
    the labels): column -> {number: 0-based row}."""
    columns = {c for c in range(0, min(layout.label_start + 1, 4))}
    if layout.id_col is not None:
        columns.add(layout.id_col)
    out: dict[int, dict[int, int]] = {}
    for col in sorted(columns):
        index: dict[int, int] = {}
        for row in range(max(layout.header_row + 1, 0), len(grid)):
            value = cell(grid, row, col)
            if isinstance(value, str) and value.strip().isdigit():
                value = int(value.strip())
            if isinstance(value, int | float) and not isinstance(value, bool) and float(value).is_integer():
                index.setdefault(int(value), row)
        if len(index) >= 10:
            out[col] = index
    return out


def _recognise(grid: list[list[Any]], layout: Layout, requested: Worksheet | None) -> Recognised | None:
    from pmprb.catalog import shipped_by_sheet, shipped_worksheets

    if requested is None and not layout.values:
        # no figures of the form's own to cross-check: a file whose rows are the master's is read by them
        fast = _fixed_rows(grid, layout, shipped_by_sheet([layout.sheet]))
        if fast is not None:
            return fast
    rows = form_rows(grid, layout)
    numbers = idents(grid, layout)

    def fit_of(found: Recognised) -> tuple[float, int]:
        # the share of questions found decides; the worksheet's own sheet name breaks near-ties
        home = found.worksheet.excel is not None and found.worksheet.excel.sheet == layout.sheet
        return found.mapping.score + (0.02 if home else 0.0), found.worksheet.year

    tried: list[Recognised] = []
    for worksheet in shipped_worksheets():  # a quick pass for each, the full one for the chosen
        if worksheet is requested:
            continue
        mapping = map_rows(rows, worksheet, fallback=False, idents=numbers)
        tried.append(Recognised(layout, rows, worksheet, mapping))
    tried.sort(key=fit_of, reverse=True)
    candidates = tuple((r.worksheet.id, r.found, len(r.worksheet.questions)) for r in tried)
    chosen = requested
    if chosen is None:
        if not tried or tried[0].mapping.score < MIN_FIT:
            return None
        chosen = tried[0].worksheet
    found = Recognised(layout, rows, chosen, map_rows(rows, chosen, idents=numbers))
    if requested is not None:
        mine = (requested.id, found.found, len(requested.questions))
        candidates = tuple(sorted([mine, *candidates], key=lambda c: -c[1] / max(c[2], 1)))
    found.candidates = candidates
    return found


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
        mapping = Mapping(questions=placed, numbered="rows", by_number=len(placed))
        taken = set(placed.values())
        typed = (
            row
            for row in range(max(layout.header_row + 1, 0), len(grid))
            if row not in taken and (cell(grid, row, layout.type_col) is not None or row > min(taken))
        )
        leftovers = [r for row in typed if (r := form_row(grid, layout, row)) is not None]
        _classify(mapping, worksheet, [r for r in leftovers if r.row > min(taken)])
        rows = sorted([r for r in found.values() if r is not None] + leftovers, key=lambda r: r.row)
        recognised = Recognised(layout, rows, worksheet, mapping)
        recognised.candidates = ((worksheet.id, len(placed), len(worksheet.questions)),)
        return recognised
    return None


# --- a sheet without its header row: the worksheet's own columns, checked by content ------------


def _headerless(source: Source, requested: Worksheet | None) -> Recognised | None:
    """The worksheet's own answer sheet whose header row is gone: rows placed by number (an ID column
    or the rows themselves) and checked by their labels; each layer's answer column is the one the
    worksheet names, or the first after it whose cells hold answers (a column inserted before it,
    such as links to evidence, is never read as answers)."""
    from pmprb.catalog import shipped_by_sheet

    names = source.sheet_names
    candidates = [requested] if requested is not None else shipped_by_sheet(names)
    for worksheet in candidates:
        excel = worksheet.excel if worksheet is not None else None
        if excel is None or excel.sheet not in names or "unit" not in excel.columns:
            continue
        grid = source.rows(excel.sheet)
        unit = excel.columns["unit"]
        answer = column_index(unit.answer)
        layout = Layout(
            sheet=excel.sheet,
            header_row=-1,
            label_start=1,
            label_end=max(answer - 2, 2),
            type_col=max(answer - 1, 1),
            answers={"unit": answer},
            notes={"unit": column_index(unit.note)} if unit.note else {},
            evidence={"unit": [column_index(unit.evidence)]} if unit.evidence else {},
            headerless=True,
        )
        rows = form_rows(grid, layout)
        mapping = map_rows(rows, worksheet, idents=idents(grid, layout))
        if not mapping.numbered and not _labelled(rows, worksheet):
            # answers alone at the master's rows (labels stripped): nothing contradicts the rows
            placed = {
                q.id: q.source.excel_row - 1
                for q in worksheet.questions.values()
                if q.source and q.source.excel_row
            }
            mapping = Mapping(questions=placed, numbered="rows", by_number=len(placed))
            mapping.missing = [q for q in worksheet.questions if q not in placed]
        if not mapping.numbered or mapping.score < MIN_FIT:
            continue
        layout.id_col = column_index(mapping.numbered) if mapping.numbered != "rows" else None
        _layers_by_content(grid, layout, worksheet, mapping)
        found = Recognised(layout, rows, worksheet, mapping)
        found.candidates = ((worksheet.id, found.found, len(worksheet.questions)),)
        found.alike_rows = _alike(_structure(grid, layout), layout, mapping)
        return found
    return None


def _labelled(rows: list[FormRow], worksheet: Worksheet) -> bool:
    """Whether the question rows of the master carry labels at all."""
    numbered = {
        q.source.excel_row - 1 for q in worksheet.questions.values() if q.source and q.source.excel_row
    }
    return sum(1 for r in rows if r.row in numbered) >= len(numbered) / 10


LAYER_SCAN = 6  # columns searched right of where the worksheet puts a layer's answer
ANSWER_LIKE = 0.8  # share of a column's filled cells that must be valid answers


def _layers_by_content(grid: list[list[Any]], layout: Layout, worksheet: Worksheet, mapping: Mapping) -> None:
    from pmprb.scoring.normalize import Invalid, is_blank, normalize

    assert worksheet.excel is not None
    used = {
        layout.answers["unit"],
        *layout.notes.values(),
        *(c for cs in layout.evidence.values() for c in cs),
    }

    def answer_like(col: int) -> tuple[int, int]:
        filled = valid = 0
        for qid, row in mapping.questions.items():
            value = cell(grid, row, col)
            if is_blank(value):
                continue
            filled += 1
            try:
                normalize(worksheet.answer_types[worksheet.questions[qid].type], value)
                valid += 1
            except Invalid:
                pass
        return filled, valid

    for layer, columns in worksheet.excel.columns.items():
        if layer == "unit":
            continue
        named = column_index(columns.answer)
        for col in range(named, named + LAYER_SCAN):
            if col in used:
                continue
            filled, valid = answer_like(col)
            if filled and valid >= ANSWER_LIKE * filled and filled >= len(mapping.questions) / 5:
                layout.answers[layer] = col
                if columns.note:
                    layout.notes[layer] = column_index(columns.note) + col - named
                # columns inserted before the layer (links to new evidence) belong to the layer before
                inserted = [c for c in range(named, col) if c not in used]
                if inserted:
                    layout.evidence.setdefault("unit", []).extend(inserted)
                used |= {col, layout.notes.get(layer, col)}
                break


def detect(source: Source, requested: Worksheet | None) -> Detection | None:
    if source.kind not in ("xlsx", "ods", "xls", "xlsb"):
        return None
    found = recognise(source, requested)
    if found is None:
        return None
    total = len(found.worksheet.questions)
    layout, mapping = found.layout, found.mapping
    header = (
        Msg("readers.reason-no-header")
        if layout.headerless
        else Msg("readers.reason-header", row=layout.header_row + 1)
    )
    numbers: str = ""
    if mapping.numbered == "rows":
        numbers = Msg("readers.reason-rows", count=mapping.by_number, total=total)
    elif mapping.numbered:
        numbers = Msg("readers.reason-id", column=mapping.numbered, count=mapping.by_number, total=total)
    reason = Msg(
        "readers.reason",
        asked="--worksheet; " if requested is not None else "",
        sheet=layout.sheet,
        header=header,
        found=f"{found.found}/{total}",
        numbers=numbers,
    )
    return Detection(
        found.worksheet,
        reason,
        "lke_form",
        confidence=found.found / total if total else 0.0,
        found=found.found,
        layers=tuple(layer for layer, _ in sorted(layout.answers.items(), key=lambda kv: kv[1])),
        state=found,
        candidates=found.candidates,
        missing=tuple(mapping.missing),
    )


def read(source: Source, detection: Detection, layers: tuple[str, ...]) -> ReadResult:
    found = detection.state
    if not isinstance(found, Recognised):
        raise TypeError("lke_form.read needs lke_form.detect's detection")
    layout = found.layout
    grid = source.rows(layout.sheet)
    problems = _mapping_problems(source, found)
    out = ReadResult({})
    for layer in layers:
        sheet = AnswerSheet(file=source.name, layer=layer, worksheet_id=found.worksheet.id)
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
        sheet.problems.extend(_subtotal_problems(source, found, grid, col))
        out.hints[layer] = ReaderHints(found.alike_rows, found.places[layer])
        value_col = layout.values.get(layer)
        if value_col is not None and source.kind == "xlsx":
            out.figures[layer] = _figures(grid, found, col, value_col)
        out.sheets[layer] = sheet
    return out


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip().replace(",", ".")
    try:
        return float(text) if text else None
    except ValueError:
        return None


def _subtotal_problems(source: Source, found: Recognised, grid: list[list[Any]], col: int) -> list[Problem]:
    """The form's own subtotal, filled by the unit, checked against the parts it adds up: scores
    use the parts (the subtotal is no question), so a different figure is said, with its cell."""
    out: list[Problem] = []
    letter = column_letter(col)
    for item in found.mapping.form:
        if item.kind != "subtotal" or not item.parts:
            continue
        shown = _number(cell(grid, item.row - 1, col))
        rows = [found.mapping.questions.get(q) for q in item.parts]
        if shown is None or any(r is None for r in rows):
            continue
        values = [_number(cell(grid, r, col)) for r in rows if r is not None]
        total = sum(v or 0.0 for v in values)
        if abs(total - shown) > 1e-9:
            out.append(
                Problem(
                    "readers.subtotal-differs",
                    Location(source.name, sheet=found.layout.sheet, cell=f"{letter}{item.row}"),
                    "warning",
                    params={
                        "text": _short(item.text),
                        "value": _plain(shown),
                        "sum": _plain(total),
                        "cells": ", ".join(f"{letter}{r + 1}" for r in rows if r is not None),
                    },
                )
            )
    return out


def _plain(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


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


def _figures(grid: list[list[Any]], found: Recognised, answer_col: int, value_col: int) -> FormFigures:
    """Where the form keeps its own figures, for the cross-check (pmprb.crosscheck)."""
    layout, mapping = found.layout, found.mapping
    groups = (mapping.nodes, mapping.questions, mapping.computed, mapping.totals)
    used = {r for group in groups for r in group.values()}
    return FormFigures(
        sheet=layout.sheet,
        value_col=column_letter(value_col),
        answer_col=column_letter(answer_col),
        type_col=column_letter(layout.type_col),
        weight_col=column_letter(layout.weight_col) if layout.weight_col is not None else None,
        nodes=dict(mapping.nodes),
        questions=dict(mapping.questions),
        computed=dict(mapping.computed),
        totals=dict(mapping.totals),
        # cached values: the figures the form's formulas computed when the file was last saved
        values={r: cell(grid, r, value_col) for r in used},
        answers={r: cell(grid, r, answer_col) for r in used},
        types={r: cell(grid, r, layout.type_col) for r in used},
        texts={r.row: r.text for r in found.rows},
    )


def _short(text: str) -> str:
    return text if len(text) <= 80 else text[:77] + "..."


class LkeForm:
    """The official LKE layouts, read by structure (module functions `detect` and `read`)."""

    name = "lke_form"

    def detect(self, source: Source, requested: Worksheet | None) -> Detection | None:
        return detect(source, requested)

    def read(self, source: Source, detection: Detection, layers: tuple[str, ...]) -> ReadResult:
        return read(source, detection, layers)


FORMAT = LkeForm()
