"""'Peluang peningkatan': what each question could still add to the total, and the cheapest set of
improvements that reaches the next predicate.

Cheapest means fewest answer steps, a step being one option up on a choice question (C to B, B to A,
Tidak to Ya); an unanswered question starts from its lowest option. Survey indices and percentages
(scale/percent questions) are measured, not answered: the plan gives the lowest value they must reach
instead of steps, and raises them only where answer steps cannot close a gap. Counts are facts feeding
computed items and are never changed. Steps are chosen greedily (each step is the one that closes most
of the remaining shortfall of the unmet conditions), then the plan is checked by scoring it with the
engine, so the predicate it promises is the engine's, not this module's arithmetic.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from pmprb.model import GradeItem, Question, Worksheet
from pmprb.model.weight import round_half_up
from pmprb.model.worksheet import TOTAL
from pmprb.scoring.answers import AnswerSheet, RawAnswer
from pmprb.scoring.engine import score
from pmprb.scoring.result import ConditionResult, RuleResult, ScoreResult

ZERO = Fraction(0)
SCALE_GRID = Fraction(1, 100)  # survey indices are reported with two decimals


@dataclass(slots=True)
class Lever:
    """One question or computed item and how a change of its value (0..1) moves the tree."""

    id: str
    kind: str  # choice, scale, percent, computed
    node: str  # leaf node holding it
    share: Fraction  # points added to every ancestor per unit of value
    value: Fraction
    affects: frozenset[str]  # node ids (tree and combined), 'total' and its own id
    question: Question | None = None
    title: str = ""
    current: str | None = None  # a grade lever: the grade the sub-component has now

    @property
    def potential(self) -> Fraction:
        return self.share * (1 - self.value)


@dataclass(slots=True)
class Opportunity:
    id: str
    kind: str
    node: str
    title: str
    answer: str | None
    best: str | None
    gain: Fraction


@dataclass(slots=True)
class PlanStep:
    id: str
    kind: str  # choice or measured
    title: str
    node: str
    before: str | None
    after: str
    steps: int  # option steps; 0 for measured values
    gain: Fraction


@dataclass(slots=True)
class Plan:
    target: str
    target_title: str | None
    reachable: bool
    steps: list[PlanStep] = field(default_factory=list)
    total_after: Fraction | None = None
    predicate_after: str | None = None
    unmet: list[ConditionResult] = field(default_factory=list)  # conditions even the best answers miss

    @property
    def answer_steps(self) -> int:
        return sum(s.steps for s in self.steps)


def levers(worksheet: Worksheet, result: ScoreResult) -> list[Lever]:
    """Every scored question and computed item, with its share of each ancestor's score."""
    chain = _ancestors(worksheet)
    combined = {c.id: set(c.sum) for c in worksheet.combined}
    out: list[Lever] = []
    computed_by_node: dict[str, list[tuple[str, str, Fraction]]] = {}
    for item in result.computed:
        computed_by_node.setdefault(item.node, []).append((item.id, item.title, item.value))
    graded = {c.id: c for c in result.computed}
    for node in worksheet.all_nodes:
        if node.children:
            continue
        # what a computed item reads (a grade's criteria and flags) is no item of the node's mean
        inputs = {i for c in node.computed for i in worksheet.item_inputs(c)}
        results = [result.questions[q.id] for q in node.questions]
        scored = [q for q, r in zip(node.questions, results, strict=True) if r.scored and q.id not in inputs]
        own = any(q.weight is not None for q in scored)
        items = len(scored) + sum(1 for c in node.computed if c.id not in inputs)
        weight = result.node(node.id).weight
        path = chain[node.id]
        affects = {TOTAL, *path} | {c for c, parts in combined.items() if parts & set(path)}
        for q in scored:
            r = result.questions[q.id]
            # own weight, or an equal share of the node's weight among its items
            share = (q.weight or ZERO) if own else (weight / items if items else ZERO)
            value = r.value if r.status == "answered" and r.value is not None else ZERO
            kind = worksheet.answer_types[q.type].kind
            out.append(Lever(q.id, kind, node.id, share, value, frozenset(affects | {q.id}), q, q.text))
        if not own:
            items_here = {c.id: c for c in node.computed}
            for item_id, title, value in computed_by_node.get(node.id, []):
                if item_id in inputs:
                    continue
                share = weight / items if items else ZERO
                declared = items_here.get(item_id)
                if isinstance(declared, GradeItem) and declared.override is not None:
                    # a sub-component's grade is raised a rung at a time: as its direct grade would
                    q = worksheet.questions[declared.override]
                    current = graded[item_id].grade if item_id in graded else None
                    where = frozenset(affects | {q.id})
                    out.append(Lever(q.id, "choice", node.id, share, value, where, q, title, current))
                    continue
                out.append(Lever(item_id, "computed", node.id, share, value, frozenset(affects), None, title))
    return out


