"""Ids and references: one id space for nodes, questions, computed items and combined nodes
(predicate conditions look ids up in all of them), duplicate PortalRB soal ids or Excel rows,
computed items fed by missing or non-count questions, combined nodes that name unknown nodes,
overlap (count a score twice) or sum each other in a cycle, and conditions naming unknown ids."""

from __future__ import annotations

from pmprb.i18n.check import TERMS
from pmprb.lint.context import Context
from pmprb.lint.yamlmarks import Path
from pmprb.model.worksheet import TOTAL, CombinedNode, DecreaseItem, RatioItem


def check(ctx: Context) -> None:
    _ids(ctx)
    _sources(ctx)
    _computed(ctx)
    _combined(ctx)
    _conditions(ctx)


def _ids(ctx: Context) -> None:
    declared: list[tuple[str, Path]] = [(n.id, (*p, "id")) for n, p in ctx.nodes()]
    declared += [(q.id, (*p, "id")) for q, _, p in ctx.questions()]
    declared += [(c.id, (*p, "id")) for c, _, p in ctx.computed()]
    declared += [(c.id, ("combined", i, "id")) for i, c in enumerate(ctx.worksheet.combined)]
    first: dict[str, Path] = {}
    for ident, path in declared:
        if ident == TOTAL:
            ctx.report("check.id-reserved", path, id=ident)
        elif ident in first:
            ctx.report("check.id-duplicate", path, id=ident, first_line=ctx.line_of(first[ident]) or "?")
        else:
            first[ident] = path


def _sources(ctx: Context) -> None:
    for field in ("soal_id", "excel_row"):
        first: dict[int, Path] = {}
        for q, _, path in ctx.questions():
            value = getattr(q.source, field) if q.source is not None else None
            if value is None:
                continue
            where = (*path, "source", field)
            if value in first:
                ctx.report(
                    "check.source-duplicate",
                    where,
                    question=q.id,
                    field=field,
                    value=value,
                    first_line=ctx.line_of(first[value]) or "?",
                )
            else:
                first[value] = where


def _computed(ctx: Context) -> None:
    ws = ctx.worksheet
    for item, _node, path in ctx.computed():
        if not isinstance(item, RatioItem | DecreaseItem):
            continue  # grade and mean items read scored answers: pmprb.lint.grades
        if isinstance(item, DecreaseItem):
            refs: list[tuple[str, Path]] = [
                (item.previous, (*path, "previous")),
                (item.current, (*path, "current")),
            ]
        else:
            refs = [(r, (*path, "numerator", i)) for i, r in enumerate(item.numerator)]
            refs += [(r, (*path, "denominator", i)) for i, r in enumerate(item.denominator)]
        for ref, where in refs:
            question = ws.questions.get(ref)
            if question is None:
                ctx.report("check.ref-unknown", where, owner=item.id, ref=ref, kinds=TERMS["count-question"])
            elif question.type in ws.answer_types and ws.answer_types[question.type].kind != "count":
                ctx.report("check.ref-not-count", where, owner=item.id, ref=ref, type=question.type)


def _combined(ctx: Context) -> None:
    ws = ctx.worksheet
    combined = {c.id: c for c in ws.combined}
    parents = ws.parent_of
    reported: set[frozenset[str]] = set()  # each loop once, at its first member
    for i, combo in enumerate(ws.combined):
        for j, ref in enumerate(combo.sum):
            where = ("combined", i, "sum", j)
            if ref in ws.node_by_id:
                ancestor = _covered_by(ref, combo.sum[:j] + combo.sum[j + 1 :], parents)
                if ancestor is not None and (ancestor != ref or ref in combo.sum[:j]):
                    ctx.report("check.combined-overlap", where, owner=combo.id, ref=ref, other=ancestor)
            elif ref in combined:
                cycle = _cycle(ref, combo.id, combined)
                if cycle and frozenset(cycle) not in reported:
                    reported.add(frozenset(cycle))
                    ctx.report("check.ref-cycle", where, cycle=" -> ".join([combo.id, *cycle]))
                elif not cycle:
                    ctx.report("check.ref-unknown", where, owner=combo.id, ref=ref, kinds=TERMS["tree-node"])
            else:
                ctx.report("check.ref-unknown", where, owner=combo.id, ref=ref, kinds=TERMS["tree-node"])


def _covered_by(ref: str, others: list[str], parents: dict[str, str | None]) -> str | None:
    """Another part that is `ref` itself or one of its ancestors."""
    current: str | None = ref
    while current is not None:
        if current in others:
            return current
        current = parents.get(current)
    return None


def _cycle(start: str, origin: str, combined: dict[str, CombinedNode]) -> list[str]:
    """The path of combined ids from `start` back to `origin`, if the sums loop."""
    stack: list[tuple[str, list[str]]] = [(start, [start])]
    seen: set[str] = set()
    while stack:
        current, trail = stack.pop()
        if current == origin:
            return trail
        if current in seen:
            continue
        seen.add(current)
        combo = combined.get(current)
        if combo is not None:
            stack.extend((ref, [*trail, ref]) for ref in combo.sum if ref in combined)
    return []


def _conditions(ctx: Context) -> None:
    ws = ctx.worksheet
    combined = {c.id for c in ws.combined}
    for cond, rule, path in ctx.conditions():
        for k, ref in enumerate(cond.nodes):
            where = (*path, "node", k) if isinstance(cond.node, list) else (*path, "node")
            if ref == TOTAL or ref in ws.node_by_id or ref in combined:
                continue
            question = ws.questions.get(ref)
            if question is None:
                ctx.report(
                    "check.ref-unknown", where, owner=rule.label, ref=ref, kinds=TERMS["condition-target"]
                )
            elif question.weight is None:
                ctx.report("check.ref-unweighted", where, owner=rule.label, ref=ref)
