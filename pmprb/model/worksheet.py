"""The worksheet file (YAML) as frozen dataclasses. Unknown keys are errors; every rule that varies
between framework versions is a field here, so a new LKE is a new file, not new code.

At runtime these are plain stdlib dataclasses: scoring a workbook with a cached worksheet never
imports pydantic. `pmprb.model.validation` validates YAML data into them with a pydantic
`TypeAdapter`; the annotations' `Field` and `Exact` (`pmprb.model.annotations`) tell it what pydantic
applies."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property
from typing import Annotated, Any, ClassVar, Literal

from pmprb.model.annotations import Exact, Field

TOTAL = "total"


class Strict:
    """Base of every worksheet class: pydantic rejects unknown keys (read by validation only)."""

    __pydantic_config__: ClassVar[dict[str, Any]] = {"extra": "forbid"}


@dataclass(frozen=True, kw_only=True)
class Option(Strict):
    key: Annotated[str, Field(description="What the assessor types or picks, e.g. 'A' or 'Ya'.")]
    value: Annotated[Exact, Field(description="The option's value, 0..1.")]
    label: Annotated[str | None, Field(description="Short label shown beside the key.")] = None
    criteria: Annotated[str | None, Field(description="Default kriteria text of this option.")] = None
    aliases: Annotated[list[str], Field(description="Other spellings accepted on input.")] = field(
        default_factory=list
    )


@dataclass(frozen=True, kw_only=True)
class AnswerType(Strict):
    """A reusable answer set (Ya/Tidak, A-E, counts, scales, percentages)."""

    kind: Literal["choice", "count", "scale", "percent"]
    label: str
    options: list[Option] = field(default_factory=list)
    min: Annotated[Exact | None, Field(description="scale: lowest allowed value (default 0)")] = None
    max: Annotated[
        Exact | None,
        Field(description="scale: highest value; a question scores value / max"),
    ] = None

    def __post_init__(self) -> None:
        if self.kind == "choice" and not self.options:
            raise ValueError("a choice answer type needs options")
        if self.kind != "choice" and self.options:
            raise ValueError(f"a {self.kind} answer type has no options")
        if self.kind == "scale" and (self.max is None or self.max <= (self.min or 0)):
            raise ValueError("a scale answer type needs max greater than min")


@dataclass(frozen=True, kw_only=True)
class QuestionSource(Strict):
    soal_id: Annotated[int | None, Field(description="PortalRB master soal id.")] = None
    excel_row: Annotated[int | None, Field(description="Row in the official Excel answer sheet.")] = None
    code_path: Annotated[list[str] | None, Field(description="Hierarchy codes in the official form.")] = None
    reference: Annotated[str | None, Field(description="Where this question's wording comes from.")] = None


@dataclass(frozen=True, kw_only=True)
class Question(Strict):
    id: str
    code: str | None = None
    text: str
    type: Annotated[str, Field(description="Key of an answer type in answer_types.")]
    weight: Annotated[
        Exact | None, Field(description="Own weight; leave out when the node's weight is shared equally.")
    ] = None
    criteria: Annotated[str | None, Field(description="Kriteria text of the whole question.")] = None
    option_criteria: Annotated[
        dict[str, str], Field(description="Kriteria per option key, overriding the answer type's.")
    ] = field(default_factory=dict)
    source: QuestionSource | None = None
    provisional: bool = False
    optional: Annotated[
        bool,
        Field(description="Left blank it is not missing (a grade given directly, a criterion's flags)."),
    ] = False


@dataclass(frozen=True, kw_only=True)
class RatioItem(Strict):
    """min(cap, sum(numerator) / sum(denominator)); `zero_denominator` when the denominator is 0."""

    kind: Literal["ratio"]
    id: str
    title: str
    numerator: Annotated[list[str], Field(min_length=1)]
    denominator: Annotated[list[str], Field(min_length=1)]
    cap: Exact = Fraction(1)
    zero_denominator: Annotated[
        Exact, Field(description="Value when nothing was required (denominator 0).")
    ] = Fraction(1)

    @property
    def inputs(self) -> list[str]:
        return [*self.numerator, *self.denominator]


@dataclass(frozen=True, kw_only=True)
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


@dataclass(frozen=True, kw_only=True)
class MeanItem(Strict):
    """The mean of its questions' values (missing answers count 0): a criterion split into required
    documents is met by the share of documents present."""

    kind: Literal["mean"]
    id: str
    title: str
    of: Annotated[list[str], Field(min_length=1, description="Scored question ids.")]

    @property
    def inputs(self) -> list[str]:
        return list(self.of)


@dataclass(frozen=True, kw_only=True)
class GradeItem(Strict):
    """A grade derived from its criteria by a ladder of the worksheet (`ladders`); its value is the
    grade's value / the ladder's scale, so a node holding only it scores grade / scale x weight.
    `override` names a question where the assessor may give the grade directly: it is then used, and
    reported where it differs from the derived grade."""

    kind: Literal["grade"]
    id: str
    title: str
    ladder: Annotated[str, Field(description="Key of a ladder in the worksheet's `ladders`.")]
    criteria: Annotated[
        list[str],
        Field(min_length=1, description="Question or mean-item ids; the share met is their mean value."),
    ]
    override: Annotated[
        str | None, Field(description="Question id of a grade given directly (its options are grades).")
    ] = None

    @property
    def inputs(self) -> list[str]:
        """Its criteria and the direct grade; the flag questions also feed it (`inputs_with`)."""
        return [*self.criteria, self.override] if self.override else list(self.criteria)

    def flag_questions(self, ladder: GradeLadder) -> list[str]:
        return [c + flag.suffix for flag in ladder.flags for c in self.criteria]

    def inputs_with(self, ladder: GradeLadder | None) -> list[str]:
        out = [*self.criteria, *(self.flag_questions(ladder) if ladder is not None else [])]
        return [*out, self.override] if self.override else out


Computed = RatioItem | DecreaseItem | MeanItem | GradeItem


@dataclass(frozen=True, kw_only=True)
class Node(Strict):
    id: str
    code: str | None = None
    title: str
    level: Annotated[str | None, Field(description="komponen, sub_komponen, area, sub_area, ...")] = None
    weight: Annotated[
        Exact | None,
        Field(description="Required where questions share it; otherwise the sum of the children."),
    ] = None
    children: list[Node] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    # the item's `kind` picks the class, so an error names only that class's fields
    computed: list[Annotated[Computed, Field(discriminator="kind")]] = field(default_factory=list)
    provisional: bool = False
    source: str | None = None
    note: str | None = None

    def __post_init__(self) -> None:
        if self.children and (self.questions or self.computed):
            raise ValueError(f"node {self.id} holds both child nodes and questions")

    def walk(self) -> list[Node]:
        out: list[Node] = [self]
        for child in self.children:
            out.extend(child.walk())
        return out


@dataclass(frozen=True, kw_only=True)
class GradeFlag(Strict):
    """A yes/no fact asked of every criterion; its question id is the criterion's id + `suffix`."""

    key: str
    suffix: Annotated[str, Field(min_length=1, description="e.g. '.mandat': criterion 1.a.1 -> 1.a.1.mandat")]
    label: str