def _ancestors(worksheet: Worksheet) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for node in worksheet.all_nodes:
        path: list[str] = []
        current: str | None = node.id
        while current is not None:
            path.append(current)
            current = worksheet.parent_of.get(current)
        out[node.id] = path
    return out


def opportunities(worksheet: Worksheet, result: ScoreResult) -> list[Opportunity]:
    """Questions and computed items ranked by the points they could still add to the total."""
    found = []
    for lever in levers(worksheet, result):
        if lever.potential <= 0:
            continue
        answer = result.questions[lever.id].answer if lever.question is not None else None
        answer = lever.current or answer
        found.append(
            Opportunity(
                lever.id,
                lever.kind,
                lever.node,
                lever.title,
                answer,
                _best(worksheet, lever),
                lever.potential,
            )
        )
    order = {lever_id: i for i, lever_id in enumerate(worksheet.questions)}
    found.sort(key=lambda o: (-o.gain, order.get(o.id, len(order))))
    return found


def _best(worksheet: Worksheet, lever: Lever) -> str | None:
    if lever.question is None:
        return None
    atype = worksheet.answer_types[lever.question.type]
    if atype.kind == "choice":
        return max(atype.options, key=lambda o: o.value).key
    if atype.kind == "scale":
        return _raw_text(atype.max or Fraction(1))
    if atype.kind == "percent":
        return "100%"
    return None


def next_rule(result: ScoreResult) -> RuleResult | None:
    """The rule just above the predicate reached (rules are ordered best first); the lowest when none."""
    if not result.rules:
        return None
    labels = [r.label for r in result.rules]
    if result.predicate is None:
        return result.rules[-1]
    index = labels.index(result.predicate)
    return result.rules[index - 1] if index > 0 else None


class _State:
    """Exact scores of every node a condition can name, moved by lever changes."""

    def __init__(self, result: ScoreResult, levers: list[Lever]) -> None:
        self.scores: dict[str, Fraction] = {n.id: n.score for n in result.nodes}
        self.scores[TOTAL] = result.total
        for lever in levers:
            if lever.question is not None:
                self.scores[lever.id] = lever.share * lever.value

    def apply(self, lever: Lever, delta: Fraction) -> None:
        for key in lever.affects:
            if key in self.scores:
                self.scores[key] += lever.share * delta

    def holds(self, cond: ConditionResult) -> bool:
        achieved = round_half_up(self.scores.get(cond.node, ZERO))
        return achieved > cond.required if cond.op == ">" else achieved >= cond.required

    def shortfall(self, cond: ConditionResult) -> Fraction:
        if self.holds(cond):
            return ZERO
        # round_half_up(s) >= r  <=>  s >= r - 1/200 (r has two decimals)
        return max(ZERO, cond.required - Fraction(1, 200) - self.scores.get(cond.node, ZERO)) or Fraction(
            1, 10**6
        )


