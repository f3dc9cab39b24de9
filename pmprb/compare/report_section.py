"""`pmprb report --compare OTHER`: the comparison section of a unit's report. The report's view-model
leaves `UnitReport.comparison` for this; templates/report/comparison.html shows what `section` gives."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pmprb.api import score_layers
from pmprb.catalog import get_worksheet
from pmprb.compare.comparison import Comparison, NodeDiff, QuestionDiff, compare, side_labels
from pmprb.model import Worksheet

QUESTION_LIMIT = 25  # the report shows the questions with the most points at stake; the rest are counted
NODE_DEPTH = 2  # komponen / sub-komponen / area, as the report's own tables


@dataclass(slots=True)
class ComparisonSection:
    c: Comparison
    nodes: list[NodeDiff]
    questions: list[QuestionDiff]
    more: int  # differing questions beyond `questions`


def section(c: Comparison, limit: int = QUESTION_LIMIT) -> ComparisonSection:
    nodes = [n for n in c.nodes if not n.combined and n.depth <= NODE_DEPTH]
    return ComparisonSection(c, nodes, c.questions[:limit], max(0, len(c.questions) - limit))


def report_labels(items: list[tuple[Path, str]]) -> list[str]:
    """`side_labels` without folders: a report shows file names only (never a user's absolute path);
    two files of the same name are told apart by their folder's name, else by A and B."""
    labels = side_labels(items)
    paths = [p for p, _ in items]
    if len(set(paths)) == 1 or len({p.name for p in paths}) == len(paths):
        return labels
    folders = [f"{p.parent.name}/{p.name}" for p in paths]
    names = folders if len(set(folders)) == len(folders) and all(p.parent.name for p in paths) else ["A", "B"]
    same_layer = len({layer for _, layer in items}) == 1
    return [n if same_layer else f"{n} ({layer})" for n, (_, layer) in zip(names, items, strict=True)]


def attach(
    unit: Any, scored: Any, this: tuple[Path, str], other: tuple[Path, str], worksheet: Worksheet | None
) -> None:
    """Score `other` (file, layer) and set `unit.comparison`: OTHER is side A, the report's file B.
    `scored` is the report's `Scored` input (its result and worksheet)."""

    path, layer = other
    other_result = score_layers(path, worksheet, (layer,))[0][layer]
    other_worksheet = worksheet or get_worksheet(other_result.worksheet)
    labels = report_labels([other, this])
    unit.comparison = section(
        compare(other_result, scored.result, other_worksheet, scored.worksheet, (labels[0], labels[1]))
    )
