"""Pydantic models of a worksheet file (YAML). Unknown keys are errors; every rule that varies
between framework versions is a field here, so a new LKE is a new file, not new code."""

from __future__ import annotations

from fractions import Fraction
from functools import cached_property
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from pmprb.model.weight import Exact

TOTAL = "total"


class Strict(BaseModel):
    # defer_build: a worksheet loaded from the cache never pays for building validators
    model_config = ConfigDict(extra="forbid", frozen=True, ignored_types=(cached_property,), defer_build=True)


class Option(Strict):
    key: str = Field(description="What the assessor types or picks, e.g. 'A' or 'Ya'.")
    value: Exact = Field(description="The option's value, 0..1.")
    label: str | None = Field(default=None, description="Short label shown beside the key.")
    criteria: str | None = Field(default=None, description="Default kriteria text of this option.")
    aliases: list[str] = Field(default_factory=list, description="Other spellings accepted on input.")


class AnswerType(Strict):
    """A reusable answer set (Ya/Tidak, A-E, counts, scales, percentages)."""

    kind: Literal["choice", "count", "scale", "percent"]
    label: str
    options: list[Option] = Field(default_factory=list)
    min: Exact | None = Field(default=None, description="scale: lowest allowed value (default 0)")
    max: Exact | None = Field(default=None, description="scale: highest value; a question scores value / max")

    @model_validator(mode="after")
    def _shape(self) -> AnswerType:
        if self.kind == "choice" and not self.options:
            raise ValueError("a choice answer type needs options")
        if self.kind != "choice" and self.options:
            raise ValueError(f"a {self.kind} answer type has no options")
        if self.kind == "scale" and (self.max is None or self.max <= (self.min or 0)):
            raise ValueError("a scale answer type needs max greater than min")
        return self


class QuestionSource(Strict):
    soal_id: int | None = Field(default=None, description="PortalRB master soal id.")
    excel_row: int | None = Field(default=None, description="Row in the official Excel answer sheet.")
    code_path: list[str] | None = Field(default=None, description="Hierarchy codes in the official form.")
    reference: str | None = Field(default=None, description="Where this question's wording comes from.")


class Question(Strict):
    id: str
    code: str | None = None
    text: str
    type: str = Field(description="Key of an answer type in answer_types.")
    weight: Exact | None = Field(
        default=None, description="Own weight; leave out when the node's weight is shared equally."
    )
    criteria: str | None = Field(default=None, description="Kriteria text of the whole question.")
    option_criteria: dict[str, str] = Field(
        default_factory=dict, description="Kriteria per option key, overriding the answer type's."
    )
    source: QuestionSource | None = None
    provisional: bool = False


class RatioItem(Strict):
    """min(cap, sum(numerator) / sum(denominator)); `zero_denominator` when the denominator is 0."""

    kind: Literal["ratio"]
    id: str
    title: str
    numerator: list[str] = Field(min_length=1)
    denominator: list[str] = Field(min_length=1)
    cap: Exact = Fraction(1)
    zero_denominator: Exact = Field(
        default=Fraction(1), description="Value when nothing was required (denominator 0)."
    )

    @property
    def inputs(self) -> list[str]:
        return [*self.numerator, *self.denominator]


class DecreaseItem(Strict):
    """clamp((previous - current) / previous, 0, 1); with previous = 0: `unchanged` if current is 0,
    else `increased`."""

    kind: Literal["decrease"]
    id: str
    title: str
    previous: str
    current: str
    unchanged: Exact = Fraction(1)
    increased: Exact = Fraction(0)

    @property
    def inputs(self) -> list[str]:
        return [self.previous, self.current]


Computed = Annotated[RatioItem | DecreaseItem, Field(discriminator="kind")]


