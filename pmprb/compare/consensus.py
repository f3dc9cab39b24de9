"""Consensus of N assessors of one unit (PMPRB asks assessors to agree before the score is fixed):
per question every assessor's answer and note, whether they agree, the majority answer and how many
points the disagreement is worth. Disputes come first.

The majority is the answer most assessors gave among those who answered; a tie at the top has no
majority. Blank and invalid answers are not votes, but they keep a question from being agreed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Literal

from pmprb.compare.comparison import areas_of
from pmprb.compare.stakes import node_with
from pmprb.model import Worksheet
from pmprb.scoring.result import QuestionResult, ScoreResult

Status = Literal["agreed", "majority", "tie", "unanswered"]


@dataclass(slots=True)
class Vote:
    assessor: str
    result: QuestionResult

    @property
    def answer(self) -> str | None:
        return self.result.answer if self.result.status == "answered" else None


@dataclass(slots=True)
class QuestionConsensus:
    id: str
    code: str | None
    text: str
    node: str
    area: str
    area_title: str
    votes: list[Vote]
    majority: str | None  # the canonical answer most assessors gave; None on a tie or when nobody answered
    majority_count: int
    # points between the lowest- and highest-scoring answer given (blank scores 0), each put in beside the
    # first assessor's other answers (that matters only for counts feeding one ratio)
    spread: Fraction

    @property
    def answered(self) -> int:
        return sum(1 for v in self.votes if v.answer is not None)

    @property
    def status(self) -> Status:
        answers = {v.answer for v in self.votes}
        if answers == {None}:
            return "unanswered"
        if len(answers) == 1:
            return "agreed"
        return "majority" if self.majority is not None else "tie"

    @property
    def dispute(self) -> bool:
        return self.status in ("majority", "tie")

    def supporters(self) -> list[Vote]:
        return [v for v in self.votes if self.majority is not None and v.answer == self.majority]


@dataclass(slots=True)
class Consensus:
    worksheet: Worksheet
    layer: str
    assessors: list[str]
    questions: list[QuestionConsensus]  # disputes first (most points apart first), then worksheet order
    files: list[str] = field(default_factory=list)

    @property
    def disputes(self) -> list[QuestionConsensus]:
        return [q for q in self.questions if q.dispute]

    @property
    def answered(self) -> int:
        return sum(1 for q in self.questions if q.status != "unanswered")

    @property
    def agreed(self) -> int:
        return sum(1 for q in self.questions if q.status == "agreed")

    @property
    def share(self) -> Fraction | None:
        return Fraction(self.agreed, self.answered) if self.answered else None

    def majority_answers(self) -> dict[str, str]:
        return {q.id: q.majority for q in self.questions if q.majority is not None}

    def with_majority(self) -> dict[str, int]:
        """Per assessor: on how many questions with a majority they gave it."""
        out = dict.fromkeys(self.assessors, 0)
        for q in self.questions:
            for vote in q.supporters():
                out[vote.assessor] += 1
        return out


def consensus(results: list[ScoreResult], assessors: list[str], worksheet: Worksheet) -> Consensus:
    """`results`: one layer of each assessor's file, all scored with `worksheet`."""
    if len(results) != len(assessors):
        raise ValueError("one name per result")
    areas = areas_of(worksheet)
    titles = {n.id: n.title for n in worksheet.all_nodes} | {c.id: c.title for c in worksheet.combined}
    base = results[0]
    out: list[QuestionConsensus] = []
    for qid, question in worksheet.questions.items():
        votes = [Vote(name, r.questions[qid]) for name, r in zip(assessors, results, strict=True)]
        counts = Counter(v.answer for v in votes if v.answer is not None)
        ranked = counts.most_common()
        majority, top = (None, 0)
        if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            majority, top = ranked[0]
        elif ranked:
            top = ranked[0][1]
        scores = [s for v in votes if (s := node_with(worksheet, base, qid, v.result)) is not None]
        spread = max(scores) - min(scores) if scores else Fraction(0)
        node = base.questions[qid].node
        out.append(
            QuestionConsensus(
                qid,
                question.code,
                question.text,
                node,
                areas[node],
                titles[areas[node]],
                votes,
                majority,
                top,
                spread,
            )
        )
    order = {qid: i for i, qid in enumerate(worksheet.questions)}
    out.sort(key=lambda q: (not q.dispute, -q.spread if q.dispute else 0, order[q.id]))
    layer = base.layer
    return Consensus(worksheet, layer, list(assessors), out, [r.file for r in results])
