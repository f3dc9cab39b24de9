"""The scoring arithmetic of docs/domain.md §3, in exact fractions:

- a node with children scores the sum of its children's scores;
- a node of questions scores weight x mean(item values), each scored question and computed item one
  item (counts feed computed items only, they are no items);
- where its questions carry their own weight, it scores the sum of weight x value;
- an unanswered or invalid answer is worth 0;
- what a computed item reads is no item itself: counts feed ratios, a grade's criteria and flags feed
  the grade (pmprb.scoring.grades), a required document feeds its criterion's mean.

A node's weight is its declared weight, else the sum of its children's (or its questions' own) weights.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from math import lcm

from pmprb.errors import Problem
from pmprb.memo import Memo
from pmprb.model import AnswerType, Computed, DecreaseItem, Node, Question, RatioItem, Worksheet
from pmprb.scoring import grades
from pmprb.scoring.answers import AnswerSheet, RawValue
from pmprb.scoring.normalize import Invalid, Normalized, is_blank, normalize
from pmprb.scoring.predicate import evaluate_predicates
from pmprb.scoring.result import ComputedResult, NodeResult, QuestionResult, ScoreResult

ZERO, ONE = Fraction(0), Fraction(1)


def exact_sum(values: list[Fraction], times: Fraction = ONE) -> Fraction:
    """The exact sum of `values` (times `times`), added on a common denominator and reduced once:
    Fraction's `+` and `*` reduce by gcd at every step, and most terms share a denominator (a node's
    answers, its children's scores)."""
    numerator, denominator = times.as_integer_ratio()
    total, common = 0, 1
    for value in values:
        n, d = value.as_integer_ratio()
        if d != common:
            new_common = lcm(common, d)
            total, common = total * (new_common // common), new_common
        total += n * (common // d)
    return Fraction(total * numerator, common * denominator)


def node_weight(node: Node) -> Fraction:
    """Declared weight, else the sum of the children's (or of the questions' own weights)."""
    if node.weight is not None:
        return node.weight
    if node.children:
        return exact_sum([node_weight(c) for c in node.children])
    return exact_sum([q.weight for q in node.questions if q.weight is not None])


@dataclass(frozen=True, slots=True)
class _Plan:
    """What a worksheet's shape fixes, worked out once per worksheet object: every node's weight and,
    for a node of questions, the questions it scores (counts excluded; only the weighted ones where
    questions carry their own weight) and, where they share the node's weight, each item's share of
    it: weight x mean(items) = share x sum(items), share = weight / number of items."""

    weight: dict[str, Fraction]
    scored: dict[str, tuple[Question, ...]]
    # a node's computed items, those another item reads first; and the ids of those read by another
    computed: dict[str, tuple[Computed, ...]]
    fed: frozenset[str]
    share: dict[str, Fraction]  # only nodes whose items share the weight
    questions: tuple[tuple[Question, str, AnswerType], ...]  # every question, its node id and type
    # the same few answers ("a", "Ya", 3) recur in every file of a batch: each is validated once
    normalized: dict[tuple[str, type, RawValue], Normalized | Invalid]


def _make_plan(worksheet: Worksheet) -> _Plan:
    weight: dict[str, Fraction] = {}
    scored: dict[str, tuple[Question, ...]] = {}
    share: dict[str, Fraction] = {}
    computed: dict[str, tuple[Computed, ...]] = {}
    fed: set[str] = set()
    for node in worksheet.all_nodes:
        weight[node.id] = node_weight(node)
        if node.children:
            continue
        inputs = {i for item in node.computed for i in worksheet.item_inputs(item)}
        items = [
            q for q in node.questions if worksheet.answer_types[q.type].kind != "count" and q.id not in inputs
        ]
        weighted = [q for q in items if q.weight is not None]
        scored[node.id] = tuple(weighted or items)
        computed[node.id] = tuple(sorted(node.computed, key=lambda c: c.id not in inputs))
        fed |= {c.id for c in node.computed if c.id in inputs}
        own_items = [c for c in node.computed if c.id not in inputs]
        if not weighted and (items or own_items):
            share[node.id] = weight[node.id] / (len(items) + len(own_items))
    questions = tuple(
        (q, node.id, worksheet.answer_types[q.type]) for node in worksheet.all_nodes for q in node.questions
    )
    return _Plan(weight, scored, computed, frozenset(fed), share, questions, normalized={})


_plans: Memo[_Plan] = Memo(maxsize=32)
_NORMALIZED_MAX = 20_000


def _plan(worksheet: Worksheet) -> _Plan:
    return _plans.get(worksheet, None, lambda: _make_plan(worksheet))


def _normalize(plan: _Plan, question: Question, atype: AnswerType, raw: RawValue) -> Normalized:
    key = (question.type, type(raw), raw)  # the type too: True == 1, but "True" is no count
    found = plan.normalized.get(key)
    if found is None:
        try:
            found = normalize(atype, raw)
        except Invalid as exc:
            found = exc
        if len(plan.normalized) >= _NORMALIZED_MAX:
            plan.normalized.clear()
        plan.normalized[key] = found
    if isinstance(found, Invalid):
        raise Invalid(found.allowed)  # a fresh exception: a re-raised one would grow its traceback
    return found


def score(worksheet: Worksheet, sheet: AnswerSheet, *, strict: bool = False) -> ScoreResult:
    problems: list[Problem] = list(sheet.problems)
    questions = _questions(worksheet, sheet, problems, strict)
    tree = _Tree(worksheet, _plan(worksheet), questions)
    total = exact_sum([tree.score(node, parent=None, depth=0) for node in worksheet.nodes])
    problems.extend(grades.disagreements(worksheet, tree.computed, questions))
    nodes = tree.nodes
    by_id = {n.id: n for n in nodes}
    for combo in worksheet.combined:
        parts = [by_id[i] for i in combo.sum]
        by_id[combo.id] = combined = NodeResult(
            id=combo.id,
            title=combo.title,
            parent=None,
            weight=exact_sum([p.weight for p in parts]),
            score=exact_sum([p.score for p in parts]),
            depth=0,
            combined=True,
        )
        nodes.append(combined)
    predicate, rules = evaluate_predicates(worksheet, total, nodes, questions, by_id)
    return ScoreResult(
        worksheet=worksheet.id,
        worksheet_version=worksheet.version,
        file=sheet.file,
        layer=sheet.layer,
        total=total,
        predicate=predicate,
        rules=rules,
        nodes=nodes,
        questions=questions,
        computed=tree.computed,
        problems=problems,
        meta=dict(sheet.meta),
    )


def node_score(worksheet: Worksheet, node_id: str, questions: dict[str, QuestionResult]) -> Fraction:
    """One tree node's score from question results, by the same rules as `score`: lets a comparison
    ask what a changed answer does to its node (and so to the total) without its own arithmetic."""
    node = worksheet.node_by_id[node_id]
    return _Tree(worksheet, _plan(worksheet), questions).score(node, worksheet.parent_of[node_id], depth=0)


class _Tree:
    """Scores a tree of nodes, recording each node's result in pre-order and each computed item."""

    def __init__(self, worksheet: Worksheet, plan: _Plan, questions: dict[str, QuestionResult]) -> None:
        self.worksheet = worksheet
        self.plan = plan
        self.questions = questions
        self.nodes: list[NodeResult] = []
        self.computed: list[ComputedResult] = []

    def score(self, node: Node, parent: str | None, depth: int) -> Fraction:
        weight = self.plan.weight[node.id]
        result = NodeResult(
            id=node.id,
            title=node.title,
            parent=parent,
            weight=weight,
            score=ZERO,
            depth=depth,
            code=node.code,
            level=node.level,
        )
        self.nodes.append(result)  # before its children: the list is in pre-order
        if node.children:
            result.score = exact_sum([self.score(c, node.id, depth + 1) for c in node.children])
        else:
            result.score = self._questions_score(node)
        return result.score

    def _questions_score(self, node: Node) -> Fraction:
        scored = self.plan.scored[node.id]
        share = self.plan.share.get(node.id)
        if share is None:  # questions with their own weight (or no items at all)
            return exact_sum(
                [q.weight * _value(self.questions[q.id]) for q in scored if q.weight is not None]
            )
        items = [_value(self.questions[q.id]) for q in scored]
        done: dict[str, tuple[Fraction, bool]] = {}  # a grade reads the mean items of its criteria
        for item in self.plan.computed[node.id]:
            if isinstance(item, RatioItem | DecreaseItem):
                value, complete = _computed_value(item, self.questions)
                result = ComputedResult(item.id, node.id, item.title, value, complete)
            else:
                result = grades.evaluate(self.worksheet, item, self.questions, done, node.id)
            done[item.id] = result.value, result.complete
            self.computed.append(result)
            if item.id not in self.plan.fed:
                items.append(result.value)
        return exact_sum(items, times=share)


def _value(q: QuestionResult) -> Fraction:
    return q.value if q.status == "answered" and q.value is not None else ZERO


def _computed_value(
    item: RatioItem | DecreaseItem, questions: dict[str, QuestionResult]
) -> tuple[Fraction, bool]:
    """The item's value and whether every count it needs was answered (if not, it is worth 0)."""
    if any(questions[i].status != "answered" for i in item.inputs):
        return ZERO, False
    if isinstance(item, RatioItem):
        numerator = exact_sum([_value(questions[i]) for i in item.numerator])
        denominator = exact_sum([_value(questions[i]) for i in item.denominator])
        if denominator == 0:
            return item.zero_denominator, True
        return min(item.cap, numerator / denominator), True
    previous, current = _value(questions[item.previous]), _value(questions[item.current])
    if previous == 0:
        return (item.unchanged if current == 0 else item.increased), True
    return min(Fraction(1), max(ZERO, (previous - current) / previous)), True


def _questions(
    worksheet: Worksheet, sheet: AnswerSheet, problems: list[Problem], strict: bool
) -> dict[str, QuestionResult]:
    """Each question's result, in the worksheet's order; problems for invalid (and, strict, missing)
    answers."""
    plan = _plan(worksheet)
    out: dict[str, QuestionResult] = {}
    for question, node_id, atype in plan.questions:
        qid = question.id
        result = out[qid] = QuestionResult(
            id=qid, node=node_id, kind=atype.kind, status="missing", optional=question.optional
        )
        raw = sheet.answers.get(qid)
        if raw is None:
            if strict and not question.optional:
                problems.append(Problem("answer.missing", question=qid))
            continue
        result.note, result.evidence, result.location = raw.note, raw.evidence, raw.location
        if is_blank(raw.value):
            if strict and not question.optional:
                problems.append(Problem("answer.missing", raw.location, question=qid))
            continue
        try:
            normalized = _normalize(plan, question, atype, raw.value)
        except Invalid as exc:
            result.status = "invalid"
            params = {"value": _shown(raw.value), "allowed": exc.allowed, "type": atype.label}
            problems.append(Problem("answer.invalid", raw.location, question=qid, params=params))
            continue
        result.status, result.answer, result.value = "answered", normalized.shown, normalized.value
    return out


def _shown(value: object) -> str:
    text = str(value)
    return text if len(text) <= 80 else text[:77] + "..."
