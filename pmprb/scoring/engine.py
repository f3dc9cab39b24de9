"""The arithmetic of docs/domain.md §3: a node is the sum of its children; a node of questions scores
weight x mean(item values), or the sum of weight x value where questions carry their own weight.
Computed items (ratios, decreases of counts) are items; the counts feeding them are not."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from itertools import repeat
from math import gcd, lcm

from pmprb.errors import Problem
from pmprb.model import DecreaseItem, Node, RatioItem, Worksheet
from pmprb.model.weight import fraction_of
from pmprb.scoring.answers import AnswerSheet, RawValue
from pmprb.scoring.normalize import Invalid, Normalized, normalize
from pmprb.scoring.predicate import evaluate_predicates
from pmprb.scoring.result import ComputedResult, NodeResult, QuestionResult, ScoreResult

ZERO = Fraction(0)


def exact_sum(values: list[Fraction]) -> Fraction:
    """The exact sum, added on one common denominator: Fraction's pairwise `+` reduces by gcd at every
    step, which is most of the engine's time on a worksheet of a hundred questions."""
    if len(values) < 2:
        return values[0] if values else ZERO
    denominators = [v.denominator for v in values]
    common = lcm(*denominators)
    return Fraction(
        sum(v.numerator * (common // d) for v, d in zip(values, denominators, strict=True)), common
    )


def node_weight(node: Node) -> Fraction:
    """Declared weight, else the sum of the children's (or of the questions' own weights)."""
    if node.weight is not None:
        return node.weight
    if node.children:
        return exact_sum([node_weight(c) for c in node.children])
    return exact_sum([q.weight for q in node.questions if q.weight is not None])


@dataclass(frozen=True, slots=True)
class _Leaf:
    """A node of questions: the ids of the questions it scores (counts feed computed items only),
    their own weights when they carry them, and its computed items."""

    scored: tuple[str, ...]
    weights: tuple[tuple[int, int], ...] | None  # per scored question (numerator, denominator)
    computed: tuple[RatioItem | DecreaseItem, ...]


@dataclass(frozen=True, slots=True)
class _Entry:
    """A tree node in pre-order: its children are the entries `children` (indices into the order),
    and `end` is one past its last descendant's index."""

    node: Node
    parent: str | None
    depth: int
    weight: Fraction
    weight_ratio: tuple[int, int]
    children: tuple[int, ...]
    end: int
    leaf: _Leaf | None


@dataclass(frozen=True, slots=True)
class _Plan:
    """What a worksheet's shape fixes once: the questions in order with their answer types, the
    tree in pre-order with its weights, and what each node of questions scores. Built once per
    worksheet object, used for every file scored against it."""

    questions: tuple[tuple[str, str, str, str], ...]  # (question id, node id, answer type key, its kind)
    order: tuple[_Entry, ...]
    roots: tuple[int, ...]
    index: dict[str, int]  # node id -> its entry
    # the same few answers ("a", "Ya", 3) recur in every file of a batch: each is validated once
    normalized: dict[tuple[str, type, RawValue], Normalized | str]  # str: what is allowed instead


_plans: dict[int, tuple[Worksheet, _Plan]] = {}  # by id(), the worksheet kept so the id stays its own
_PLANS_MAX = 32  # a run has a few worksheets; a test run may build hundreds


def _leaf(worksheet: Worksheet, node: Node) -> _Leaf:
    scored = [q for q in node.questions if worksheet.answer_types[q.type].kind != "count"]
    weighted = [q for q in scored if q.weight is not None]
    return _Leaf(
        scored=tuple(q.id for q in (weighted or scored)),
        weights=tuple((w.numerator, w.denominator) for q in weighted if (w := q.weight) is not None)
        if weighted
        else None,
        computed=tuple(node.computed),
    )


def _plan(worksheet: Worksheet) -> _Plan:
    found = _plans.get(id(worksheet))
    if found is not None and found[0] is worksheet:
        return found[1]
    order: list[_Entry | None] = []

    def place(node: Node, parent: str | None, depth: int) -> int:
        at = len(order)
        order.append(None)
        children = tuple(place(c, node.id, depth + 1) for c in node.children)
        leaf = None if node.children else _leaf(worksheet, node)
        weight = node_weight(node)
        order[at] = _Entry(node, parent, depth, weight, weight.as_integer_ratio(), children, len(order), leaf)
        return at

    roots = tuple(place(n, None, 0) for n in worksheet.nodes)
    entries = tuple(e for e in order if e is not None)
    plan = _Plan(
        questions=tuple(
            (q.id, node.id, q.type, worksheet.answer_types[q.type].kind)
            for node in worksheet.all_nodes
            for q in node.questions
        ),
        order=entries,
        roots=roots,
        index={e.node.id: i for i, e in enumerate(entries)},
        normalized={},
    )
    if len(_plans) >= _PLANS_MAX:
        _plans.clear()
    _plans[id(worksheet)] = (worksheet, plan)
    return plan


_NORMALIZED_MAX = 20_000


def _normalize(worksheet: Worksheet, plan: _Plan, type_key: str, raw: RawValue) -> Normalized:
    key = (type_key, type(raw), raw)  # the type too: True == 1, but "True" is no count
    memo = plan.normalized
    found = memo.get(key)
    if found is None:
        try:
            found = normalize(worksheet.answer_types[type_key], raw)
        except Invalid as exc:
            found = exc.allowed  # a fresh exception each time: a re-raised one would grow its traceback
        if len(memo) >= _NORMALIZED_MAX:
            memo.clear()
        memo[key] = found
    if isinstance(found, str):
        raise Invalid(found)
    return found


def score(worksheet: Worksheet, sheet: AnswerSheet, *, strict: bool = False) -> ScoreResult:
    problems: list[Problem] = list(sheet.problems)
    plan = _plan(worksheet)
    ratios: dict[str, _Pair] = {}
    questions = _questions(worksheet, plan, sheet, problems, strict, ratios)
    computed: list[ComputedResult] = []
    order = plan.order
    scores = _tree(plan, 0, len(order), questions, computed, ratios)
    nodes = [
        NodeResult(
            e.node.id, e.node.title, e.parent, e.weight, fraction_of(p), e.depth, e.node.code, e.node.level
        )
        for e, p in zip(order, scores, strict=True)
    ]
    total = fraction_of(_add([scores[i] for i in plan.roots]))
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
        computed=computed,
        problems=problems,
        meta=dict(sheet.meta),
    )


def node_score(worksheet: Worksheet, node_id: str, questions: dict[str, QuestionResult]) -> Fraction:
    """One tree node's score from question results, by the same rules as `score`: lets a comparison
    ask what a changed answer does to its node (and so to the total) without its own arithmetic."""
    plan = _plan(worksheet)
    at = plan.index[node_id]
    ratios = {
        qid: q.value.as_integer_ratio()
        for qid, q in questions.items()
        if q.status == "answered" and q.value is not None
    }
    return fraction_of(_tree(plan, at, plan.order[at].end, questions, [], ratios)[0])


def _questions(
    worksheet: Worksheet,
    plan: _Plan,
    sheet: AnswerSheet,
    problems: list[Problem],
    strict: bool,
    ratios: dict[str, tuple[int, int]],
) -> dict[str, QuestionResult]:
    """Each question's result; `ratios` gets each answered value as (numerator, denominator)."""
    out: dict[str, QuestionResult] = {}
    answers = sheet.answers
    memo = plan.normalized
    for qid, node_id, type_key, kind in plan.questions:
        raw = answers.get(qid)
        if raw is None:
            out[qid] = QuestionResult(qid, node_id, kind, "missing")
            if strict:
                problems.append(Problem("answer.missing", question=qid))
            continue
        value, location, note, evidence = raw
        if value is None or (isinstance(value, str) and not value.strip()):  # is_blank, inline
            out[qid] = QuestionResult(qid, node_id, kind, "missing", None, None, note, evidence, location)
            if strict:
                problems.append(Problem("answer.missing", location, question=qid))
            continue
        # the batch's memo first (what _normalize would find), without a call per answer
        normalized = memo.get((type_key, type(value), value))
        try:
            if not isinstance(normalized, Normalized):
                normalized = _normalize(worksheet, plan, type_key, value)
        except Invalid as exc:
            out[qid] = QuestionResult(qid, node_id, kind, "invalid", None, None, note, evidence, location)
            atype = worksheet.answer_types[type_key]
            params = {"value": _shown(value), "allowed": exc.allowed, "type": atype.label}
            problems.append(Problem("answer.invalid", location, question=qid, params=params))
            continue
        exact = normalized.value
        out[qid] = QuestionResult(
            qid, node_id, kind, "answered", normalized.shown, exact, note, evidence, location
        )
        ratios[qid] = exact.as_integer_ratio()
    return out


def _shown(value: object) -> str:
    text = str(value)
    return text if len(text) <= 80 else text[:77] + "..."


# Scores inside the tree are (numerator, denominator) pairs of ints, added on their least common
# denominator and turned into Fractions once per node: Fraction's arithmetic (pure Python, a gcd per
# operation) was most of the engine's time.
_Pair = tuple[int, int]


def _add(pairs: list[_Pair]) -> _Pair:
    """The sum, on the least common denominator; a loop, as most terms share one (a node's few
    answers, its children's scores) and comprehensions would cost a call each."""
    if not pairs:
        return 0, 1
    numerator, denominator = pairs[0]
    for n, d in pairs[1:]:
        if d == denominator:
            numerator += n
        else:
            common = lcm(denominator, d)
            numerator = numerator * (common // denominator) + n * (common // d)
            denominator = common
    return numerator, denominator


def _reduced(numerator: int, denominator: int) -> _Pair:
    divisor = gcd(numerator, denominator)
    return numerator // divisor, denominator // divisor


def _tree(
    plan: _Plan,
    start: int,
    end: int,
    questions: dict[str, QuestionResult],
    computed: list[ComputedResult],
    ratios: dict[str, _Pair],
) -> list[_Pair]:
    """Scores of the entries start..end-1 (a node and its descendants): nodes of questions first,
    in order (their computed items are listed in that order), then each parent after its children."""
    order = plan.order
    scores: list[_Pair] = [(0, 1)] * (end - start)
    for i in range(start, end):
        leaf = order[i].leaf
        if leaf is not None:
            scores[i - start] = _leaf_score(order[i], leaf, questions, computed, ratios)
    for i in range(end - 1, start - 1, -1):
        children = order[i].children
        if children:
            scores[i - start] = _add([scores[c - start] for c in children])
    return scores


_NO_VALUE = (0, 1)


def _leaf_score(
    entry: _Entry,
    leaf: _Leaf,
    questions: dict[str, QuestionResult],
    computed: list[ComputedResult],
    ratios: dict[str, _Pair],
) -> _Pair:
    values = list(map(ratios.get, leaf.scored, repeat(_NO_VALUE, len(leaf.scored))))
    if leaf.weights is not None:  # questions with their own weight: the sum of weight x value
        return _reduced(
            *_add([(wn * n, wd * d) for (wn, wd), (n, d) in zip(leaf.weights, values, strict=True)])
        )
    for item in leaf.computed:
        value, complete = _computed_value(item, questions)
        computed.append(ComputedResult(item.id, entry.node.id, item.title, value, complete))
        values.append(value.as_integer_ratio())
    if not values:
        return 0, 1
    numerator, denominator = entry.weight_ratio
    total, common = _add(values)
    return _reduced(numerator * total, denominator * common * len(values))


def _value(q: QuestionResult) -> Fraction:
    value = q.value
    return value if value is not None and q.status == "answered" else ZERO


def _computed_value(
    item: RatioItem | DecreaseItem, questions: dict[str, QuestionResult]
) -> tuple[Fraction, bool]:
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
