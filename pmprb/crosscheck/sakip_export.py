"""Compare the figures a SAKIP evaluation application stored in its export (per sub-component the
fulfilment %, the grade's number, the value and its % of the weight; per component and in total the
value) with the engine, every disagreement at its cell. A sub-component whose criterion rows the file
lacks is explained by them (the application knew their answers; pmprb counts them unanswered); a
disagreement above one already reported (a component over its sub-component) is not repeated."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from pmprb.crosscheck.check import _fmt
from pmprb.errors import Location, Problem, Severity
from pmprb.i18n.check import Term
from pmprb.model import Worksheet
from pmprb.model.weight import to_fraction
from pmprb.scoring.result import ScoreResult

TOLERANCE = Fraction(5, 1000)  # figures agree when they round to the same 2 decimals
ROLES = ("percent", "grade_value", "value", "value_percent")
ROLE_NAMES = {  # role -> (Indonesian, English): the export's own column names, said what they are
    "percent": ("%TASE (pemenuhan kriteria)", "%TASE (criteria met)"),
    "grade_value": ("NILAI (angka nilai sub-komponen)", "NILAI (the grade's number)"),
    "value": ("NILAI AKIP", "NILAI AKIP (the value)"),
    "value_percent": ("% (nilai terhadap bobot)", "% (value of the weight)"),
}


def _number(value: Any) -> Fraction | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return to_fraction(value)
    try:
        return to_fraction(str(value).strip().replace(",", "."))
    except ValueError:
        return None


def crosscheck_export(
    worksheet: Worksheet, result: ScoreResult, meta: dict[str, Any], *, strict: bool = False
) -> list[Problem]:
    """`meta`: the figures the export stored (pmprb.readers.sakip_export reads it as `ExportFigures.data`)."""
    if not meta:
        return []
    from pmprb.model import GradeItem

    severity: Severity = "error" if strict else "warning"
    items = {n.id: c for n in worksheet.all_nodes for c in n.computed if isinstance(c, GradeItem)}
    computed = {c.id: c for c in result.computed}
    scores = {n.id: n for n in result.nodes if not n.combined}
    missing_in: dict[str, list[str]] = {}
    for qid in meta["missing"]:
        missing_in.setdefault(worksheet.parent_of[qid] or "", []).append(qid)
    problems: list[Problem] = []
    reported: set[str] = set()  # nodes with a finding: their ancestors' figures follow from it

    def add(code: str, ref: str, question: str | None, params: dict[str, Any]) -> None:
        problems.append(
            Problem(
                code,
                Location(result.file, sheet=meta["sheet"], cell=ref),
                severity,
                question,
                params,
            )
        )

    def engine_figures(node_id: str) -> dict[str, Fraction | None]:
        node = scores[node_id]
        out: dict[str, Fraction | None] = {
            "value": node.score,
            "value_percent": node.score / node.weight * 100 if node.weight else None,
        }
        item = items.get(node_id)
        graded = computed.get(item.id) if item is not None else None
        if item is not None and graded is not None:
            out["percent"] = graded.share * 100 if graded.share is not None else None
            ladder = worksheet.ladders[item.ladder]
            steps = {s.grade: s.value for s in ladder.steps}
            # NILAI is the number of the intermediate grade beside it (JAWABAN ANTARA), which a final
            # grade (JAWABAN AKHIR) may then change
            intermediate = meta["figures"][node_id].get("answer", (None, None))[1]
            shown_grade = str(intermediate).strip() if intermediate is not None else graded.derived
            out["grade_value"] = steps.get(shown_grade) if shown_grade else None
        return out

    order = [n for n in meta["figures"] if n != "total"]
    order.sort(key=lambda n: -n.count("."))  # sub-components before their components
    for node_id in [*order, "total"] if "total" in meta["figures"] else order:
        figures = meta["figures"][node_id]
        if node_id == "total":
            engine: dict[str, Fraction | None] = {"value": result.total}
            below = set(reported)
        else:
            if node_id not in scores:
                continue
            engine = engine_figures(node_id)
            below = {c.id for c in worksheet.node_by_id[node_id].children} & reported
        differs = []
        for role in ROLES:
            if role not in figures or role not in engine:
                continue
            ref, stored = figures[role]
            shown, expected = _number(stored), engine[role]
            if shown is None or expected is None:
                continue
            if abs(shown - expected) > TOLERANCE:
                differs.append((role, ref, shown, expected))
        if not differs:
            continue
        reported.add(node_id)
        if below:
            continue  # follows from what is reported under it
        absent = missing_in.get(node_id, [])
        if absent:
            role, ref, shown, expected = differs[0]
            add(
                "sakipexport.criterion-absent",
                ref,
                None,
                {
                    "node": node_id,
                    "criteria": ", ".join(absent),
                    "what": Term(*ROLE_NAMES[role]),
                    "sheet": _fmt(shown),
                    "engine": _fmt(expected),
                },
            )
            continue
        for role, ref, shown, expected in differs:
            add(
                "sakipexport.figure-differs",
                ref,
                None,
                {
                    "node": node_id,
                    "what": Term(*ROLE_NAMES[role]),
                    "sheet": _fmt(shown),
                    "engine": _fmt(expected),
                },
            )
    return problems
