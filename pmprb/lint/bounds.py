"""Score ranges for reasoning about predicate rules without answers.

Every referable score (a tree node, a combined node, a question with its own weight, the total) is
a sum over *leaves*: nodes scored from equal shares, or questions carrying their own weight. Each
leaf lies in [0, its maximum]. Conditions are lower bounds on such sums, so a set of conditions is
satisfiable iff it holds with every leaf at its maximum, and what a set of conditions implies about
another sum is bounded below by packing disjoint residual requirements (a sound, not always tight,
bound: a rule is called shadowed only when that is certain).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

from pmprb.model import DecreaseItem, GradeItem, Node, RatioItem, Worksheet
from pmprb.model.worksheet import TOTAL, Computed, Condition
from pmprb.scoring.engine import node_weight

CENT = Fraction(1, 100)
HALF_CENT = Fraction(1, 200)
ZERO = Fraction(0)


@dataclass(frozen=True, slots=True)
class Target:
    """A referable score: its leaves, its weight as the engine reports it, its attainable maximum."""

    leaves: frozenset[str]
    weight: Fraction
    maximum: Fraction


@dataclass(frozen=True, slots=True)
class Bound:
    """sum(leaves) >= low, the exact meaning of `round_half_up(score) op required`."""

    leaves: frozenset[str]
    low: Fraction


class Scores:
    def __init__(self, worksheet: Worksheet) -> None:
        self.worksheet = worksheet
        self.leaf_max: dict[str, Fraction] = {}
        self.targets: dict[str, Target] = {}
        for node in worksheet.nodes:
            self._node(node)
        self.targets[TOTAL] = self._sum([self.targets[n.id] for n in worksheet.nodes])
        for combo in worksheet.combined:
            parts = [self.targets[r] for r in combo.sum if r in worksheet.node_by_id]
            disjoint = sum(len(p.leaves) for p in parts) == len(frozenset().union(*(p.leaves for p in parts)))
            if len(parts) == len(combo.sum) and disjoint:
                self.targets.setdefault(combo.id, self._sum(parts))

    def _node(self, node: Node) -> Target:
        if node.children:
            target = self._sum([self._node(c) for c in node.children], node_weight(node))
        else:
            types = self.worksheet.answer_types
            weighted = [
                q
                for q in node.questions
                if q.weight is not None and q.type in types and types[q.type].kind != "count"
            ]
            if weighted:
                parts = []
                for q in weighted:
                    leaf = f"q:{q.id}"
                    self.leaf_max[leaf] = q.weight * self._item_max(q.type) if q.weight else ZERO
                    part = Target(frozenset([leaf]), q.weight or ZERO, self.leaf_max[leaf])
                    self.targets.setdefault(q.id, part)
                    parts.append(part)
                target = self._sum(parts, node_weight(node))
            else:
                inputs = {i for c in node.computed for i in self.worksheet.item_inputs(c)}
                items = [
                    self._item_max(q.type)
                    for q in node.questions
                    if q.type in types and types[q.type].kind != "count" and q.id not in inputs
                ]
                items += [self._computed_max(c) for c in node.computed if c.id not in inputs]
                leaf = f"n:{node.id}"
                self.leaf_max[leaf] = node_weight(node) * max(items) if items else ZERO
                target = Target(frozenset([leaf]), node_weight(node), self.leaf_max[leaf])
        self.targets.setdefault(node.id, target)
        return target

    def _computed_max(self, item: Computed) -> Fraction:
        if isinstance(item, RatioItem):
            return max(item.cap, item.zero_denominator)
        if isinstance(item, DecreaseItem):
            return max(Fraction(1), item.unchanged, item.increased)
        if isinstance(item, GradeItem):
            ladder = self.worksheet.ladders.get(item.ladder)
            return max(s.value for s in ladder.steps) / ladder.scale if ladder is not None else Fraction(1)
        return max(
            (self._item_max(q.type) for q in self.worksheet.questions.values() if q.id in item.of),
            default=ZERO,
        )

    def _item_max(self, type_name: str) -> Fraction:
        atype = self.worksheet.answer_types.get(type_name)
        if atype is None or atype.kind == "count":
            return ZERO
        if atype.kind == "choice":
            return max(o.value for o in atype.options)
        return Fraction(1)

    def _sum(self, parts: list[Target], weight: Fraction | None = None) -> Target:
        leaves = frozenset().union(*(p.leaves for p in parts)) if parts else frozenset()
        return Target(
            leaves,
            weight if weight is not None else sum((p.weight for p in parts), ZERO),
            sum((self.leaf_max[leaf] for leaf in leaves), ZERO),
        )

    def capacity(self, leaves: frozenset[str]) -> Fraction:
        return sum((self.leaf_max[leaf] for leaf in leaves), ZERO)

    def implied_low(self, leaves: frozenset[str], given: list[Bound]) -> Fraction:
        """A lower bound of sum(leaves) over every state meeting `given`."""
        residual: dict[frozenset[str], Fraction] = {}
        for bound in given:
            inside = bound.leaves & leaves
            need = bound.low - self.capacity(bound.leaves - leaves)
            if inside and need > 0:
                residual[inside] = max(need, residual.get(inside, ZERO))
        return _best_disjoint(sorted(residual.items(), key=lambda kv: kv[1], reverse=True))


def required(cond: Condition, target: Target) -> Fraction:
    if cond.min is not None:
        return cond.min
    return target.weight * (cond.min_percent or ZERO) / 100


def lowest_shown(cond: Condition, value: Fraction) -> Fraction:
    """The smallest 2-decimal figure for which `figure op value` holds."""
    cents = value / CENT
    if cond.op == ">=":
        return math.ceil(cents) * CENT
    return (math.floor(cents) + 1) * CENT


def bound(cond: Condition, target: Target) -> Bound:
    """round_half_up(s) >= m  <=>  s >= m - 1/200, for m a whole number of cents."""
    return Bound(target.leaves, lowest_shown(cond, required(cond, target)) - HALF_CENT)


def _best_disjoint(sets: list[tuple[frozenset[str], Fraction]], limit: int = 18) -> Fraction:
    """The largest total need of pairwise disjoint sets (exact search over few sets, else greedy)."""
    if len(sets) > limit:
        taken: frozenset[str] = frozenset()
        total = ZERO
        for leaves, need in sets:
            if not leaves & taken:
                taken, total = taken | leaves, total + need
        return total
    best = ZERO

    def search(i: int, taken: frozenset[str], total: Fraction, rest: Fraction) -> None:
        nonlocal best
        best = max(best, total)
        if i == len(sets) or total + rest <= best:
            return
        leaves, need = sets[i]
        if not leaves & taken:
            search(i + 1, taken | leaves, total + need, rest - need)
        search(i + 1, taken, total, rest - need)

    search(0, frozenset(), ZERO, sum((n for _, n in sets), ZERO))
    return best
