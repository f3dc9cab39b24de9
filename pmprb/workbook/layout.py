"""Where everything sits in the workbook: one row per node, question and computed item on the answer
sheet, in worksheet order; a column block per answer layer; summary rows for combined nodes and
predicate rules. Pure data, no spreadsheet library: the writer, the reader's tests and the
recalculation test all ask this module for cell addresses."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from pmprb.model import Computed, Condition, Node, Question, Worksheet
from pmprb.model.worksheet import TOTAL
from pmprb.readers.workbook_meta import ANSWER_SHEET, SUMMARY_SHEET

# fixed columns of the answer sheet (A is the hidden row key)
KEY, CODE, TEXT, WEIGHT, TYPE, CRITERIA = "A", "B", "C", "D", "E", "F"
FIRST_LAYER_COLUMN = 7  # G
LAYER_FIELDS = ("answer", "value", "percent", "note", "evidence")
HELPER_FIELDS = ("norm", "prefix", "status")  # hidden, per layer: see formulas.py

TITLE_ROW, SUBTITLE_ROW, HEADER_ROW, SUBHEADER_ROW, TOTAL_ROW = 1, 2, 4, 5, 6
FIRST_ROW = 7

RowKind = Literal["node", "question", "computed"]


def get_column_letter(index: int) -> str:
    """1 -> A, 27 -> AA."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(frozen=True)
class LayerColumns:
    layer: str
    answer: str
    value: str
    percent: str
    note: str
    evidence: str
    norm: str
    prefix: str
    status: str


@dataclass(frozen=True)
class Row:
    row: int
    kind: RowKind
    id: str
    depth: int
    node: Node | None = None
    question: Question | None = None
    item: Computed | None = None


@dataclass(frozen=True)
class ConditionRow:
    row: int
    rule: str
    node: str  # 'total', a node, combined or question id
    condition: Condition


@dataclass
class SummaryLayout:
    """The summary sheet: node rows (depth <= 2), combined nodes, total, predicate rules."""

    node_rows: dict[str, int] = field(default_factory=dict)
    combined_rows: dict[str, int] = field(default_factory=dict)
    total_row: int = 0
    predicate_row: int = 0
    rule_rows: dict[str, int] = field(default_factory=dict)
    conditions: list[ConditionRow] = field(default_factory=list)
    declaration_rows: list[tuple[int, str]] = field(default_factory=list)
    header_row: int = 4
    # columns: B code/label, C title, D weight or required, then (score, percent) per layer
    layer_columns: dict[str, tuple[str, str]] = field(default_factory=dict)


@dataclass
class Layout:
    worksheet: Worksheet
    layers: list[LayerColumns]
    rows: list[Row]
    summary: SummaryLayout
    node_row: dict[str, int] = field(default_factory=dict)
    question_row: dict[str, int] = field(default_factory=dict)
    computed_row: dict[str, int] = field(default_factory=dict)

    @property
    def last_row(self) -> int:
        return self.rows[-1].row if self.rows else FIRST_ROW

    @property
    def last_visible_column(self) -> str:
        return self.layers[-1].evidence

    @property
    def last_column(self) -> str:
        return self.layers[-1].status

    def columns(self, layer: str) -> LayerColumns:
        for cols in self.layers:
            if cols.layer == layer:
                return cols
        raise KeyError(layer)

    def score_cells(self, layer: str) -> dict[str, tuple[str, str]]:
        """Every scored figure of one layer: node, combined, computed and question ids (their value),
        'total' and 'predicate' -> (sheet, cell)."""
        cols = self.columns(layer)
        out: dict[str, tuple[str, str]] = {}
        for node_id, row in self.node_row.items():
            out[node_id] = (ANSWER_SHEET, f"{cols.value}{row}")
        for item_id, row in self.computed_row.items():
            out[item_id] = (ANSWER_SHEET, f"{cols.value}{row}")
        score_col = self.summary.layer_columns[layer][0]
        for combo_id, row in self.summary.combined_rows.items():
            out[combo_id] = (SUMMARY_SHEET, f"{score_col}{row}")
        out[TOTAL] = (ANSWER_SHEET, f"{cols.value}{TOTAL_ROW}")
        out["predicate"] = (SUMMARY_SHEET, f"{score_col}{self.summary.predicate_row}")
        return out


