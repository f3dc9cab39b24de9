"""Compare the figures an official LKE form computed itself (the cached `Nilai` of each question,
node and total) with the engine, and explain every disagreement by its cause and cell.

Causes found from the form's own cells and formulas:
- a formula aggregating another range than the tree's children (the L175 defect);
- an answer-type cell that is not one of the form's types (its IF chain then shows "-") or that names
  another type than the worksheet's;
- a count total disagreeing with its parts (the form divides by the total, the rules by the parts);
- a formula overwritten by a typed number;
- unanswered items that the form's AVERAGE skips ("Blm Diisi" is text), so the sheet shows more;
- an error the form shows (#DIV/0! where nothing was required).
A disagreement no cause explains is reported as such, with both figures."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from pmprb.crosscheck.formulas import SheetFormulas, read_sheet, referenced_rows
from pmprb.errors import Location, Problem, Severity
from pmprb.i18n import Figure
from pmprb.model import Node, Worksheet
from pmprb.model.weight import round_half_up
from pmprb.readers.base import FormFigures
from pmprb.scoring.result import ScoreResult

TOLERANCE = 0.005  # figures agree when they round to the same 2 decimals (docs/domain.md §3)
# the types the form's IF chain knows (Excel compares text case-insensitively)
FORM_TYPE_LABELS = ("Ya/Tidak", "A/B/C", "A/B/C/D", "A/B/C/D/E", "%", "Jumlah", "Rupiah")
FORM_TYPES = tuple(t.casefold() for t in FORM_TYPE_LABELS)
_DENOMINATOR = re.compile(r"/\s*\$?([A-Z]{1,3})\$?(\d+)")


@dataclass
class _Cause:
    code: str
    cell: str
    anchor: int  # 1-based row the cause belongs to (for attributing disagreements)
    question: str | None = None
    params: dict[str, Any] = field(default_factory=dict)
    always: bool = True  # a defect of the data, reported even when the figures happen to agree


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or value is None or value == "":
        return None
    if isinstance(value, int | float):
        return float(value)
    return None


def _fmt(value: float | Fraction | None) -> Figure:
    """Two decimals, half-up like the spreadsheet's ROUND (docs/domain.md §3); a message shows it in the
    reader's digits."""
    if value is None:
        return Figure("-")
    exact = value if isinstance(value, Fraction) else Fraction(repr(value))
    return Figure(f"{float(round_half_up(exact)):.2f}")


