"""What assessors read: blank question texts, titles and kriteria (a blank kriteria cell hides what
an option means), and provisional markers (placeholders a maintainer still has to replace)."""

from __future__ import annotations

from pmprb.lint.context import Context


def check(ctx: Context) -> None:
    ws = ctx.worksheet
    covered = _inside_provisional(ctx)
    for node, path in ctx.nodes():
        _text(ctx, node.title, (*path, "title"), node.id)
        if node.provisional and node.id not in covered:
            ctx.report("check.provisional", (*path, "provisional"), key=True, severity="warning", id=node.id)
    for q, node, path in ctx.questions():
        _text(ctx, q.text, (*path, "text"), q.id)
        if q.criteria is not None:
            _text(ctx, q.criteria, (*path, "criteria"), q.id)
        for key, text in q.option_criteria.items():
            _text(ctx, text, (*path, "option_criteria", key), q.id)
        if q.provisional and not (node.provisional or node.id in covered):
            ctx.report("check.provisional", (*path, "provisional"), key=True, severity="warning", id=q.id)
    for item, _node, path in ctx.computed():
        _text(ctx, item.title, (*path, "title"), item.id)
    for i, combo in enumerate(ws.combined):
        _text(ctx, combo.title, ("combined", i, "title"), combo.id)
    for name, atype in ws.answer_types.items():
        for i, option in enumerate(atype.options):
            if option.criteria is not None:
                _text(
                    ctx,
                    option.criteria,
                    ("answer_types", name, "options", i, "criteria"),
                    f"{name}/{option.key}",
                )
    if ws.provisional:
        ctx.report("check.provisional", ("provisional",), key=True, severity="warning", id=ws.id)


def _inside_provisional(ctx: Context) -> set[str]:
    """Ids of nodes below a provisional node: the outermost marker stands for its whole subtree."""
    out: set[str] = set()
    for node, _path in ctx.nodes():
        if node.provisional or node.id in out:
            out.update(n.id for n in node.walk()[1:])
    return out


def _text(ctx: Context, text: str, path: tuple[str | int, ...], owner: str) -> None:
    if not text.strip():
        ctx.report("check.text-empty", path, key=True, id=owner, field=str(path[-1]))