@dataclass(frozen=True, kw_only=True)
class GradeStep(Strict):
    """One rung: the grade holds when the share met passes `share` (by `op`) and every criterion has
    each flag of `flags` answered yes. Steps are tried in order; the first that holds is the grade."""

    grade: str
    value: Annotated[Exact, Field(description="The grade's value on the ladder's scale, e.g. 80.")]
    share: Annotated[Exact, Field(description="Threshold of the share of criteria met, 0..1.")] = Fraction(0)
    op: Literal[">", ">="] = ">="
    flags: Annotated[list[str], Field(description="Flag keys every criterion must hold.")] = field(
        default_factory=list
    )
    condition: Annotated[str | None, Field(description="The condition as the source words it.")] = None


@dataclass(frozen=True, kw_only=True)
class GradeLadder(Strict):
    title: str
    scale: Annotated[Exact, Field(description="A grade's value / scale is the grade item's value.")] = (
        Fraction(100)
    )
    flags: list[GradeFlag] = field(default_factory=list)
    steps: Annotated[list[GradeStep], Field(min_length=1)]
    source: str | None = None
    note: str | None = None


@dataclass(frozen=True, kw_only=True)
class CombinedNode(Strict):
    """A virtual node summing tree nodes, e.g. an area's Pemenuhan and Reform parts."""

    id: str
    title: str
    sum: Annotated[list[str], Field(min_length=1)]


