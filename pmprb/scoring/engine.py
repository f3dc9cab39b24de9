"""The arithmetic of DOMAIN.md §3: a node is the sum of its children; a node of questions scores
weight x mean(item values), or the sum of weight x value where questions carry their own weight.
Computed items (ratios, decreases of counts) are items; the counts feeding them are not."""

from __future__ import annotations

from fractions import Fraction

from pmprb.errors import Problem
from pmprb.model import DecreaseItem, Node, RatioItem, Worksheet
from pmprb.scoring.answers import AnswerSheet
from pmprb.scoring.normalize import Invalid, is_blank, normalize
from pmprb.scoring.predicate import evaluate_predicates
from pmprb.scoring.result import ComputedResult, NodeResult, QuestionResult, ScoreResult

ZERO = Fraction(0)


def node_weight(node: Node) -> Fraction:
    """Declared weight, else the sum of the children's (or of the questions' own weights)."""
    if node.weight is not None:
        return node.weight
    if node.children:
        return sum((node_weight(c) for c in node.children), ZERO)
    return sum((q.weight or ZERO for q in node.questions), ZERO)


def score(worksheet: Worksheet, sheet: AnswerSheet, *, strict: bool = False) -> ScoreResult:
    problems: list[Problem] = list(sheet.problems)
    questions = _questions(worksheet, sheet, problems, strict)
    nodes: list[NodeResult] = []
    computed: list[ComputedResult] = []
    total = sum(
        (_score_node(worksheet, n, None, 0, questions, nodes, computed) for n in worksheet.nodes), ZERO
    )
    by_id = {n.id: n for n in nodes}
    for combo in worksheet.combined:
        parts = [by_id[i] for i in combo.sum]
        nodes.append(
            NodeResult(
                id=combo.id,
                title=combo.title,
                parent=None,
                weight=sum((p.weight for p in parts), ZERO),
                score=sum((p.score for p in parts), ZERO),
                depth=0,
                combined=True,
            )
        )
    predicate, rules = evaluate_predicates(worksheet, total, nodes, questions)
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
        computed=computed,
        problems=problems,
        meta=dict(sheet.meta),
    )


def node_score(worksheet: Worksheet, node_id: str, questions: dict[str, QuestionResult]) -> Fraction:
    """One tree node's score from question results, by the same rules as `score`: lets a comparison
    ask what a changed answer does to its node (and so to the total) without its own arithmetic."""
    return _score_node(worksheet, worksheet.node_by_id[node_id], None, 0, questions, [], [])


def _questions(
    worksheet: Worksheet, sheet: AnswerSheet, problems: list[Problem], strict: bool
) -> dict[str, QuestionResult]:
    out: dict[str, QuestionResult] = {}
    for node in worksheet.all_nodes:
        for q in node.questions:
            atype = worksheet.answer_types[q.type]
            raw = sheet.answers.get(q.id)
            result = QuestionResult(id=q.id, node=node.id, kind=atype.kind, status="missing")
            out[q.id] = result
            if raw is None:
                if strict:
                    problems.append(Problem("answer.missing", question=q.id))
                continue
            result.note, result.evidence, result.location = raw.note, raw.evidence, raw.location
            if is_blank(raw.value):
                if strict:
                    problems.append(Problem("answer.missing", raw.location, question=q.id))
                continue
            try:
                normalized = normalize(atype, raw.value)
            except Invalid as exc:
                result.status = "invalid"
                problems.append(
                    Problem(
                        "answer.invalid",
                        raw.location,
                        question=q.id,
                        params={"value": _shown(raw.value), "allowed": exc.allowed, "type": atype.label},
                    )
                )
                continue
            result.status, result.value, result.answer = "answered", normalized.value, normalized.shown
    return out


def _shown(value: object) -> str:
    text = str(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _score_node(
    worksheet: Worksheet,
    node: Node,
    parent: str | None,
    depth: int,
    questions: dict[str, QuestionResult],
    nodes: list[NodeResult],
    computed: list[ComputedResult],
) -> Fraction:
    result = NodeResult(
        id=node.id,
        title=node.title,
        parent=parent,
        weight=node_weight(node),
        score=ZERO,
        depth=depth,
        code=node.code,
        level=node.level,
    )
    nodes.append(result)
    if node.children:
        result.score = sum(
            (
                _score_node(worksheet, c, node.id, depth + 1, questions, nodes, computed)
                for c in node.children
            ),
            ZERO,
        )
        return result.score
    scored = [q for q in node.questions if questions[q.id].scored]
    if any(q.weight is not None for q in scored):
        result.score = sum((q.weight * _value(questions[q.id]) for q in scored if q.weight is not None), ZERO)
        return result.score
    items = [_value(questions[q.id]) for q in scored]
    for item in node.computed:
        value, complete = _computed_value(item, questions)
        computed.append(ComputedResult(item.id, node.id, item.title, value, complete))
        items.append(value)
    if items:
        result.score = result.weight * sum(items, ZERO) / len(items)
    return result.score


def _value(q: QuestionResult) -> Fraction:
    return q.value if q.status == "answered" and q.value is not None else ZERO


def _computed_value(
    item: RatioItem | DecreaseItem, questions: dict[str, QuestionResult]
) -> tuple[Fraction, bool]:
    if any(questions[i].status != "answered" for i in item.inputs):
        return ZERO, False
    if isinstance(item, RatioItem):
        numerator = sum((_value(questions[i]) for i in item.numerator), ZERO)
        denominator = sum((_value(questions[i]) for i in item.denominator), ZERO)
        if denominator == 0:
            return item.zero_denominator, True
        return min(item.cap, numerator / denominator), True
    previous, current = _value(questions[item.previous]), _value(questions[item.current])
    if previous == 0:
        return (item.unchanged if current == 0 else item.increased), True
    return min(Fraction(1), max(ZERO, (previous - current) / previous)), True
