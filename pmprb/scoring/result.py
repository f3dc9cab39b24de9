"""What scoring produces: exact figures inside, 2-decimal half-up figures outside."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Literal

from pmprb.errors import Location, Problem
from pmprb.model.weight import display, display_gap

Status = Literal["answered", "missing", "invalid"]


@dataclass(slots=True)
class QuestionResult:
    id: str
    node: str
    kind: str  # the answer type's kind
    status: Status
    answer: str | None = None  # canonical: option key or number
    value: Fraction | None = None  # 0..1, or the count for counts
    note: str | None = None
    evidence: str | None = None
    location: Location | None = None
    optional: bool = False  # blank is not missing (the worksheet says so)

    @property
    def scored(self) -> bool:
        return self.kind != "count"


@dataclass(slots=True)
class ComputedResult:
    id: str
    node: str
    title: str
    value: Fraction
    complete: bool  # every input was answered
    grade: str | None = None  # grade items: the grade used (given directly, else derived)
    derived: str | None = None  # grade items: the grade the ladder derives from the criteria
    share: Fraction | None = None  # grade items: the share of criteria met


@dataclass(slots=True)
class NodeResult:
    id: str
    title: str
    parent: str | None
    weight: Fraction
    score: Fraction
    depth: int
    code: str | None = None
    level: str | None = None
    combined: bool = False

    @property
    def percent(self) -> Fraction:
        return self.score / self.weight * 100 if self.weight else Fraction(0)


@dataclass(slots=True)
class ConditionResult:
    node: str
    title: str
    op: str
    required: Fraction
    achieved: Fraction  # rounded half-up to 2 decimals: the figure the user sees
    holds: bool

    @property
    def gap(self) -> Fraction:
        return max(Fraction(0), self.required - self.achieved)


@dataclass(slots=True)
class RuleResult:
    label: str
    title: str | None
    holds: bool
    conditions: list[ConditionResult]
    declarations: list[str] = field(default_factory=list)


@dataclass(slots=True)
class ScoreResult:
    worksheet: str
    worksheet_version: str
    file: str
    layer: str
    total: Fraction
    predicate: str | None
    rules: list[RuleResult]
    nodes: list[NodeResult]
    questions: dict[str, QuestionResult]
    computed: list[ComputedResult]
    problems: list[Problem]
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def missing(self) -> list[str]:
        return [q.id for q in self.questions.values() if q.status == "missing" and not q.optional]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def node(self, node_id: str) -> NodeResult:
        for n in self.nodes:
            if n.id == node_id:
                return n
        raise KeyError(node_id)

    def _grades(self) -> list[dict[str, Any]]:
        return [
            {
                "node": c.node,
                "grade": c.grade,
                "derived": c.derived,
                "share_met": display((c.share or Fraction(0)) * 100),
            }
            for c in self.computed
            if c.share is not None
        ]

    def to_dict(self, lang: str = "id") -> dict[str, Any]:
        """The `--format json` object."""
        return {
            "worksheet": self.worksheet,
            "worksheet_version": self.worksheet_version,
            "file": self.file,
            "layer": self.layer,
            "total": display(self.total),
            "predicate": self.predicate,
            "nodes": [
                {
                    "id": n.id,
                    "title": n.title,
                    "parent": n.parent,
                    "weight": display(n.weight, 4),
                    "score": display(n.score),
                    **({"combined": True} if n.combined else {}),
                }
                for n in self.nodes
            ],
            "rules": [
                {
                    "label": r.label,
                    "holds": r.holds,
                    "conditions": [
                        {
                            "node": c.node,
                            "op": c.op,
                            "required": display(c.required),
                            "achieved": display(c.achieved),
                            "holds": c.holds,
                            "gap": display_gap(c.required, c.achieved),
                        }
                        for c in r.conditions
                    ],
                    "declarations": r.declarations,
                }
                for r in self.rules
            ],
            **({"grades": self._grades()} if any(c.grade or c.derived for c in self.computed) else {}),
            "missing": self.missing,
            "errors": [p.to_dict(lang) for p in self.errors],
            "warnings": [p.to_dict(lang) for p in self.warnings],
        }
