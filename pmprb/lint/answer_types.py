"""Answer types: option values outside 0..1, the best option not listed first, option keys or
aliases that collide (input matching is case-insensitive, so 'a' and 'A' collide), types nobody
uses, questions naming a type that does not exist, kriteria for options the type lacks."""

from __future__ import annotations

from pmprb.lint.context import Context


def check(ctx: Context) -> None:
    ws = ctx.worksheet
    used = {q.type for q in ws.questions.values()}
    for name, atype in ws.answer_types.items():
        base = ("answer_types", name)
        if name not in used:
            ctx.report("check.answer-type-unused", base, key=True, severity="warning", type=name)
        seen: dict[str, str] = {}
        in_range = all(0 <= o.value <= 1 for o in atype.options)
        for i, option in enumerate(atype.options):
            path = (*base, "options", i)
            if not 0 <= option.value <= 1:
                ctx.report(
                    "check.option-range", (*path, "value"), type=name, key_name=option.key, value=option.value
                )
            for j, spelling in enumerate([option.key, *option.aliases]):
                folded = spelling.strip().casefold()
                if folded in seen:
                    where = (*path, "key") if j == 0 else (*path, "aliases", j - 1)
                    ctx.report(
                        "check.option-duplicate", where, type=name, key_name=spelling, first=seen[folded]
                    )
                else:
                    seen[folded] = option.key
        if atype.options and in_range:  # an out-of-range value is reported once, above
            best = max(o.value for o in atype.options)
            first = atype.options[0]
            if first.value != best:
                top = next(o for o in atype.options if o.value == best)
                ctx.report(
                    "check.option-order",
                    (*base, "options", 0),
                    severity="warning",
                    type=name,
                    key_name=first.key,
                    best=top.key,
                    value=best,
                )
            else:  # the best first, but one further down worth more than the one above it
                for i, (above, option) in enumerate(zip(atype.options, atype.options[1:], strict=False)):
                    if option.value > above.value:
                        ctx.report(
                            "check.option-order-later",
                            (*base, "options", i + 1),
                            severity="warning",
                            type=name,
                            key_name=option.key,
                            value=option.value,
                            above=above.key,
                            above_value=above.value,
                        )
                        break
    for q, _node, qpath in ctx.questions():
        qtype = ws.answer_types.get(q.type)
        if qtype is None:
            ctx.report(
                "check.answer-type-unknown",
                (*qpath, "type"),
                question=q.id,
                type=q.type,
                allowed=sorted(ws.answer_types),
            )
            continue
        keys = [o.key for o in qtype.options]
        for key in q.option_criteria:
            if key not in keys:
                ctx.report(
                    "check.criteria-unknown-option",
                    (*qpath, "option_criteria", key),
                    key=True,
                    question=q.id,
                    key_name=key,
                    type=q.type,
                    allowed=keys or ["-"],
                )
