"""What every rule sees: the validated worksheet, the YAML marks, and walkers that pair each model
object with its data path, so a finding can point at the line that declares it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from pmprb.errors import Location, Problem, Severity
from pmprb.i18n import Figure
from pmprb.lint.yamlmarks import Marks, Path
from pmprb.model import Node, Question, Worksheet
from pmprb.model.worksheet import Computed, Condition, PredicateRule


@dataclass(slots=True)
class Context:
    file: str
    worksheet: Worksheet
    marks: Marks
    problems: list[Problem] = field(default_factory=list)

    def report(
        self,
        code: str,
        path: Path,
        *,
        key: bool = False,
        severity: Severity = "error",
        question: str | None = None,
        **params: Any,
    ) -> None:
        self.problems.append(
            finding(
                self.file, self.marks, code, path, key=key, severity=severity, question=question, **params
            )
        )

    def line_of(self, path: Path) -> int | None:
        mark = self.marks.find(path)
        return mark.line if mark else None

    # walkers: (object, data path) in file order
    def nodes(self) -> Iterator[tuple[Node, Path]]:
        def walk(node: Node, path: Path) -> Iterator[tuple[Node, Path]]:
            yield node, path
            for i, child in enumerate(node.children):
                yield from walk(child, (*path, "children", i))

        for i, node in enumerate(self.worksheet.nodes):
            yield from walk(node, ("nodes", i))

    def questions(self) -> Iterator[tuple[Question, Node, Path]]:
        for node, path in self.nodes():
            for i, q in enumerate(node.questions):
                yield q, node, (*path, "questions", i)

    def computed(self) -> Iterator[tuple[Computed, Node, Path]]:
        for node, path in self.nodes():
            for i, item in enumerate(node.computed):
                yield item, node, (*path, "computed", i)

    def conditions(self) -> Iterator[tuple[Condition, PredicateRule, Path]]:
        for i, rule in enumerate(self.worksheet.predicates):
            for j, cond in enumerate(rule.when):
                yield cond, rule, ("predicates", i, "when", j)


def finding(
    file: str,
    marks: Marks,
    code: str,
    path: Path,
    *,
    key: bool = False,
    severity: Severity = "error",
    question: str | None = None,
    **params: Any,
) -> Problem:
    mark = marks.find(path, key=key)
    # a finding without a mark (an empty file) still points somewhere an editor can open
    location = Location(file, line=mark.line if mark else 1, column=mark.column if mark else 1)
    return Problem(code, location, severity, question, {k: shown(v) for k, v in params.items()})


def shown(value: Any) -> Any:
    """Numbers as a maintainer writes them: 4.1, 1/3; lists joined."""
    if isinstance(value, Fraction):
        return number(value)
    if isinstance(value, list | tuple):
        return ", ".join(str(shown(v)) for v in value)
    return value


def number(value: Fraction) -> str:
    """4.1 as a Figure (a message shows 4,1 in Indonesian), a third as 1/3, as YAML can hold it."""
    if value.denominator == 1:
        return str(value.numerator)
    if Fraction(repr(float(value))) == value:
        return Figure(repr(float(value)))
    return f"{value.numerator}/{value.denominator}"
