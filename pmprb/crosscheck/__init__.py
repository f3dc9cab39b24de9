"""Cross-check: compare the figures an official form computed itself with the engine, and explain why
they differ (pmprb.crosscheck.check)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pmprb.errors import Problem
    from pmprb.model import Worksheet
    from pmprb.scoring.result import ScoreResult


def crosscheck(worksheet: Worksheet, result: ScoreResult, *, strict: bool = False) -> list[Problem]:
    from pmprb.crosscheck.check import crosscheck as run

    return run(worksheet, result, strict=strict)