class Node(Strict):
    id: str
    code: str | None = None
    title: str
    level: str | None = Field(default=None, description="komponen, sub_komponen, area, sub_area, ...")
    weight: Exact | None = Field(
        default=None, description="Required where questions share it; otherwise the sum of the children."
    )
    children: list[Node] = Field(default_factory=list)
    questions: list[Question] = Field(default_factory=list)
    computed: list[Computed] = Field(default_factory=list)
    provisional: bool = False
    source: str | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _shape(self) -> Node:
        if self.children and (self.questions or self.computed):
            raise ValueError(f"node {self.id} holds both child nodes and questions")
        return self

    def walk(self) -> list[Node]:
        out: list[Node] = [self]
        for child in self.children:
            out.extend(child.walk())
        return out


class CombinedNode(Strict):
    """A virtual node summing tree nodes, e.g. an area's Pemenuhan and Reform parts."""

    id: str
    title: str
    sum: list[str] = Field(min_length=1)


class Condition(Strict):
    node: str | list[str] = Field(
        description="'total', a node id, a combined id, a weighted question's id, or a list (each must hold)."
    )
    op: Literal[">", ">="] = ">="
    min: Exact | None = Field(default=None, description="Absolute threshold.")
    min_percent: Exact | None = Field(default=None, description="Threshold as % of the node's weight.")
    provisional: bool = Field(default=False, description="The threshold has no published source.")

    @model_validator(mode="after")
    def _one_threshold(self) -> Condition:
        if (self.min is None) == (self.min_percent is None):
            raise ValueError("give exactly one of min and min_percent")
        return self

    @property
    def nodes(self) -> list[str]:
        return [self.node] if isinstance(self.node, str) else list(self.node)


class PredicateRule(Strict):
    label: str
    title: str | None = None
    when: list[Condition] = Field(min_length=1)
    declarations: list[str] = Field(
        default_factory=list, description="Non-score gates an assessor declares, shown beside the predicate."
    )


class LayerColumns(Strict):
    answer: str
    note: str | None = None
    evidence: str | None = None


class ExcelLayout(Strict):
    """Where answers sit in the official workbook (fixed rows from the master)."""

    sheet: str
    first_row: int | None = None
    columns: dict[str, LayerColumns]


class Worksheet(Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9._-]*$")
    version: str
    title: str
    framework: str
    regulation: str
    year: int = Field(description="Evaluation year the worksheet is for.")
    years: list[int] = Field(default_factory=list, description="All evaluation years it served.")
    instansi: list[str] = Field(
        default_factory=list, description="Kinds of instansi: K/L, Pemda, unit kerja."
    )
    source: str
    notes: str | None = None
    provisional: bool = False
    layers: list[str] = Field(default_factory=lambda: ["unit", "tpi"])
    answer_types: dict[str, AnswerType]
    nodes: list[Node] = Field(min_length=1)
    combined: list[CombinedNode] = Field(default_factory=list)
    predicates: list[PredicateRule] = Field(default_factory=list)
    predicate_scope: str | None = Field(
        default=None, description="Free text: how the area minimum applies (combined or per cell)."
    )
    excel: ExcelLayout | None = None

    @cached_property
    def all_nodes(self) -> list[Node]:
        out: list[Node] = []
        for node in self.nodes:
            out.extend(node.walk())
        return out

    @cached_property
    def questions(self) -> dict[str, Question]:
        return {q.id: q for n in self.all_nodes for q in n.questions}

    @cached_property
    def node_by_id(self) -> dict[str, Node]:
        return {n.id: n for n in self.all_nodes}

    @cached_property
    def parent_of(self) -> dict[str, str | None]:
        out: dict[str, str | None] = {}
        for node in self.nodes:
            out[node.id] = None
        for node in self.all_nodes:
            for child in node.children:
                out[child.id] = node.id
            for q in node.questions:
                out[q.id] = node.id
        return out

    def question_by_soal_id(self, soal_id: int) -> Question | None:
        return self.soal_index.get(soal_id)

    @cached_property
    def soal_index(self) -> dict[int, Question]:
        out: dict[int, Question] = {}
        for q in self.questions.values():
            if q.source is not None and q.source.soal_id is not None:
                out[q.source.soal_id] = q
        return out
