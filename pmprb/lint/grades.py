"""Grade ladders and the computed items that read scored answers (docs/domain.md §7): a grade item names a
ladder the worksheet declares, criteria of its own node (questions or mean items), a flag question per
criterion and ladder flag, and a direct-grade question whose options are the ladder's grades; a mean
item averages scored questions of its node. A ladder must grade every share (its last rung catches
all), and its rungs name only flags it declares."""

from __future__ import annotations

from fractions import Fraction

from pmprb.lint.context import Context
from pmprb.model import GradeItem, MeanItem, Node


def check(ctx: Context) -> None:
    _ladders(ctx)
    for item, node, path in ctx.computed():
        if isinstance(item, MeanItem):
            _mean(ctx, item, node, path)
        elif isinstance(item, GradeItem):
            _grade(ctx, item, node, path)


def _ladders(ctx: Context) -> None:
    used = {c.ladder for c, _, _ in ctx.computed() if isinstance(c, GradeItem)}
    for key, ladder in ctx.worksheet.ladders.items():
        path = ("ladders", key)
        declared = {f.key for f in ladder.flags}
        for i, step in enumerate(ladder.steps):
            for j, flag in enumerate(step.flags):
                if flag not in declared:
                    ctx.report(
                        "check.ladder-flag-unknown",
                        (*path, "steps", i, "flags", j),
                        ladder=key,
                        grade=step.grade,
                        flag=flag,
                        allowed=sorted(declared) or "-",
                    )
            if not Fraction(0) <= step.share <= 1:
                ctx.report("check.ladder-share", (*path, "steps", i, "share"), ladder=key, grade=step.grade)
        last = ladder.steps[-1]
        if last.flags or last.share > 0 or (last.share == 0 and last.op == ">"):
            ctx.report(
                "check.ladder-open", (*path, "steps", len(ladder.steps) - 1), ladder=key, grade=last.grade
            )
        if key not in used:
            ctx.report("check.ladder-unused", path, key=True, severity="warning", ladder=key)


def _local(node: Node) -> dict[str, str]:
    """Ids of the node's questions and computed items -> 'question' or the item's kind."""
    out = {q.id: "question" for q in node.questions}
    out.update({c.id: c.kind for c in node.computed})
    return out


def _scored(ctx: Context, node: Node, ref: str) -> bool:
    types = ctx.worksheet.answer_types
    question = next((q for q in node.questions if q.id == ref), None)
    return question is not None and (question.type not in types or types[question.type].kind != "count")


def _mean(ctx: Context, item: MeanItem, node: Node, path: tuple[str | int, ...]) -> None:
    local = _local(node)
    for i, ref in enumerate(item.of):
        if local.get(ref) != "question" or not _scored(ctx, node, ref):
            ctx.report("check.ref-not-local", (*path, "of", i), owner=item.id, ref=ref, node=node.id)


def _grade(ctx: Context, item: GradeItem, node: Node, path: tuple[str | int, ...]) -> None:
    ws = ctx.worksheet
    local = _local(node)
    for i, ref in enumerate(item.criteria):
        scored = local.get(ref) == "mean" or (local.get(ref) == "question" and _scored(ctx, node, ref))
        if not scored:
            ctx.report("check.ref-not-local", (*path, "criteria", i), owner=item.id, ref=ref, node=node.id)
    ladder = ws.ladders.get(item.ladder)
    if ladder is None:
        ctx.report(
            "check.ladder-unknown",
            (*path, "ladder"),
            owner=item.id,
            ladder=item.ladder,
            allowed=sorted(ws.ladders) or "-",
        )
        return
    for flag in ladder.flags:
        missing = [c + flag.suffix for c in item.criteria if local.get(c + flag.suffix) != "question"]
        if missing:
            ctx.report(
                "check.grade-flag-missing",
                (*path, "criteria"),
                owner=item.id,
                flag=flag.key,
                ids=missing[:5],
                count=len(missing),
            )
    if item.override is None:
        return
    question = next((q for q in node.questions if q.id == item.override), None)
    if question is None:
        ctx.report("check.ref-not-local", (*path, "override"), owner=item.id, ref=item.override, node=node.id)
        return
    atype = ws.answer_types.get(question.type)
    if atype is None:
        return  # reported by the answer-type rules
    grades = {s.grade: s.value / ladder.scale for s in ladder.steps}
    options = {o.key: o.value for o in atype.options}
    if options != grades:
        ctx.report(
            "check.grade-override-options",
            (*path, "override"),
            owner=item.id,
            ref=item.override,
            type=question.type,
            ladder=item.ladder,
            grades=[f"{g} {s.value / ladder.scale}" for g, s in ((s.grade, s) for s in ladder.steps)],
        )
