"""Predicate rules, read the way the engine applies them (first rule whose conditions all hold wins,
on 2-decimal half-up figures): thresholds above the node's weight, conditions that can never hold,
rules an earlier rule always takes first, and total-only bands (AA > 90, A > 80, ...) that overlap
or leave low totals without a predicate."""

from __future__ import annotations

from pmprb.lint.bounds import Bound, Scores, bound, lowest_shown, required
from pmprb.lint.context import Context
from pmprb.model.weight import round_half_up
from pmprb.model.worksheet import TOTAL, PredicateRule


def check(ctx: Context) -> None:
    ws = ctx.worksheet
    if not ws.predicates:
        return
    scores = Scores(ws)
    rule_bounds: list[list[Bound] | None] = []  # None: the rule can never hold or is not analysable
    for i, rule in enumerate(ws.predicates):
        bounds: list[Bound] | None = []
        for j, cond in enumerate(rule.when):
            for ref in cond.nodes:
                target = scores.targets.get(ref)
                if (
                    target is None
                ):  # unknown, unweighted question, or overlapping combined: reported elsewhere
                    bounds = None
                    continue
                path = ("predicates", i, "when", j, "min" if cond.min is not None else "min_percent")
                need = required(cond, target)
                shown_max = round_half_up(target.maximum)
                if lowest_shown(cond, need) > shown_max:
                    code = "check.predicate-threshold" if need > target.weight else "check.predicate-never"
                    ctx.report(
                        code,
                        path,
                        rule=rule.label,
                        node=ref,
                        op=cond.op,
                        value=need,
                        weight=target.weight,
                        maximum=shown_max,
                    )
                    bounds = None
                elif bounds is not None:
                    bounds.append(bound(cond, target))
        rule_bounds.append(bounds)
    bands = all(_total_only(r) for r in ws.predicates)
    for i, rule in enumerate(ws.predicates):
        mine = rule_bounds[i]
        if mine is None:
            continue
        for h in range(i):
            earlier = rule_bounds[h]
            if earlier is not None and all(scores.implied_low(b.leaves, mine) >= b.low for b in earlier):
                code = "check.predicate-band-overlap" if bands else "check.predicate-shadowed"
                ctx.report(
                    code,
                    ("predicates", i, "label"),
                    rule=rule.label,
                    earlier=ws.predicates[h].label,
                    earlier_line=ctx.line_of(("predicates", h, "label")) or "?",
                )
                break
    if bands:
        _band_gap(ctx, scores, rule_bounds)


def _total_only(rule: PredicateRule) -> bool:
    return len(rule.when) == 1 and rule.when[0].nodes == [TOTAL]


def _band_gap(ctx: Context, scores: Scores, rule_bounds: list[list[Bound] | None]) -> None:
    """With lower bounds only, bands can only leave a gap at the bottom: totals below the lowest band."""
    lows = [(b[0].low, i) for i, b in enumerate(rule_bounds) if b]
    if not lows or len(lows) != len(rule_bounds):
        return
    low, i = min(lows)
    if low > 0:
        cond = ctx.worksheet.predicates[i].when[0]
        ctx.report(
            "check.predicate-band-gap",
            ("predicates", i, "when", 0),
            rule=ctx.worksheet.predicates[i].label,
            op=cond.op,
            value=required(cond, scores.targets[TOTAL]),
        )
