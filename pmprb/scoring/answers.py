"""Answers as read from a file, before validation: the reader records where each came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

from pmprb.errors import Location, Problem

RawValue = str | int | float | bool | None


class RawAnswer(NamedTuple):
    """A tuple: one is built for every answer of every file read."""

    value: RawValue
    location: Location = Location()
    note: str | None = None
    evidence: str | None = None


@dataclass(slots=True)
class AnswerSheet:
    """One layer of one file: question id -> raw answer, plus problems met while reading."""

    file: str
    layer: str
    answers: dict[str, RawAnswer] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    worksheet_id: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    # the only rows that can be copies of one another, when the reader knows (None: any row)
    alike_rows: frozenset[int] | None = None
    # sheet -> (question, 0-based row, column) of every answer cell, when the reader knows them
    # (None: found from each answer's location)
    answer_places: dict[str, list[tuple[str, int, int]]] | None = None