def build_layout(worksheet: Worksheet) -> Layout:
    layers = []
    helper_start = FIRST_LAYER_COLUMN + len(LAYER_FIELDS) * len(worksheet.layers)
    for i, layer in enumerate(worksheet.layers):
        visible = [get_column_letter(FIRST_LAYER_COLUMN + i * len(LAYER_FIELDS) + j) for j in range(5)]
        hidden = [get_column_letter(helper_start + i * len(HELPER_FIELDS) + j) for j in range(3)]
        layers.append(LayerColumns(layer, *visible, *hidden))
    rows: list[Row] = []
    for node in worksheet.nodes:
        _place(node, 0, rows)
    layout = Layout(worksheet, layers, rows, _summary(worksheet, [c.layer for c in layers]))
    for row in rows:
        target = {"node": layout.node_row, "question": layout.question_row, "computed": layout.computed_row}
        target[row.kind][row.id] = row.row
    return layout


def _place(node: Node, depth: int, rows: list[Row]) -> None:
    rows.append(Row(FIRST_ROW + len(rows), "node", node.id, depth, node=node))
    for child in node.children:
        _place(child, depth + 1, rows)
    for kind, entry in item_order(node):
        if kind == "question":
            assert isinstance(entry, Question)
            rows.append(Row(FIRST_ROW + len(rows), "question", entry.id, depth + 1, question=entry))
        else:
            assert not isinstance(entry, Question)
            rows.append(Row(FIRST_ROW + len(rows), "computed", entry.id, depth + 1, item=entry))


def item_order(node: Node) -> list[tuple[str, Question | Computed]]:
    """Questions in order; each computed item right after the last of its input rows in this node
    (the count rows, then the computed percentage, as the official LKE shows them)."""
    local = {q.id for q in node.questions}
    pending = list(node.computed)
    seen: set[str] = set()
    out: list[tuple[str, Question | Computed]] = []
    for question in node.questions:
        out.append(("question", question))
        seen.add(question.id)
        for item in list(pending):
            if all(i in seen for i in item.inputs if i in local) and any(i in local for i in item.inputs):
                out.append(("computed", item))
                pending.remove(item)
    out.extend(("computed", item) for item in pending)
    return out


def _summary(worksheet: Worksheet, layers: list[str]) -> SummaryLayout:
    summary = SummaryLayout()
    for i, layer in enumerate(layers):
        summary.layer_columns[layer] = (get_column_letter(5 + 2 * i), get_column_letter(6 + 2 * i))
    row = summary.header_row + 1
    for node in worksheet.nodes:
        for sub in _shallow(node, 0):
            summary.node_rows[sub] = row
            row += 1
    summary.total_row = row
    row += 1
    summary.predicate_row = row
    row += 2
    if worksheet.combined:
        row += 1  # section heading
        for combo in worksheet.combined:
            summary.combined_rows[combo.id] = row
            row += 1
        row += 1
    for rule in worksheet.predicates:
        row += 1  # blank line before each rule
        summary.rule_rows[rule.label] = row
        row += 1
        for cond in rule.when:
            for node_id in cond.nodes:
                summary.conditions.append(ConditionRow(row, rule.label, node_id, cond))
                row += 1
        for text in rule.declarations:
            summary.declaration_rows.append((row, text))
            row += 1
    return summary


def _shallow(node: Node, depth: int) -> list[str]:
    out = [node.id]
    if depth < 2:
        for child in node.children:
            out.extend(_shallow(child, depth + 1))
    return out