@dataclass(frozen=True, kw_only=True)
class Condition(Strict):
    node: Annotated[
        str | list[str],
        Field(
            description="'total', a node id, a combined id, a weighted question's id, "
            "or a list (each must hold)."
        ),
    ]
    op: Literal[">", ">="] = ">="
    min: Annotated[Exact | None, Field(description="Absolute threshold.")] = None
    min_percent: Annotated[Exact | None, Field(description="Threshold as % of the node's weight.")] = None
    provisional: Annotated[bool, Field(description="The threshold has no published source.")] = False

    def __post_init__(self) -> None:
        if (self.min is None) == (self.min_percent is None):
            raise ValueError("give exactly one of min and min_percent")

    @property
    def nodes(self) -> list[str]:
        return [self.node] if isinstance(self.node, str) else list(self.node)


@dataclass(frozen=True, kw_only=True)
class PredicateRule(Strict):
    label: str
    title: str | None = None
    when: Annotated[list[Condition], Field(min_length=1)]
    declarations: Annotated[
        list[str],
        Field(description="Non-score gates an assessor declares, shown beside the predicate."),
    ] = field(default_factory=list)


@dataclass(frozen=True, kw_only=True)
class LayerColumns(Strict):
    answer: str
    note: str | None = None
    evidence: str | None = None


@dataclass(frozen=True, kw_only=True)
class ExcelLayout(Strict):
    """Where answers sit in the official workbook (fixed rows from the master)."""

    sheet: str
    first_row: int | None = None
    columns: dict[str, LayerColumns]


def _default_layers() -> list[str]:
    return ["unit", "tpi"]


@dataclass(frozen=True, kw_only=True)
class Worksheet(Strict):
    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9._-]*$")]
    version: str
    title: str
    framework: str
    regulation: str
    year: Annotated[int, Field(description="Evaluation year the worksheet is for.")]
    years: Annotated[list[int], Field(description="All evaluation years it served.")] = field(
        default_factory=list
    )
    instansi: Annotated[list[str], Field(description="Kinds of instansi: K/L, Pemda, unit kerja.")] = field(
        default_factory=list
    )
    source: str
    notes: str | None = None
    provisional: bool = False
    layers: list[str] = field(default_factory=_default_layers)
    layer_labels: Annotated[
        dict[str, str],
        Field(description="Layer id -> the name assessors know it by, e.g. 'Penilaian mandiri'."),
    ] = field(default_factory=dict)
    ladders: Annotated[dict[str, GradeLadder], Field(description="Grade ladders that grade items name.")] = (
        field(default_factory=dict)
    )
    answer_types: dict[str, AnswerType]
    nodes: Annotated[list[Node], Field(min_length=1)]
    combined: list[CombinedNode] = field(default_factory=list)
    predicates: list[PredicateRule] = field(default_factory=list)
    predicate_scope: Annotated[
        str | None, Field(description="Free text: how the area minimum applies (combined or per cell).")
    ] = None
    excel: ExcelLayout | None = None
    extends: Annotated[
        str | None, Field(description="The worksheet this one changes (resolved on loading).")
    ] = None

    def layer_label(self, layer: str) -> str:
        return self.layer_labels.get(layer, layer)

    def item_inputs(self, item: Computed) -> list[str]:
        """What a computed item reads: questions (and, for grades, mean items of its node)."""
        if isinstance(item, GradeItem):
            return item.inputs_with(self.ladders.get(item.ladder))
        return item.inputs

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