class _Check:
    def __init__(self, worksheet: Worksheet, result: ScoreResult, form: FormFigures, sheet: SheetFormulas):
        self.ws, self.result, self.form, self.sheet = worksheet, result, form, sheet
        # 1-based rows
        self.node_row = {k: v + 1 for k, v in form.nodes.items()}
        self.question_row = {k: v + 1 for k, v in form.questions.items()}
        self.computed_row = {k: v + 1 for k, v in form.computed.items()}
        self.total_row = {k: v + 1 for k, v in form.totals.items()}
        self.values = {r + 1: v for r, v in form.values.items()}
        self.answers = {r + 1: v for r, v in form.answers.items()}
        self.types = {r + 1: v for r, v in form.types.items()}
        self.V, self.K, self.J = form.value_col, form.answer_col, form.type_col
        self.scores = {n.id: n.score for n in result.nodes if not n.combined}
        self.computed = {c.id: c for c in result.computed}
        self.causes: list[_Cause] = []

    # --- what the engine says each row of the form should show -----------------------------------
    def engine_value(self, row: int) -> Fraction | None:
        if row == self.total_row.get("total"):
            return self.result.total
        for node_id, r in self.total_row.items():
            if r == row and node_id in self.scores:
                return self.scores[node_id]
        for node_id, r in self.node_row.items():
            if r == row:
                return self.scores.get(node_id)
        for qid, r in self.question_row.items():
            if r == row:
                q = self.result.questions.get(qid)
                if q is None or not q.scored:
                    return None
                weight = self.ws.questions[qid].weight
                value = q.value if q.status == "answered" and q.value is not None else Fraction(0)
                return value * weight if weight is not None else value
        for cid, r in self.computed_row.items():
            if r == row and cid in self.computed:
                return self.computed[cid].value
        return None

    def cached(self, row: int) -> float | None:
        return _number(self.values.get(row))

    def error_at(self, col: str, row: int) -> str | None:
        return self.sheet.errors.get(f"{col}{row}")

    # --- causes -----------------------------------------------------------------------------------
    def run(self) -> list[_Cause]:
        self.overwritten()
        self.answer_types()
        self.count_totals()
        self.form_errors()
        self.ranges()
        self.skipped()
        return self.causes

    def add(
        self,
        code: str,
        cell: str,
        anchor: int,
        question: str | None = None,
        *,
        always: bool = True,
        **params: Any,
    ) -> None:
        self.causes.append(_Cause(code, cell, anchor, question, params, always))

    def overwritten(self) -> None:
        scored = [r for q, r in self.question_row.items() if self.result.questions[q].scored]
        rows = [*self.node_row.values(), *scored, *self.computed_row.values(), *self.total_row.values()]
        for row in sorted(set(rows)):
            ref = f"{self.V}{row}"
            if ref not in self.sheet.formulas and self.cached(row) is not None:
                self.add(
                    "crosscheck.formula-overwritten",
                    ref,
                    row,
                    self._question_at(row),
                    value=_fmt(self.cached(row)),
                    expected=_fmt(self.engine_value(row)),
                )
        for row in self.computed_row.values():
            ref = f"{self.K}{row}"
            if ref not in self.sheet.formulas and _number(self.answers.get(row)) is not None:
                self.add(
                    "crosscheck.formula-overwritten",
                    ref,
                    row,
                    None,
                    value=_fmt(_number(self.answers.get(row))),
                    expected=_fmt(self.engine_value(row)),
                )

    def answer_types(self) -> None:
        checked: list[tuple[str | None, int]] = [
            (qid, row)
            for qid, row in self.question_row.items()
            if self.ws.answer_types[self.ws.questions[qid].type].kind == "choice"
        ]
        checked += [(None, row) for row in self.computed_row.values()]
        for qid, row in checked:
            shown = self.types.get(row)
            text = str(shown).strip() if shown is not None else ""
            expected = self.ws.answer_types[self.ws.questions[qid].type].label if qid else "%"
            if text.casefold() not in FORM_TYPES:
                self.add(
                    "crosscheck.unknown-type",
                    f"{self.J}{row}",
                    row,
                    qid,
                    value=text,
                    expected=expected,
                    allowed=", ".join(FORM_TYPE_LABELS),
                )
            elif text.casefold() != expected.casefold():
                self.add("crosscheck.type-changed", f"{self.J}{row}", row, qid, value=text, expected=expected)

    def count_totals(self) -> None:
        by_row = {r: q for q, r in self.question_row.items()}
        for node in self.ws.all_nodes:
            for item in node.computed:
                row = self.computed_row.get(item.id)
                formula = self.sheet.formulas.get(f"{self.K}{row}") if row else None
                if item.kind != "ratio" or formula is None or row is None:
                    continue
                for col, den in dict.fromkeys(_DENOMINATOR.findall(formula.formula)):
                    qid = by_row.get(int(den))
                    if col != self.K or qid is None or qid in item.inputs:
                        continue
                    total = _number(self.answers.get(int(den)))
                    parts = [self.result.questions[p] for p in item.denominator]
                    if any(p.status != "answered" for p in parts):
                        if total is not None:
                            cells = "+".join(f"{self.K}{self.question_row.get(p.id, '?')}" for p in parts)
                            self.add(
                                "crosscheck.count-parts-missing",
                                f"{self.K}{den}",
                                row,
                                qid,
                                total=_fmt(total),
                                parts=cells,
                            )
                        continue
                    whole = sum((p.value or Fraction(0) for p in parts), Fraction(0))
                    if total is not None and abs(total - float(whole)) > TOLERANCE:
                        cells = "+".join(f"{self.K}{self.question_row.get(p.id, '?')}" for p in parts)
                        self.add(
                            "crosscheck.count-total",
                            f"{self.K}{den}",
                            row,
                            qid,
                            total=Figure(_fmt(total).rstrip("0").rstrip(".")),
                            parts=cells,
                            sum=str(int(whole)),
                        )

    def form_errors(self) -> None:
        """Errors that start in a computed row or a question (not those merely passed up the tree)."""
        for row in self.computed_row.values():
            error = self.error_at(self.K, row)
            if error:
                self.add(
                    "crosscheck.form-error",
                    f"{self.K}{row}",
                    row,
                    None,
                    always=False,
                    value=error,
                    expected=_fmt(self.engine_value(row)),
                )
        for qid, row in self.question_row.items():
            error = self.error_at(self.V, row)
            if error and not self.error_at(self.K, row):
                self.add(
                    "crosscheck.form-error",
                    f"{self.V}{row}",
                    row,
                    qid,
                    always=False,
                    value=error,
                    expected=_fmt(self.engine_value(row)),
                )

    def expected_rows(self, node: Node) -> set[int]:
        if node.children:
            return {self.node_row[c.id] for c in node.children if c.id in self.node_row}
        rows = {
            self.question_row[q.id]
            for q in node.questions
            if q.id in self.question_row and self.result.questions[q.id].scored
        }
        rows |= {self.computed_row[c.id] for c in node.computed if c.id in self.computed_row}
        return rows

    def read_rows(self, row: int, seen: frozenset[int] = frozenset()) -> tuple[str, set[int]] | None:
        """A node's value formula and the value rows it reads (a total row stands for its node)."""
        formula = self.sheet.formulas.get(f"{self.V}{row}")
        if formula is None:
            return None
        refs = set(referenced_rows(formula.formula, self.V))
        totals = {r: self.node_row.get(n) for n, r in self.total_row.items() if n != "total"}
        if (
            len(refs) == 1
            and (only := next(iter(refs))) in totals
            and totals[only] == row
            and only not in seen
        ):
            return self.read_rows(only, seen | {row})  # L4 = L198: the total row holds the sum
        value_rows = {
            *self.node_row.values(),
            *self.computed_row.values(),
            *(r for q, r in self.question_row.items() if self.result.questions[q].scored),
        }
        out = set()
        for r in refs:
            r = totals.get(r) or r
            if r in value_rows or self.cached(r) is not None:
                out.add(r)
        return formula.formula, out

    def ranges(self) -> None:
        for node in self.ws.all_nodes:
            row = self.node_row.get(node.id)
            if row is None:
                continue
            read = self.read_rows(row)
            if read is None:
                continue
            formula, rows = read
            expected = self.expected_rows(node)
            if rows != expected:
                cells = [f"{self.V}{r}" for r in sorted(expected)]
                weight = f"{self.form.weight_col}{row}" if self.form.weight_col else "bobot"
                tree = "+".join(cells) if node.children else f"AVERAGE({','.join(cells)})*{weight}"
                self.add(
                    "crosscheck.wrong-range",
                    f"{self.V}{row}",
                    row,
                    None,
                    always=False,
                    formula="=" + formula,
                    reads=_cells(self.V, rows),
                    expected="=" + tree,
                )

    def skipped(self) -> None:
        for node in self.ws.all_nodes:
            row = self.node_row.get(node.id)
            if row is None or node.children or any(q.weight is not None for q in node.questions):
                continue  # only AVERAGE nodes skip text; weighted questions give the form an error instead
            cells = []
            for q in node.questions:
                r = self.question_row.get(q.id)
                res = self.result.questions[q.id]
                if r and res.scored and res.status != "answered" and self.cached(r) is None:
                    cells.append(f"{self.K}{r}")
            for c in node.computed:
                r = self.computed_row.get(c.id)
                if (
                    r
                    and c.id in self.computed
                    and not self.computed[c.id].complete
                    and self.cached(r) is None
                ):
                    cells.append(f"{self.K}{r}")
            if cells:
                self.add(
                    "crosscheck.unanswered-skipped",
                    f"{self.V}{row}",
                    row,
                    None,
                    always=False,
                    cells=", ".join(cells),
                    count=len(cells),
                )

    def _question_at(self, row: int) -> str | None:
        return next((q for q, r in self.question_row.items() if r == row), None)


