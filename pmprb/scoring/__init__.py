"""Pure scoring: answers in, node scores and predicate out. No file, network or terminal I/O."""

from pmprb.scoring.answers import AnswerSheet, RawAnswer
from pmprb.scoring.engine import score
from pmprb.scoring.result import ScoreResult

__all__ = ["AnswerSheet", "RawAnswer", "ScoreResult", "score"]
