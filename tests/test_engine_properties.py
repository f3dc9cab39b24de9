"""Properties of the arithmetic on every shipped worksheet: extremes, monotonicity, sums."""

from __future__ import annotations

import random
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pmprb.catalog import get_worksheet, shipped_paths
from pmprb.model.weight import display, round_half_up
from pmprb.scoring import score
from pmprb.scoring.engine import exact_sum
from tests.answer_sets import extreme_answers, random_answers, sheet

WORKSHEETS = sorted(shipped_paths())


@pytest.mark.parametrize("ref", WORKSHEETS)
def test_best_answers_score_100(ref: str) -> None:
    ws = get_worksheet(ref)
    result = score(ws, sheet(extreme_answers(ws, best=True)))
    assert display(result.total) == 100.00
    assert result.missing == [] and result.errors == []
    assert result.predicate == ws.predicates[0].label if ws.predicates else True


@pytest.mark.parametrize("ref", WORKSHEETS)
def test_worst_answers_score_0(ref: str) -> None:
    ws = get_worksheet(ref)
    result = score(ws, sheet(extreme_answers(ws, best=False)))
    assert display(result.total) == 0.00
    assert result.errors == []


@pytest.mark.parametrize("ref", WORKSHEETS)
def test_nothing_answered_scores_0_and_lists_every_question(ref: str) -> None:
    ws = get_worksheet(ref)
    result = score(ws, sheet({}))
    assert result.total == 0
    # every question but those a worksheet lets stay blank (a grade given directly, a criterion's flags)
    assert len(result.missing) == sum(not q.optional for q in ws.questions.values())


@pytest.mark.parametrize("ref", WORKSHEETS)
@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_children_sum_to_parent_and_total_in_range(ref: str, seed: int) -> None:
    ws = get_worksheet(ref)
    result = score(ws, sheet(random_answers(ws, random.Random(seed))))
    assert 0 <= result.total <= 100
    children: dict[str, Fraction] = {}
    for node in result.nodes:
        if node.parent is not None:
            children[node.parent] = children.get(node.parent, Fraction(0)) + node.score
        assert 0 <= node.score <= node.weight
    for node in result.nodes:
        if node.id in children:
            assert children[node.id] == node.score, node.id
    assert sum(n.score for n in result.nodes if n.parent is None and not n.combined) == result.total


def _improve(ws, answers: dict, qid: str) -> dict | None:
    q = ws.questions[qid]
    atype = ws.answer_types[q.type]
    new = dict(answers)
    current = answers.get(qid)
    overrides = {c.override for n in ws.all_nodes for c in n.computed if getattr(c, "override", None)}
    if qid in overrides and current is None:
        return None  # a grade given directly replaces the derived one: giving it is no improvement
    if atype.kind == "choice":
        keys = [o.key for o in atype.options]
        index = keys.index(current) if current in keys else len(keys)
        if index == 0:
            return None
        new[qid] = keys[index - 1]
    elif atype.kind in ("scale", "percent"):
        top = float(atype.max or 0) if atype.kind == "scale" else 100.0
        base = float(current) if current is not None else float(atype.min or 0)
        if base >= top:
            return None
        new[qid] = min(top, base + (top - base) / 2)
    else:
        return None
    return new


@pytest.mark.parametrize("ref", WORKSHEETS)
@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), pick=st.integers(0, 10_000))
def test_improving_one_answer_never_lowers_total_or_predicate(ref: str, seed: int, pick: int) -> None:
    ws = get_worksheet(ref)
    answers = random_answers(ws, random.Random(seed))
    qid = sorted(ws.questions)[pick % len(ws.questions)]
    improved = _improve(ws, answers, qid)
    if improved is None:
        return
    before, after = score(ws, sheet(answers)), score(ws, sheet(improved))
    assert after.total >= before.total
    labels = [r.label for r in ws.predicates]
    rank = {label: i for i, label in enumerate(labels)}
    if before.predicate is not None:
        assert after.predicate is not None and rank[after.predicate] <= rank[before.predicate]


def test_round_half_up_matches_spreadsheet_round() -> None:
    assert round_half_up(Fraction("0.375")) == Fraction("0.38")
    assert round_half_up(Fraction("2.675")) == Fraction("2.68")  # float round() gives 2.67
    assert round_half_up(Fraction("-0.125")) == Fraction("-0.13")
    assert round_half_up(Fraction(1, 3)) == Fraction("0.33")
    assert display(Fraction(89995, 1000)) == 90.0


@given(st.fractions(), st.integers(0, 4))
def test_round_half_up_agrees_with_decimal(value: Fraction, places: int) -> None:
    from decimal import ROUND_HALF_UP, Decimal, localcontext

    with localcontext() as ctx:
        ctx.prec = 200
        exact = Decimal(value.numerator) / Decimal(value.denominator)
        expected = exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    assert round_half_up(value, places) == Fraction(expected)


@given(st.lists(st.fractions()))
def test_exact_sum_is_the_sum(values: list[Fraction]) -> None:
    assert exact_sum(values) == sum(values, Fraction(0))


def test_a_remembered_answer_is_told_apart_by_its_type() -> None:
    # answers are validated once per distinct value: True equals 1 in Python, yet is no count
    ws = get_worksheet("zi-2026")
    count = next(q for q in ws.questions.values() if ws.answer_types[q.type].kind == "count")
    for value, status in [
        (1, "answered"),
        (True, "invalid"),
        (1.0, "answered"),
        ("1", "answered"),
        (True, "invalid"),
    ]:
        result = score(ws, sheet({count.id: value}))
        assert result.questions[count.id].status == status, value


@given(st.fractions(), st.integers(0, 4))
def test_display_is_the_rounded_figure_as_a_float(value: Fraction, places: int) -> None:
    assert display(value, places) == float(round_half_up(value, places))
