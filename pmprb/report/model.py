"""The report's view-model: everything a template shows, computed once, in display order. Figures stay
exact (Fraction) here; the templates format them for the report's language."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from pmprb.report.charts import BarChart, Radar
from pmprb.report.improve import Opportunity, Plan


@dataclass(slots=True)
class ConditionRow:
    title: str
    op: str
    required: Fraction
    achieved: Fraction
    holds: bool
    gap: Fraction
    min_percent: Fraction | None = None  # the rule is a share of this weight
    weight: Fraction | None = None
    provisional: bool = False


@dataclass(slots=True)
class RuleView:
    label: str
    title: str | None
    holds: bool
    reached: bool  # the predicate given (the first rule that holds)
    conditions: list[ConditionRow]
    declarations: list[str]


@dataclass(slots=True)
class NodeRow:
    id: str
    code: str | None
    title: str
    depth: int
    weight: Fraction
    score: Fraction
    percent: Fraction
    leaf: bool


@dataclass(slots=True)
class AreaRow:
    id: str
    number: int
    title: str
    weight: Fraction
    score: Fraction
    percent: Fraction


@dataclass(slots=True)
class QuestionRow:
    id: str
    code: str | None
    text: str
    type_label: str
    status: str  # answered, missing, invalid, computed
    answer: str | None
    value: Fraction | None  # 0..1, or the count for counts
    is_count: bool
    note: str | None
    evidence: str | None
    link: str | None  # the evidence as a clickable http(s) URL, else None
    location: str | None


@dataclass(slots=True)
class GradeRow:
    """A sub-component graded by a ladder: its grade, how it came about, what it lacks, the next rung."""

    node: str  # its label (code and title)
    weight: Fraction
    score: Fraction
    grade: str | None
    derived: str | None  # the grade the criteria give (differs when one was given directly)
    given: bool  # the grade was given directly
    share: Fraction  # of criteria met, 0..1
    criteria: int
    not_met: list[tuple[str, str]]  # (id, text) of criteria not (fully) met
    next_grade: str | None
    next_condition: str | None


@dataclass(slots=True)
class QuestionGroup:
    node: NodeRow
    path: str  # titles of the ancestors, for orientation
    rows: list[QuestionRow]


@dataclass(slots=True)
class MissingEvidence:
    node: NodeRow
    questions: list[str]  # question codes/ids


@dataclass(slots=True)
class ProblemRow:
    severity: str
    where: str
    message: str


@dataclass(slots=True)
class UnitReport:
    anchor: str
    instansi: str | None
    unit: str
    file: str
    unit_named: bool  # the unit's name came from the file or --unit (else `unit` is the file's stem)
    worksheet_id: str
    worksheet_title: str
    worksheet_version: str
    regulation: str
    year: int
    layer: str
    total: Fraction
    total_weight: Fraction
    predicate: str | None
    predicate_title: str | None
    rules: list[RuleView]
    areas: list[AreaRow]
    bars: BarChart | None
    radar: Radar | None
    tree: list[NodeRow]
    groups: list[QuestionGroup]
    unanswered: list[QuestionRow]
    unanswered_nodes: dict[str, str]  # question id -> node label
    without_evidence: list[MissingEvidence]
    without_evidence_count: int
    answered_count: int
    question_count: int
    opportunities: list[Opportunity]
    opportunity_count: int
    plan: Plan | None
    problems: list[ProblemRow]
    node_titles: dict[str, str]
    error_count: int
    warning_count: int
    # where the form's own figures (its cached formulas) disagree with the rules: on the summary page
    crosscheck: list[ProblemRow]
    # Extension point for `pmprb report --compare OTHER` (issue 5): any object the template
    # templates/report/comparison.html understands; the section is left out while this is None.
    comparison: Any = None
    layer_label: str | None = None  # the worksheet's name for the layer
    grades: list[GradeRow] = field(default_factory=list)  # sub-components graded by a ladder (SAKIP)
    # what the charted nodes are called: "" change areas (ZI, RB), ".sub" sub-components (SAKIP)
    area_terms: str = ""


@dataclass(slots=True)
class RollupRow:
    rank: int
    anchor: str
    unit: str
    file: str
    total: Fraction
    predicate: str | None
    unanswered: int
    errors: int  # invalid answers and other errors
    warnings: int
    unit_named: bool


@dataclass(slots=True)
class AreaAverage:
    title: str
    weight: Fraction
    score: Fraction  # mean over the units
    percent: Fraction


@dataclass(slots=True)
class WorksheetAverages:
    worksheet_title: str
    units: int
    total: Fraction
    areas: list[AreaAverage]
    bars: BarChart | None


@dataclass(slots=True)
class Rollup:
    rows: list[RollupRow]
    distribution: list[tuple[str | None, int]]  # predicate (None: none reached) -> units
    averages: list[WorksheetAverages]


@dataclass(slots=True)
class ReportDoc:
    title: str
    lang: str
    date: str
    instansi: str | None
    layer: str
    units: list[UnitReport]
    rollup: Rollup | None = None
    generator: str = "pmprb"
    extra: dict[str, Any] = field(default_factory=dict)