def _cells(col: str, rows: set[int]) -> str:
    return ", ".join(f"{col}{r}" for r in sorted(rows)) or "-"


def crosscheck(
    worksheet: Worksheet, result: ScoreResult, form: FormFigures, *, strict: bool = False
) -> list[Problem]:
    """Problems explaining where the form's own figures differ from the engine's (empty when the
    workbook holds no figures computed by its formulas, e.g. a file never opened in a spreadsheet)."""
    sheet = read_sheet(result.file, form.sheet)
    if not sheet.readable:
        return []  # formulas cannot be told from typed numbers: nothing to explain with
    check = _Check(worksheet, result, form, sheet)
    rows = {*check.node_row.values(), *check.total_row.values()}
    if not any(check.cached(r) is not None or check.error_at(check.V, r) for r in rows):
        return []
    if not sheet.formulas:  # pasted as values: one finding, not one per cell
        severity: Severity = "error" if strict else "warning"
        where = Location(result.file, sheet=form.sheet)
        return [Problem("crosscheck.no-formulas", where, severity, params={"name": form.sheet})]
    causes = check.run()
    return _explain(check, causes, strict)


def _explain(check: _Check, causes: list[_Cause], strict: bool) -> list[Problem]:
    ws = check.ws
    # rows under each node (its own, its questions', its computed items', its descendants')
    under: dict[int, set[int]] = {}

    def collect(node: Node) -> set[int]:
        rows = {check.question_row[q.id] for q in node.questions if q.id in check.question_row}
        rows |= {check.computed_row[c.id] for c in node.computed if c.id in check.computed_row}
        for child in node.children:
            rows |= collect(child)
        if node.id in check.node_row:
            rows.add(check.node_row[node.id])
            under[check.node_row[node.id]] = set(rows)
        return rows

    for root in ws.nodes:
        collect(root)
    disagree: list[tuple[int, float | None, Fraction]] = []
    for row in sorted(
        {
            *check.node_row.values(),
            *check.computed_row.values(),
            *(r for q, r in check.question_row.items() if check.result.questions[q].scored),
        }
    ):
        engine = check.engine_value(row)
        shown = check.cached(row)
        if engine is None:
            continue
        if shown is None:
            if check.error_at(check.V, row):
                disagree.append((row, None, engine))
            continue
        if abs(shown - float(engine)) > TOLERANCE:
            disagree.append((row, shown, engine))
    grand = check.total_row.get("total")
    if grand is not None:
        shown = check.cached(grand)
        if shown is not None and abs(shown - float(check.result.total)) > TOLERANCE:
            disagree.append((grand, shown, check.result.total))
    anchors = [c.anchor for c in causes]
    explaining: set[int] = set()
    # the most specific disagreement a cause explains gives the figures its message shows
    by_depth = sorted(disagree, key=lambda d: len(under.get(d[0], {d[0]})))
    for i, cause in enumerate(causes):
        for row, shown, engine in by_depth:
            if cause.anchor in under.get(row, {row}):
                explaining.add(i)
                cause.params.setdefault("sheet", _fmt(shown) if shown is not None else Figure("#"))
                cause.params.setdefault("engine", _fmt(engine))
                break
    severity: Severity = "error" if strict else "warning"
    problems: list[Problem] = []
    sheet_name = check.form.sheet
    for i, cause in enumerate(causes):
        if not (cause.always or i in explaining):
            continue
        params = {"sheet": "-", "engine": "-", **cause.params}
        problems.append(
            Problem(
                cause.code,
                Location(check.result.file, sheet=sheet_name, cell=cause.cell),
                severity,
                cause.question,
                params,
            )
        )
    explained_rows = set(anchors)
    for row, shown, engine in sorted(disagree, key=lambda d: len(under.get(d[0], {d[0]}))):
        rows_below = under.get(row, {row})
        if row == grand:
            rows_below = set().union(*under.values()) if under else set()
        if explained_rows & rows_below:
            continue
        explained_rows.add(row)
        problems.append(
            Problem(
                "crosscheck.unexplained",
                Location(check.result.file, sheet=sheet_name, cell=f"{check.V}{row}"),
                severity,
                check._question_at(row),
                {"sheet": _fmt(shown) if shown is not None else "#", "engine": _fmt(engine)},
            )
        )
    return problems
