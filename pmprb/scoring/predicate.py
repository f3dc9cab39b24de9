"""Predicate rules: ordered, first rule whose conditions all hold wins. Decisions use the 2-decimal
half-up figures the user sees, so a shown 75.00 is never 'below 75'."""

from __future__ import annotations

from fractions import Fraction

from pmprb.model import Worksheet
from pmprb.model.weight import fraction_of, half_up
from pmprb.model.worksheet import TOTAL
from pmprb.scoring.result import ConditionResult, NodeResult, QuestionResult, RuleResult

# what a worksheet's rules fix once: per rule, per condition and node, (node, title, weight, required);
# title and weight are None for tree nodes, whose result carries them
_Check = tuple[str, str | None, Fraction | None, str, Fraction, int, int]
_rules: dict[int, tuple[Worksheet, list[list[_Check]]]] = {}
_RULES_MAX = 32


def _checks(worksheet: Worksheet, by_id: dict[str, NodeResult]) -> list[list[_Check]]:
    found = _rules.get(id(worksheet))
    if found is not None and found[0] is worksheet:
        return found[1]
    weights = {node_id: node.weight for node_id, node in by_id.items()}  # the tree's and combined
    total_weight = sum((weights[n.id] for n in worksheet.nodes), Fraction(0))
    out: list[list[_Check]] = []
    for rule in worksheet.predicates:
        checks: list[_Check] = []
        for cond in rule.when:
            for node_id in cond.nodes:
                title: str | None = None
                if node_id == TOTAL:
                    title, weight = TOTAL, total_weight
                elif node_id in weights:
                    weight = weights[node_id]
                else:  # a question with its own weight, e.g. the IPAK survey
                    question = worksheet.questions[node_id]
                    title, weight = question.text, question.weight or Fraction(0)
                required = cond.min if cond.min is not None else weight * (cond.min_percent or 0) / 100
                own_weight = None if node_id in weights else weight
                checks.append((node_id, title, own_weight, cond.op, required, *required.as_integer_ratio()))
        out.append(checks)
    if len(_rules) >= _RULES_MAX:
        _rules.clear()
    _rules[id(worksheet)] = (worksheet, out)
    return out


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
    # a node (the total above all) is named by several rules: its shown figure is worked out once
    achieved_of: dict[str, int] = {}  # in hundredths
    for rule, checks in zip(worksheet.predicates, _checks(worksheet, by_id), strict=True):
        conditions: list[ConditionResult] = []
        for node_id, title, weight, op, required, required_n, required_d in checks:
            if weight is None and node_id != TOTAL:
                title = by_id[node_id].title
            achieved = achieved_of.get(node_id)
            if achieved is None:
                if node_id == TOTAL:
                    score = total
                elif weight is None:
                    score = by_id[node_id].score
                else:
                    result = questions[node_id]
                    value = result.value if result.status == "answered" and result.value is not None else 0
                    score = weight * value
                achieved = achieved_of[node_id] = half_up(score, 100)
            # achieved/100 against required, in integers
            holds = (
                achieved * required_d > required_n * 100
                if op == ">"
                else achieved * required_d >= required_n * 100
            )
            assert title is not None
            conditions.append(
                ConditionResult(node_id, title, op, required, fraction_of((achieved, 100)), holds)
            )
        holds = all(c.holds for c in conditions)
        rules.append(RuleResult(rule.label, rule.title, holds, conditions, list(rule.declarations)))
        if holds and predicate is None:
            predicate = rule.label
    return predicate, rules
