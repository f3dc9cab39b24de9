"""Weights: children that do not add up to their parent (exactly: thirds are Fractions), a total
that is not 100, weights <= 0 or missing, own question weights mixed with equal shares, and
two-decimal weights where a third or sixth was likely meant (0.33 for 1/3)."""

from __future__ import annotations

from fractions import Fraction

from pmprb.lint.context import Context
from pmprb.lint.context import number as _num
from pmprb.model import Node
from pmprb.model.weight import round_half_up
from pmprb.scoring.engine import node_weight

TOTAL = Fraction(100)


def check(ctx: Context) -> None:
    ws = ctx.worksheet
    total = sum((node_weight(n) for n in ws.nodes), Fraction(0))
    if total != TOTAL:
        parts = [f"{n.id} {_num(node_weight(n))}" for n in ws.nodes]
        ctx.report("check.weight-total", ("nodes",), key=True, total=total, parts=parts)
    for node, path in ctx.nodes():
        _declared(ctx, node.weight, (*path, "weight"), node.id)
        _sum(ctx, node, path)
        _leaf(ctx, node, path)
    for q, _node, path in ctx.questions():
        _declared(ctx, q.weight, (*path, "weight"), q.id)


def _declared(ctx: Context, weight: Fraction | None, path: tuple[str | int, ...], owner: str) -> None:
    if weight is None:
        return
    if weight <= 0:
        ctx.report("check.weight-non-positive", path, id=owner, value=weight)
        return
    third = _likely_sixth(weight)
    if third is not None:
        ctx.report(
            "check.weight-decimal-third", path, severity="warning", id=owner, value=weight, exact=third
        )


def _likely_sixth(weight: Fraction) -> Fraction | None:
    """0.33 -> 1/3, 0.67 -> 2/3, 0.83 -> 5/6, 1.17 -> 7/6: a two-decimal spelling of a sixth."""
    if weight.denominator == 1 or 100 % weight.denominator != 0:
        return None
    sixth = Fraction(round(weight * 6), 6)
    if sixth != weight and sixth > 0 and round_half_up(sixth) == weight:
        return sixth
    return None


def _sum(ctx: Context, node: Node, path: tuple[str | int, ...]) -> None:
    if node.weight is None:
        return
    if node.children:
        parts = [(c.id, node_weight(c)) for c in node.children]
    else:
        parts = [(q.id, q.weight) for q in node.questions if q.weight is not None]
        if not parts:
            return
    children_sum = sum((w for _, w in parts), Fraction(0))
    if children_sum != node.weight:
        ctx.report(
            "check.weight-sum",
            (*path, "weight"),
            id=node.id,
            value=node.weight,
            total=children_sum,
            parts=[f"{i} {_num(w)}" for i, w in parts],
        )


def _leaf(ctx: Context, node: Node, path: tuple[str | int, ...]) -> None:
    if node.children:
        return
    types = ctx.worksheet.answer_types
    scored = [q for q in node.questions if q.type not in types or types[q.type].kind != "count"]
    weighted = [q for q in scored if q.weight is not None]
    shared = [q for q in scored if q.weight is None]
    if weighted and (shared or node.computed):
        first = shared[0].id if shared else node.computed[0].id
        index = node.questions.index(shared[0]) if shared else 0
        where = (*path, "questions", index) if shared else (*path, "computed", index)
        ctx.report(
            "check.weight-mixed",
            where,
            id=node.id,
            items=[q.id for q in shared] + [c.id for c in node.computed],
            first=first,
        )
        return
    if not scored and not node.computed:
        ctx.report("check.node-empty", (*path, "id"), id=node.id)
        return
    if not weighted and node.weight is None:
        ctx.report("check.weight-missing", (*path, "id"), id=node.id)
