"""Answer sets for tests: extremes and random ones, for any worksheet."""

from __future__ import annotations

import random
from typing import Any

from pmprb.model import DecreaseItem, RatioItem, Worksheet
from pmprb.scoring import AnswerSheet, RawAnswer


def extreme_answers(worksheet: Worksheet, best: bool) -> dict[str, Any]:
    """Every question answered with its best (or worst) option; counts make computed items 1 (or 0)."""
    out: dict[str, Any] = {}
    for qid, q in worksheet.questions.items():
        atype = worksheet.answer_types[q.type]
        if atype.kind == "choice":
            out[qid] = atype.options[0 if best else -1].key
        elif atype.kind == "scale":
            out[qid] = float(atype.max if best else (atype.min or 0))  # type: ignore[arg-type]
        elif atype.kind == "percent":
            out[qid] = 100 if best else 0
        else:
            out[qid] = 0
    for node in worksheet.all_nodes:
        for item in node.computed:
            if isinstance(item, RatioItem):
                for i in item.denominator:
                    out[i] = 5
                for i in item.numerator:
                    out[i] = 0
                out[item.numerator[0]] = 5 * len(item.denominator) if best else 0
            elif isinstance(item, DecreaseItem):
                out[item.previous] = 4
                out[item.current] = 0 if best else 4
    return out


def random_answers(worksheet: Worksheet, rng: random.Random, blank_rate: float = 0.1) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for qid, q in worksheet.questions.items():
        if rng.random() < blank_rate:
            continue
        atype = worksheet.answer_types[q.type]
        if atype.kind == "choice":
            out[qid] = rng.choice(atype.options).key
        elif atype.kind == "scale":
            low, high = float(atype.min or 0), float(atype.max or 1)
            out[qid] = round(rng.uniform(low, high), 2)
        elif atype.kind == "percent":
            out[qid] = rng.randint(0, 100)
        else:
            out[qid] = rng.choice([0, 0, 1, 2, 3, 5, 8, 13])
    return out


def sheet(answers: dict[str, Any], layer: str = "unit") -> AnswerSheet:
    return AnswerSheet("test", layer, {k: RawAnswer(v) for k, v in answers.items()})
