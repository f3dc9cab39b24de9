"""Comparing assessments: two layers of one file, two years, two worksheet versions, N assessors.

Pure: ScoreResults and worksheets in, comparisons out. Points at stake come from the engine
(`scoring.engine.node_score`), never from arithmetic of their own.
"""

from pmprb.compare.matching import Matching, Pair, match_questions

__all__ = ["Matching", "Pair", "match_questions"]
