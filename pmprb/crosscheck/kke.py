"""Compare the figures a Pemda's KKE computed with its own formulas (PENILAIAN's Nilai per document,
criterion, sub-component, component and total; RESUME's value per sub-component) with the engine, and
explain every disagreement by its cause and cell:
- an answer the formula's IF does not match (" y", "Ya": the workbook counts it 0) while the rules
  read it;
- a formula overwritten by a typed number;
- a weight cell that differs from the variant's weight (edited after the import);
- a RESUME figure that is not the PENILAIAN figure of its code (a VLOOKUP reading another row);
- an error value the workbook shows.
What no cause explains is reported with both figures, at the lowest row that disagrees."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from pmprb.crosscheck.check import TOLERANCE, _fmt
from pmprb.crosscheck.formulas import if_keys, read_sheet, referenced_rows
from pmprb.errors import Location, Problem, Severity
from pmprb.i18n import Figure
from pmprb.model import Node, Worksheet
from pmprb.model.weight import to_fraction
from pmprb.scoring.result import ScoreResult


def _number(value: Any) -> Fraction | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return to_fraction(value)


@dataclass
class _Cause:
    code: str
    sheet: str
    cell: str
    row: int  # PENILAIAN row it belongs to (RESUME causes: the sub-component's PENILAIAN row)
    question: str | None = None
    params: dict[str, Any] = field(default_factory=dict)
    always: bool = True


class _Check:
    def __init__(self, worksheet: Worksheet, result: ScoreResult, meta: dict[str, Any]) -> None:
        self.ws, self.result, self.meta = worksheet, result, meta
        self.sheet = read_sheet(result.file, meta["sheet"])
        self.V, self.W = meta["value_col"], meta["weight_col"]
        self.node_row: dict[str, int] = meta["nodes"]
        self.question_row: dict[str, int] = meta["questions"]
        self.values = {int(k): v for k, v in meta["values"].items()}
        self.weights = {int(k): v for k, v in meta["weights"].items()}
        self.scores = {n.id: n.score for n in result.nodes if not n.combined}
        self.scale = self._scale()
        self.causes: list[_Cause] = []

    def _scale(self) -> Fraction:
        """The variant's weights over the workbook's (100 when the workbook writes fractions of 1)."""
        ratios: Counter[Fraction] = Counter()
        for node_id, row in self.node_row.items():
            node = self.ws.node_by_id[node_id]
            shown = _number(self.weights.get(row))
            if node.weight and shown:
                ratios[node.weight / shown] += 1
        if not ratios:
            return Fraction(1)
        return ratios.most_common(1)[0][0]

    def engine_question(self, qid: str) -> Fraction | None:
        """A document's or graded criterion's share of the score: its value x its weight."""
        q = self.result.questions.get(qid)
        if q is None or not q.scored:
            return None
        value = q.value if q.status == "answered" and q.value is not None else Fraction(0)
        question = self.ws.questions[qid]
        if question.weight is not None:
            return value * question.weight
        node = self.ws.node_by_id[self.ws.parent_of[qid] or ""]
        return value * (node.weight or Fraction(0)) / len(node.questions)

    def shown(self, row: int) -> Fraction | None:
        value = _number(self.values.get(row))
        return value * self.scale if value is not None else None

    # --- causes ----------------------------------------------------------------------------------
    def run(self) -> None:
        name = self.meta["sheet"]
        for qid, row in self.question_row.items():
            ref = f"{self.V}{row}"
            q = self.result.questions.get(qid)
            formula = self.sheet.formulas.get(ref)
            if formula is None and ref not in self.sheet.errors and self.values.get(row) is not None:
                self.overwritten(name, ref, row, qid)
            elif q is not None and q.status == "answered" and q.location is not None and q.location.cell:
                raw = self.meta["answers"].get(row)
                keys = if_keys(formula.formula) if formula is not None else []
                # the spreadsheet's = ignores case but not spaces or other spellings
                engine, shown = self.engine_question(qid), self.shown(row)
                differs = (
                    engine is not None and shown is not None and abs(engine - shown) > Fraction(TOLERANCE)
                )
                if differs and isinstance(raw, str) and raw.casefold() not in {k.casefold() for k in keys}:
                    self.causes.append(
                        _Cause(
                            "kke.answer-not-matched",
                            name,
                            q.location.cell,
                            row,
                            qid,
                            {"value": raw, "allowed": ", ".join(keys), "formula": ref},
                        )
                    )
            self.weight_changed(name, row, self.ws.questions[qid].weight, qid)
        for node_id, row in self.node_row.items():
            ref = f"{self.V}{row}"
            if ref in self.sheet.errors:
                self.causes.append(
                    _Cause("crosscheck.form-error", name, ref, row, None, {"value": self.sheet.errors[ref]})
                )
            elif (
                self.sheet.formulas.get(ref) is None
                and self.values.get(row) is not None
                and row not in self.question_row.values()  # a graded criterion: checked as its question
            ):
                self.overwritten(name, ref, row, None, node_id)
            node = self.ws.node_by_id[node_id]
            if node.questions:  # a criterion: its weight cell is the variant's weight
                self.weight_changed(name, row, node.weight, None)
            self.wrong_range(name, node, row)
        self.resume()

    def wrong_range(self, sheet: str, node: Node, row: int) -> None:
        """A sum that reads other rows than the node's parts (e.g. a range over a sub-component's
        criteria and their documents, which counts the documents twice)."""
        formula = self.sheet.formulas.get(f"{self.V}{row}")
        if formula is None:
            return
        if node.children:
            parts = {self.node_row[c.id] for c in node.children if c.id in self.node_row}
        else:
            parts = {self.question_row[q.id] for q in node.questions if q.id in self.question_row}
        if parts == {row}:
            return  # a graded criterion: its own row is its answer
        figures = {*self.node_row.values(), *self.question_row.values()}
        # empty rows inside a range add nothing: only rows holding figures count
        reads = set(referenced_rows(formula.formula, self.V)) & figures
        if not parts or reads == parts:
            return
        self.causes.append(
            _Cause(
                "kke.wrong-range",
                sheet,
                f"{self.V}{row}",
                row,
                None,
                {
                    "formula": f"={formula.formula}",
                    "extra": ", ".join(f"{self.V}{r}" for r in sorted(reads - parts)) or "-",
                    "absent": ", ".join(f"{self.V}{r}" for r in sorted(parts - reads)) or "-",
                },
            )
        )

    def overwritten(
        self, sheet: str, ref: str, row: int, qid: str | None, node_id: str | None = None
    ) -> None:
        expected = self.engine_question(qid) if qid else self.scores.get(node_id or "")
        self.causes.append(
            _Cause(
                "crosscheck.formula-overwritten",
                sheet,
                ref,
                row,
                qid,
                {"value": _fmt(self.shown(row)), "expected": _fmt(expected)},
            )
        )

    def weight_changed(self, sheet: str, row: int, weight: Fraction | None, qid: str | None) -> None:
        shown = _number(self.weights.get(row))
        if weight is None or shown is None:
            return
        if abs(shown * self.scale - weight) > Fraction(1, 10**6):
            self.causes.append(
                _Cause(
                    "kke.weight-differs",
                    sheet,
                    f"{self.W}{row}",
                    row,
                    qid,
                    {"value": _fmt(shown * self.scale), "expected": _fmt(weight)},
                )
            )

    def resume(self) -> None:
        resume = self.meta.get("resume")
        if not resume:
            return
        differs: set[str] = set()
        # deepest first: a component's sum differs when one of its sub-components' lookups does
        for code, rrow in sorted(resume["rows"].items(), key=lambda kv: -len(kv[0])):
            if code == "total" or code not in self.node_row:
                continue
            if any(child.id in differs for child in self.ws.node_by_id[code].children):
                differs.add(code)
                continue
            value = _number(resume["values"].get(rrow))
            if value is None:
                continue
            penilaian = self.shown(self.node_row[code])
            engine = self.scores.get(code)
            if penilaian is not None and abs(value * self.scale - penilaian) > Fraction(TOLERANCE):
                differs.add(code)
                self.causes.append(
                    _Cause(
                        "kke.resume-differs",
                        resume["sheet"],
                        f"{resume['value_col']}{rrow}",
                        self.node_row[code],
                        None,
                        {
                            "code": code,
                            "value": _fmt(value * self.scale),
                            "expected": _fmt(penilaian),
                            "cell": f"{self.meta['sheet']}!{self.V}{self.node_row[code]}",
                            "engine": _fmt(engine),
                        },
                    )
                )


def crosscheck_kke(
    worksheet: Worksheet, result: ScoreResult, meta: dict[str, Any], *, strict: bool = False
) -> list[Problem]:
    """`meta`: where the KKE keeps its figures (pmprb.readers.kke reads it as `KkeFigures.data`)."""
    if not meta:
        return []
    check = _Check(worksheet, result, meta)
    if not check.sheet.readable:
        return []
    rows = [*check.node_row.values(), *check.question_row.values()]
    if not any(check.values.get(r) is not None for r in rows):
        return []  # never recalculated: no figures to compare
    check.run()
    severity: Severity = "error" if strict else "warning"
    # rows under each node row (its own and its descendants'), to attribute disagreements to causes
    under: dict[int, set[int]] = {}

    def collect(node: Node) -> set[int]:
        found = {check.question_row[q.id] for q in node.questions if q.id in check.question_row}
        for child in node.children:
            found |= collect(child)
        if node.id in check.node_row:
            found.add(check.node_row[node.id])
            under[check.node_row[node.id]] = set(found)
        return found

    everything: set[int] = set()
    for root in worksheet.nodes:
        everything |= collect(root)
    disagree: list[tuple[int, Fraction | None, Fraction]] = []
    for qid, row in check.question_row.items():
        engine = check.engine_question(qid)
        shown = check.shown(row)
        if engine is None:
            continue
        if (shown is None and f"{check.V}{row}" in check.sheet.errors) or (
            shown is not None and abs(shown - engine) > Fraction(TOLERANCE)
        ):
            disagree.append((row, shown, engine))
    for node_id, row in check.node_row.items():
        engine = check.scores.get(node_id)
        shown = check.shown(row)
        if engine is not None and shown is not None and abs(shown - engine) > Fraction(TOLERANCE):
            disagree.append((row, shown, engine))
    total_row = meta.get("total")
    if total_row is not None:
        shown = check.shown(total_row)
        under[total_row] = everything | {total_row}
        if shown is not None and abs(shown - check.result.total) > Fraction(TOLERANCE):
            disagree.append((total_row, shown, check.result.total))
    problems: list[Problem] = []
    explained: set[int] = set()
    by_depth = sorted(disagree, key=lambda d: len(under.get(d[0], {d[0]})))
    for cause in check.causes:
        hit = next(((r, s, e) for r, s, e in by_depth if cause.row in under.get(r, {r})), None)
        if hit is None and not cause.always:
            continue
        if hit is not None:
            cause.params.setdefault("sheet", _fmt(hit[1]) if hit[1] is not None else Figure("#"))
            cause.params.setdefault("engine", _fmt(hit[2]))
        explained.add(cause.row)
        problems.append(
            Problem(
                cause.code,
                Location(result.file, sheet=cause.sheet, cell=cause.cell),
                severity,
                cause.question,
                {"sheet": "-", "engine": "-", **cause.params},
            )
        )
    question_at = {r: q for q, r in check.question_row.items()}
    for row, shown, engine in by_depth:
        below = under.get(row, {row})
        if explained & below:
            continue
        explained.add(row)
        problems.append(
            Problem(
                "crosscheck.unexplained",
                Location(result.file, sheet=meta["sheet"], cell=f"{check.V}{row}"),
                severity,
                question_at.get(row),
                {"sheet": _fmt(shown) if shown is not None else "#", "engine": _fmt(engine)},
            )
        )
    return problems
