"""Predicate rules: ordered, first rule whose conditions all hold wins. Decisions use the 2-decimal
half-up figures the user sees, so a shown 75.00 is never 'below 75'."""

from __future__ import annotations

from fractions import Fraction

from pmprb.model import Worksheet
from pmprb.model.weight import round_half_up
from pmprb.model.worksheet import TOTAL
from pmprb.scoring.result import ConditionResult, NodeResult, QuestionResult, RuleResult


def evaluate_predicates(
    worksheet: Worksheet, total: Fraction, nodes: list[NodeResult], questions: dict[str, QuestionResult]
) -> tuple[str | None, list[RuleResult]]:
    by_id = {n.id: n for n in nodes}
    total_weight = sum((by_id[n.id].weight for n in worksheet.nodes), Fraction(0))
    rules: list[RuleResult] = []
    predicate: str | None = None
    for rule in worksheet.predicates:
        conditions: list[ConditionResult] = []
        for cond in rule.when:
            for node_id in cond.nodes:
                if node_id == TOTAL:
                    title, weight, score = TOTAL, total_weight, total
                elif node_id in by_id:
                    node = by_id[node_id]
                    title, weight, score = node.title, node.weight, node.score
                else:  # a question with its own weight, e.g. the IPAK survey
                    question = worksheet.questions[node_id]
                    weight = question.weight or Fraction(0)
                    result = questions[node_id]
                    value = result.value if result.status == "answered" and result.value is not None else 0
                    title, score = question.text, weight * value
                required = cond.min if cond.min is not None else weight * (cond.min_percent or 0) / 100
                achieved = round_half_up(score)
                holds = achieved > required if cond.op == ">" else achieved >= required
                conditions.append(ConditionResult(node_id, title, cond.op, required, achieved, holds))
        holds = all(c.holds for c in conditions)
        rules.append(RuleResult(rule.label, rule.title, holds, conditions, list(rule.declarations)))
        if holds and predicate is None:
            predicate = rule.label
    return predicate, rules