def plan(worksheet: Worksheet, result: ScoreResult) -> Plan | None:
    """The fewest answer steps (plus measured minimums) reaching the next predicate; None at the top."""
    rule = next_rule(result)
    if rule is None:
        return None
    all_levers = levers(worksheet, result)
    state = _State(result, all_levers)
    conditions = rule.conditions
    steps: dict[str, PlanStep] = {}
    by_id = {lever.id: lever for lever in all_levers}
    measured = [lv for lv in all_levers if lv.kind in ("scale", "percent")]
    # 1. conditions on a measured question itself: its minimum is needed whatever else changes
    for cond in conditions:
        if cond.node in by_id and by_id[cond.node].kind in ("scale", "percent"):
            _raise_measured(worksheet, result, by_id[cond.node], cond, state, steps)
    # 2. answer steps, greedily
    positions = {lv.id: _position(worksheet, lv) for lv in all_levers if lv.kind == "choice"}
    while True:
        failing = [c for c in conditions if not state.holds(c)]
        if not failing:
            break
        best: tuple[Fraction, Fraction, int] | None = None
        best_lever: Lever | None = None
        for lever in all_levers:
            if lever.kind != "choice":
                continue
            delta = _next_delta(worksheet, lever, positions[lever.id])
            if delta is None or lever.share * delta <= 0:
                continue
            gain = lever.share * delta
            closes = sum((min(gain, state.shortfall(c)) for c in failing if c.node in lever.affects), ZERO)
            if closes <= 0:
                continue
            key = (closes, gain, -positions[lever.id])
            if best is None or key > best:
                best, best_lever = key, lever
        if best_lever is None:
            break
        _step(worksheet, best_lever, positions, state, steps, result)
    _prune(worksheet, all_levers, positions, conditions, state, steps)
    # 3. measured values where answers cannot close a gap
    for cond in conditions:
        if state.holds(cond):
            continue
        for lever in sorted((m for m in measured if cond.node in m.affects), key=lambda m: -m.share):
            _raise_measured(worksheet, result, lever, cond, state, steps)
            if state.holds(cond):
                break
    unmet = [c for c in conditions if not state.holds(c)]
    ordered = sorted(steps.values(), key=lambda s: (-s.gain, s.id))
    out = Plan(rule.label, rule.title, not unmet, ordered, unmet=unmet)
    if not unmet:
        out.total_after, out.predicate_after = _verify(worksheet, result, steps)
        out.reachable = out.predicate_after == rule.label or _ranks_above(
            result, out.predicate_after, rule.label
        )
    return out


def _prune(
    worksheet: Worksheet,
    all_levers: list[Lever],
    positions: dict[str, int],
    conditions: list[ConditionResult],
    state: _State,
    steps: dict[str, PlanStep],
) -> None:
    """Undo any step the conditions can do without (greedy choices can overshoot), smallest gain first,
    so that no single step of the plan is superfluous."""
    by_id = {lv.id: lv for lv in all_levers}
    changed = True
    while changed:
        changed = False
        for step in sorted(steps.values(), key=lambda s: (s.gain, s.id)):
            if step.kind != "choice" or step.steps == 0:
                continue
            lever = by_id[step.id]
            options = _options(worksheet, lever)
            position = positions[lever.id] - 1
            key, value = options[position]
            delta = value - lever.value
            held = [c for c in conditions if state.holds(c)]
            state.apply(lever, delta)
            if all(state.holds(c) for c in held):
                lever.value, positions[lever.id] = value, position
                step.after, step.steps, step.gain = key, step.steps - 1, step.gain + lever.share * delta
                if step.steps == 0:
                    del steps[step.id]
                changed = True
                break
            state.apply(lever, -delta)


def _ranks_above(result: ScoreResult, got: str | None, wanted: str) -> bool:
    labels = [r.label for r in result.rules]
    return got is not None and got in labels and labels.index(got) <= labels.index(wanted)


def _options(worksheet: Worksheet, lever: Lever) -> list[tuple[str, Fraction]]:
    assert lever.question is not None
    atype = worksheet.answer_types[lever.question.type]
    return sorted(((o.key, o.value) for o in atype.options), key=lambda kv: kv[1])


