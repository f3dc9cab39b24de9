"""What a format says about a file (`Detection`) and what it reads from it (`ReadResult`).

A format is a small object with `name`, `detect(source, requested) -> Detection | None` and
`read(source, detection, layers) -> ReadResult`. Everything `read` needs from detection travels in
`Detection.state`, typed by the format; nothing is attached to the source. What only the readers
and the cross-check need (hints about cells, the form's own cached figures) stays in the
`ReadResult`: scoring receives answer sheets and nothing else."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from pmprb.model import Worksheet
from pmprb.readers.source import Source
from pmprb.scoring.answers import AnswerSheet

# a file whose worksheet's questions are found below this share is refused, not scored
# (a unit's variant with a few rows deleted stays above it; another instrument stays far below)
REFUSE_BELOW = 0.9
# --worksheet fitting this much worse than another shipped worksheet gets a warning naming it
CLEARLY_WORSE = 0.03


@dataclass(frozen=True)
class Detection:
    worksheet: Worksheet
    reason: str  # shown to the user: why this worksheet
    format: str = ""
    confidence: float = 1.0  # share of the worksheet's questions this file holds
    found: int | None = None  # questions found, when counted
    layers: tuple[str, ...] = ()  # the answer layers this file holds, by name
    state: Any = field(default=None, repr=False)  # what `read` needs, the format's own type
    # shipped worksheets' fit to this file, best first: (worksheet id, questions found, questions)
    candidates: tuple[tuple[str, int, int], ...] = ()
    missing: tuple[str, ...] = ()  # questions of the worksheet not found


@dataclass(frozen=True)
class ReaderHints:
    """What a reader knows about the cells it read, for the warnings about them."""

    # the only rows that can be copies of one another (None: any row)
    alike_rows: frozenset[int] | None = None
    # sheet -> (question, 0-based row, column) of every answer cell (None: from each answer's location)
    answer_places: dict[str, list[tuple[str, int, int]]] | None = None


@dataclass(frozen=True)
class FormItem:
    """A row of the form's own (never a question): a subtotal or a percentage it computes."""

    kind: str  # "subtotal" | "percent"
    row: int  # 1-based
    text: str
    node: str | None = None  # the node whose span holds it
    parts: tuple[str, ...] = ()  # for a subtotal: the questions it adds up


@dataclass(frozen=True)
class FormFigures:
    """Where an official form keeps its own figures for one layer, and the values cached in them
    (what its formulas computed when the file was last saved): the cross-check's input."""

    sheet: str
    value_col: str
    answer_col: str
    type_col: str
    weight_col: str | None
    nodes: dict[str, int]  # node id -> 0-based row
    questions: dict[str, int]
    computed: dict[str, int]
    totals: dict[str, int]
    values: dict[int, Any]  # 0-based row -> cached value
    answers: dict[int, Any]
    types: dict[int, Any]
    texts: dict[int, str]


@dataclass(frozen=True)
class KkeFigures:
    """Where a Pemda's KKE keeps its own figures for one layer (pmprb.readers.kke, pmprb.crosscheck.kke)."""

    data: dict[str, Any]


@dataclass(frozen=True)
class ExportFigures:
    """The figures a SAKIP evaluation application's export stored (pmprb.readers.sakip_export,
    pmprb.crosscheck.sakip_export)."""

    data: dict[str, Any]


@dataclass
class ReadResult:
    sheets: dict[str, AnswerSheet]  # layer -> answers
    hints: dict[str, ReaderHints] = field(default_factory=dict)
    # layer -> the form's own figures, for its cross-check
    figures: dict[str, FormFigures | KkeFigures | ExportFigures] = field(default_factory=dict)


class Format(Protocol):
    @property
    def name(self) -> str: ...

    def detect(self, source: Source, requested: Worksheet | None) -> Detection | None: ...

    def read(self, source: Source, detection: Detection, layers: tuple[str, ...]) -> ReadResult: ...


@dataclass(frozen=True)
class ModuleFormat:
    """A format written as a module with `detect(source, requested)` and `read(source, worksheet,
    layers) -> {layer: AnswerSheet}` functions."""

    name: str
    module: Any

    def detect(self, source: Source, requested: Worksheet | None) -> Detection | None:
        found = self.module.detect(source, requested)
        if found is None:
            return None
        if isinstance(found, Detection):
            layers = found.layers or tuple(found.worksheet.layers)
            return replace(found, format=found.format or self.name, layers=layers)
        return Detection(found.worksheet, found.reason, self.name, layers=tuple(found.worksheet.layers))

    def read(self, source: Source, detection: Detection, layers: tuple[str, ...]) -> ReadResult:
        got = self.module.read(source, detection.worksheet, layers)
        return got if isinstance(got, ReadResult) else ReadResult(dict(got))
