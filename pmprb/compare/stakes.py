"""Points at stake: what one question's answer adds to or takes from the total.

Asked of the engine, not recomputed: the question's node is scored again with the other answer put
in (`node_score`), and the node's difference is the total's difference (every node above it is a
sum). So equal shares, own weights and counts feeding ratios or decreases all follow the engine.
"""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

from pmprb.model import Worksheet
from pmprb.scoring.engine import node_score
from pmprb.scoring.result import QuestionResult, ScoreResult


def unanswered(question: QuestionResult) -> QuestionResult:
    return replace(
        question, status="missing", answer=None, value=None, note=None, evidence=None, location=None
    )


def with_answer(target: QuestionResult, answer: QuestionResult | None) -> QuestionResult | None:
    """`target` holding `answer`'s answer (from another layer, file or worksheet version); None when
    a count would stand in for a scored answer or the other way round."""
    if answer is None or answer.status != "answered":
        return unanswered(target)
    if answer.scored != target.scored:
        return None
    return replace(target, status="answered", answer=answer.answer, value=answer.value)


def node_with(
    worksheet: Worksheet, result: ScoreResult, qid: str, answer: QuestionResult | None
) -> Fraction | None:
    """The score of `qid`'s node in `result` had `qid` been answered with `answer` instead."""
    current = result.questions[qid]
    swapped = with_answer(current, answer)
    if swapped is None:
        return None
    questions = dict(result.questions)
    questions[qid] = swapped
    return node_score(worksheet, current.node, questions)


def points_of(
    worksheet: Worksheet, result: ScoreResult, qid: str, before: QuestionResult | None
) -> Fraction | None:
    """Points `result`'s answer to `qid` earns over `before` (an answer of the same question elsewhere):
    positive when `result`'s answer scores higher. None when the two cannot stand in for each other."""
    other = node_with(worksheet, result, qid, before)
    if other is None:
        return None
    return node_score(worksheet, result.questions[qid].node, result.questions) - other
