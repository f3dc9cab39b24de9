"""Users' problems as data: a code, a location and parameters, rendered in the user's language later.

`Problem` is what readers and the scorer collect (never raise one at a time); `UserError` is the one
exception type for a user's mistake that stops a command. Anything else escaping is a bug (exit 3).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any, Literal, NamedTuple

from pmprb.i18n import t


class ExitCode(IntEnum):
    OK = 0
    INVALID = 1  # invalid answers or findings
    USAGE = 2  # bad invocation, unreadable input
    BUG = 3


class Location(NamedTuple):
    """Where in a file: a tuple, built for every answer read (a frozen dataclass costs ten times more)."""

    file: str | None = None
    sheet: str | None = None
    cell: str | None = None
    json_path: str | None = None
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        parts = [self.file or "-"]
        if self.sheet is not None:
            parts.append(f"{self.sheet}!{self.cell}" if self.cell else self.sheet)
        elif self.cell:
            parts.append(self.cell)
        if self.json_path:
            parts.append(self.json_path)
        if self.line is not None:
            parts.append(f"{self.line}:{self.column or 1}")
        return ":".join(parts)

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in zip(self._fields, self, strict=True) if v is not None}


Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True, slots=True)
class Problem:
    code: str
    location: Location = field(default_factory=Location)
    severity: Severity = "error"
    question: str | None = None
    params: dict[str, Any] = field(default_factory=dict)

    def message(self, lang: str = "id") -> str:
        return t(self.code, lang, question=self.question or "", **self.params)

    def to_dict(self, lang: str = "id") -> dict[str, Any]:
        out: dict[str, Any] = {
            "code": self.code,
            "severity": self.severity,
            "location": self.location.to_dict(),
            "message": self.message(lang),
        }
        if self.question is not None:
            out["question"] = self.question
        for key in ("value", "allowed"):
            if key in self.params:
                out[key] = self.params[key]
        return out


class UserError(Exception):
    """A user's mistake that stops the command: carries problems, not prose."""

    def __init__(self, *problems: Problem, exit_code: ExitCode = ExitCode.USAGE) -> None:
        super().__init__(problems[0].code if problems else "user-error")
        self.problems = list(problems)
        self.exit_code = exit_code
