"""The report's view of sub-components graded by a ladder (SAKIP): the grade and how it came about
(derived from the criteria, or given directly), the criteria not met, and what the next rung asks."""

from __future__ import annotations

from fractions import Fraction

from pmprb.model import GradeItem, MeanItem, Worksheet
from pmprb.report.model import GradeRow
from pmprb.scoring.result import ScoreResult

ONE = Fraction(1)


def grade_rows(worksheet: Worksheet, result: ScoreResult) -> list[GradeRow]:
    computed = {c.id: c for c in result.computed}
    nodes = {n.id: n for n in result.nodes}
    out: list[GradeRow] = []
    for node in worksheet.all_nodes:
        for item in node.computed:
            if not isinstance(item, GradeItem) or item.id not in computed:
                continue
            got = computed[item.id]
            ladder = worksheet.ladders[item.ladder]
            means = {c.id: c for c in node.computed if isinstance(c, MeanItem)}
            not_met: list[tuple[str, str]] = []
            for criterion in item.criteria:
                value = _value(result, computed, criterion)
                if value < ONE:
                    text = worksheet.questions[criterion].text if criterion in worksheet.questions else ""
                    not_met.append((criterion, text or means[criterion].title))
            rungs = [s.grade for s in ladder.steps]
            at = rungs.index(got.grade) if got.grade in rungs else len(rungs)
            upper = ladder.steps[at - 1] if at > 0 else None
            score = nodes[node.id]
            out.append(
                GradeRow(
                    node=f"{node.id} {node.title}",
                    weight=score.weight,
                    score=score.score,
                    grade=got.grade,
                    derived=got.derived,
                    given=_given(result, item.override),
                    share=got.share or Fraction(0),
                    criteria=len(item.criteria),
                    not_met=not_met,
                    next_grade=upper.grade if upper is not None else None,
                    next_condition=upper.condition if upper is not None else None,
                )
            )
    return out


def _value(result: ScoreResult, computed: dict, criterion: str) -> Fraction:  # type: ignore[type-arg]
    if criterion in computed:
        return computed[criterion].value
    q = result.questions.get(criterion)
    return q.value if q is not None and q.status == "answered" and q.value is not None else Fraction(0)


def _given(result: ScoreResult, override: str | None) -> bool:
    q = result.questions.get(override) if override else None
    return q is not None and q.status == "answered"
