"""Computed items that read scored answers: a mean of required documents, and a grade derived by a
ladder of the worksheet (SAKIP, docs/domain.md §7). The ladder's rungs are data; this module only walks
them in order. A grade given directly (the item's `override` question) wins, and is reported where
it differs from the derived one."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from pmprb.errors import Location, Problem
from pmprb.model import GradeItem, GradeLadder, GradeStep, MeanItem, Worksheet
from pmprb.model.weight import display
from pmprb.scoring.result import ComputedResult, QuestionResult

ZERO = Fraction(0)
ONE = Fraction(1)
YES = ONE  # a flag holds when its answer's value is 1 (Ya)


@dataclass(frozen=True, slots=True)
class Graded:
    value: Fraction  # 0..1: the grade's value / the ladder's scale
    complete: bool  # every criterion answered
    grade: str | None  # the grade used (given or derived); None when nothing was answered
    derived: str | None  # the ladder's grade
    share: Fraction  # share of the criteria met (mean of their values)
    given: QuestionResult | None  # the override's answer, when given


def _answered(q: QuestionResult | None) -> Fraction | None:
    if q is None or q.status != "answered" or q.value is None:
        return None
    return q.value


def mean_value(item: MeanItem, questions: dict[str, QuestionResult]) -> tuple[Fraction, bool]:
    values = [_answered(questions.get(i)) for i in item.of]
    complete = all(v is not None for v in values)
    return sum((v or ZERO for v in values), ZERO) / len(values), complete


def step_holds(step: GradeStep, share: Fraction, flags: dict[str, bool]) -> bool:
    passed = share > step.share if step.op == ">" else share >= step.share
    return passed and all(flags.get(key, False) for key in step.flags)


def derive(ladder: GradeLadder, share: Fraction, flags: dict[str, bool]) -> GradeStep | None:
    """The first rung that holds (None: the ladder has no rung for this share)."""
    return next((s for s in ladder.steps if step_holds(s, share, flags)), None)


def grade_value(
    worksheet: Worksheet,
    item: GradeItem,
    questions: dict[str, QuestionResult],
    values: dict[str, tuple[Fraction, bool]],
    means: dict[str, list[str]],
) -> Graded:
    """`values` holds the node's mean items already computed (a criterion may be one), `means` what
    each of them averages."""
    ladder = worksheet.ladders[item.ladder]
    met: list[Fraction] = []
    complete = True
    for criterion in item.criteria:
        if criterion in values:
            value, whole = values[criterion]
            complete = complete and whole
        else:
            answered = _answered(questions.get(criterion))
            complete = complete and answered is not None
            value = answered or ZERO
        met.append(value)
    share = sum(met, ZERO) / len(met)
    flags = {
        flag.key: all(_answered(questions.get(c + flag.suffix)) == YES for c in item.criteria)
        for flag in ladder.flags
    }
    step = derive(ladder, share, flags)
    # with no criterion answered there is nothing to derive a grade from (nor to disagree with)
    anything = any(_answered(questions.get(c)) is not None for c in item.criteria) or any(
        _answered(questions.get(q)) is not None for c in item.criteria if c in means for q in means[c]
    )
    derived = step.grade if step is not None and anything else None
    given = questions.get(item.override) if item.override else None
    if given is not None and given.status == "answered" and given.value is not None:
        return Graded(given.value, complete, given.answer, derived, share, given)
    value = step.value / ladder.scale if step is not None else ZERO
    return Graded(value, complete, derived, derived, share, None)


def evaluate(
    worksheet: Worksheet,
    item: MeanItem | GradeItem,
    questions: dict[str, QuestionResult],
    values: dict[str, tuple[Fraction, bool]],
    node_id: str,
) -> ComputedResult:
    if isinstance(item, MeanItem):
        value, complete = mean_value(item, questions)
        return ComputedResult(item.id, node_id, item.title, value, complete)
    means = {c.id: c.of for c in worksheet.node_by_id[node_id].computed if isinstance(c, MeanItem)}
    graded = grade_value(worksheet, item, questions, values, means)
    return ComputedResult(
        item.id,
        node_id,
        item.title,
        graded.value,
        graded.complete,
        grade=graded.grade,
        derived=graded.derived,
        share=graded.share,
    )


def disagreements(
    worksheet: Worksheet, computed: list[ComputedResult], questions: dict[str, QuestionResult]
) -> list[Problem]:
    """A warning, at the given grade's cell, for every grade given that the criteria do not bear out."""
    out: list[Problem] = []
    items = {c.id: c for n in worksheet.all_nodes for c in n.computed if isinstance(c, GradeItem)}
    for result in computed:
        item = items.get(result.id)
        if item is None or item.override is None or result.derived is None:
            continue
        given = questions.get(item.override)
        if given is None or given.status != "answered" or given.answer == result.derived:
            continue
        out.append(
            Problem(
                "grade.disagrees",
                given.location or Location(),
                "warning",
                item.override,
                {
                    "given": given.answer,
                    "derived": result.derived,
                    "share": f"{display((result.share or ZERO) * 100):.2f}",
                    "node": result.node,
                },
            )
        )
    return out
