"""Predicate rules: ordered, the first rule whose conditions all hold wins. Decisions use the 2-decimal
half-up figures the user sees, so a shown 75.00 is never 'below 75'."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from pmprb.memo import Memo
from pmprb.model import PredicateRule, Worksheet
from pmprb.model.weight import round_half_up
from pmprb.model.worksheet import TOTAL
from pmprb.scoring.result import ConditionResult, NodeResult, QuestionResult, RuleResult


@dataclass(frozen=True, slots=True)
class _Check:
    """One condition on one node: the total, a tree or combined node, or a question with its own
    weight (e.g. the IPAK survey), and the score it requires (fixed by the worksheet)."""

    node: str
    op: str
    required: Fraction
    question_weight: Fraction | None  # a question's: its score is weight x value


def _checks(worksheet: Worksheet, by_id: dict[str, NodeResult]) -> list[tuple[PredicateRule, list[_Check]]]:
    total_weight = sum((by_id[n.id].weight for n in worksheet.nodes), Fraction(0))
    out = []
    for rule in worksheet.predicates:
        checks = []
        for cond in rule.when:
            for node_id in cond.nodes:
                question_weight = None
                if node_id == TOTAL:
                    weight = total_weight
                elif node_id in by_id:
                    weight = by_id[node_id].weight
                else:
                    weight = question_weight = worksheet.questions[node_id].weight or Fraction(0)
                required = cond.min if cond.min is not None else weight * (cond.min_percent or 0) / 100
                checks.append(_Check(node_id, cond.op, required, question_weight))
        out.append((rule, checks))
    return out


_rules: Memo[list[tuple[PredicateRule, list[_Check]]]] = Memo(maxsize=32)


def evaluate_predicates(
    worksheet: Worksheet,
    total: Fraction,
    nodes: list[NodeResult],
    questions: dict[str, QuestionResult],
    by_id: dict[str, NodeResult] | None = None,
) -> tuple[str | None, list[RuleResult]]:
    by_id = {n.id: n for n in nodes} if by_id is None else by_id
    rules: list[RuleResult] = []
    predicate: str | None = None
    for rule, checks in _rules.get(worksheet, None, lambda: _checks(worksheet, by_id)):
        conditions = [_condition(worksheet, check, total, by_id, questions) for check in checks]
        holds = all(c.holds for c in conditions)
        rules.append(RuleResult(rule.label, rule.title, holds, conditions, list(rule.declarations)))
        if holds and predicate is None:
            predicate = rule.label
    return predicate, rules


def _condition(
    worksheet: Worksheet,
    check: _Check,
    total: Fraction,
    by_id: dict[str, NodeResult],
    questions: dict[str, QuestionResult],
) -> ConditionResult:
    if check.node == TOTAL:
        title, score = TOTAL, total
    elif check.question_weight is None:
        title, score = by_id[check.node].title, by_id[check.node].score
    else:
        result = questions[check.node]
        value = result.value if result.status == "answered" and result.value is not None else 0
        title, score = worksheet.questions[check.node].text, check.question_weight * value
    achieved = round_half_up(score)  # the figure the user sees decides
    holds = achieved > check.required if check.op == ">" else achieved >= check.required
    return ConditionResult(check.node, title, check.op, check.required, achieved, holds)