def _position(worksheet: Worksheet, lever: Lever) -> int:
    """Index among options by value; an unanswered question sits at the lowest."""
    options = _options(worksheet, lever)
    for i, (_, value) in reversed(list(enumerate(options))):
        if value <= lever.value:
            return i
    return 0


def _next_delta(worksheet: Worksheet, lever: Lever, position: int) -> Fraction | None:
    options = _options(worksheet, lever)
    if position + 1 >= len(options):
        return None
    return options[position + 1][1] - lever.value


def _step(
    worksheet: Worksheet,
    lever: Lever,
    positions: dict[str, int],
    state: _State,
    steps: dict[str, PlanStep],
    result: ScoreResult,
) -> None:
    options = _options(worksheet, lever)
    position = positions[lever.id] + 1
    key, value = options[position]
    delta = value - lever.value
    state.apply(lever, delta)
    lever.value = value
    positions[lever.id] = position
    step = steps.get(lever.id)
    if step is None:
        before = lever.current or (
            result.questions[lever.id].answer if result.questions[lever.id].status == "answered" else None
        )
        step = steps[lever.id] = PlanStep(lever.id, "choice", lever.title, lever.node, before, key, 0, ZERO)
    step.after, step.steps, step.gain = key, step.steps + 1, step.gain + lever.share * delta


def _raise_measured(
    worksheet: Worksheet,
    result: ScoreResult,
    lever: Lever,
    cond: ConditionResult,
    state: _State,
    steps: dict[str, PlanStep],
) -> None:
    """Raise a survey index or percentage to the lowest value (on its two-decimal grid) meeting `cond`."""
    assert lever.question is not None
    atype = worksheet.answer_types[lever.question.type]
    if atype.kind == "scale":
        low, high = atype.min or ZERO, atype.max or Fraction(1)
    else:  # percent: 0..100
        low, high = ZERO, Fraction(100)
    span = high - low
    if state.holds(cond) or lever.share <= 0:
        return
    need = state.shortfall(cond) / lever.share  # in 0..1 value units
    raw = low + min(Fraction(1), lever.value + need) * span
    raw = Fraction(-(-raw // SCALE_GRID)) * SCALE_GRID  # up to the grid
    original = lever.value
    while True:
        target = min(Fraction(1), (min(raw, high) - low) / span)
        state.apply(lever, target - lever.value)
        lever.value = target
        if state.holds(cond) or raw >= high:
            break
        raw += SCALE_GRID
    if lever.value == original:
        return
    answered = result.questions[lever.id]
    result_answer = answered.answer if answered.status == "answered" else None
    shown = _raw_text(low + lever.value * span) + ("%" if atype.kind == "percent" else "")
    existing = steps.get(lever.id)
    gain = lever.share * (lever.value - original) + (existing.gain if existing else ZERO)
    before = existing.before if existing else result_answer
    steps[lever.id] = PlanStep(lever.id, "measured", lever.title, lever.node, before, shown, 0, gain)


def _raw_text(value: Fraction) -> str:
    rounded = round_half_up(value)
    return str(int(rounded)) if rounded.denominator == 1 else f"{float(rounded):.2f}".rstrip("0")


def _verify(
    worksheet: Worksheet, result: ScoreResult, steps: dict[str, PlanStep]
) -> tuple[Fraction, str | None]:
    """Score the planned answers with the engine: the total and predicate the plan really gives."""

    answers: dict[str, RawAnswer] = {}
    for qid, q in result.questions.items():
        if qid in steps:
            answers[qid] = RawAnswer(steps[qid].after)
        elif q.status == "answered" and q.answer is not None:
            answers[qid] = RawAnswer(q.answer)
    sheet = AnswerSheet(file=result.file, layer=result.layer, answers=answers, worksheet_id=worksheet.id)
    after = score(worksheet, sheet)
    return after.total, after.predicate
