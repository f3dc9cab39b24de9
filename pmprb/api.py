"""The library's entry points for commands and other programs: files in, results out.

    from pmprb.api import score_file
    result = score_file(Path("lke.xlsx"))      # the worksheet is recognised, as `pmprb score` does
    for node in result.nodes:                   # every node of the tree, in order, then combined ones
        print(node.id, node.weight, node.score)  # exact Fractions; display() shows them as a user sees

Everything here raises `UserError` (problems with codes and locations) for a user's file that cannot
be read, except `outcome`/`outcomes`, which return those problems instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pmprb.catalog import get_worksheet
from pmprb.crosscheck import crosscheck
from pmprb.crosscheck.kke import crosscheck_kke
from pmprb.crosscheck.sakip_export import crosscheck_export
from pmprb.errors import ExitCode, Location, Problem, UserError
from pmprb.model import Worksheet
from pmprb.model.weight import display
from pmprb.readers import load
from pmprb.scoring.engine import score
from pmprb.scoring.result import (
    ComputedResult,
    ConditionResult,
    NodeResult,
    QuestionResult,
    RuleResult,
    ScoreResult,
)

__all__ = [
    "ComputedResult",
    "ConditionResult",
    "ExitCode",
    "FileOutcome",
    "Location",
    "NodeResult",
    "Problem",
    "QuestionResult",
    "RuleResult",
    "ScoreResult",
    "UserError",
    "Worksheet",
    "display",
    "get_worksheet",
    "outcome",
    "outcomes",
    "resolve_worksheet",
    "score_file",
    "score_layers",
]


@dataclass
class FileOutcome:
    """A file's results per layer, or the problems that stopped it from being read."""

    file: str
    results: dict[str, ScoreResult] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    reason: str | None = None  # why this worksheet was chosen

    @property
    def exit_code(self) -> ExitCode:
        if self.problems:
            return ExitCode.USAGE
        if any(r.errors for r in self.results.values()):
            return ExitCode.INVALID
        return ExitCode.OK


def resolve_worksheet(ref: str | None) -> Worksheet | None:
    """A shipped worksheet by id ("zi-2026") or a worksheet YAML by path; None: recognise it per file."""
    if ref is None:
        return None
    return get_worksheet(ref)


def score_layers(
    path: Path,
    worksheet: str | Worksheet | None = None,
    layers: tuple[str, ...] | None = ("unit",),
    strict: bool = False,
) -> tuple[dict[str, ScoreResult], str]:
    """Read one file and score the layers asked for (None: the one the file says it holds, else the
    unit's), with why its worksheet was chosen. Raises UserError when the file cannot be read."""
    chosen = resolve_worksheet(worksheet) if isinstance(worksheet, str) or worksheet is None else worksheet
    loaded = load(path, chosen, layers)
    results = {layer: score(loaded.worksheet, sheet, strict=strict) for layer, sheet in loaded.sheets.items()}
    for result in results.values():
        if "lke_form" in result.meta:  # an official form: compare with the figures its formulas cached
            result.problems.extend(crosscheck(loaded.worksheet, result, strict=strict))
            result.meta["lke_form"] = {"sheet": result.meta["lke_form"]["sheet"]}  # keep results small
        if "kke" in result.meta:  # a Pemda's KKE: compare with the figures its formulas computed
            result.problems.extend(crosscheck_kke(loaded.worksheet, result, strict=strict))
            result.meta["kke"] = {"sheet": result.meta["kke"]["sheet"]}
        if "sakip_export" in result.meta:  # the figures the evaluation application stored
            result.problems.extend(crosscheck_export(loaded.worksheet, result, strict=strict))
            result.meta["sakip_export"] = {"sheet": result.meta["sakip_export"]["sheet"]}
    return results, loaded.reason


def score_file(
    path: Path, worksheet: str | Worksheet | None = None, layer: str = "unit", strict: bool = False
) -> ScoreResult:
    """One layer of one file ("unit": the unit's own answers, "tpi": the evaluators'), scored."""
    return score_layers(path, worksheet, (layer,), strict)[0][layer]


def outcome(
    path: Path | str,
    worksheet: str | Worksheet | None = None,
    layers: tuple[str, ...] | None = ("unit",),
    strict: bool = False,
) -> FileOutcome:
    """One file's results, or the problems that kept it from being read: never raises for a user's file."""
    try:
        results, reason = score_layers(Path(path), worksheet, layers, strict)
    except UserError as exc:
        return FileOutcome(str(path), problems=exc.problems)
    return FileOutcome(str(path), results, reason=reason)


def outcomes(
    paths: Iterable[Path | str],
    worksheet: str | Worksheet | None = None,
    layers: tuple[str, ...] | None = ("unit",),
    strict: bool = False,
) -> Iterator[FileOutcome]:
    """Each file's outcome in turn, one at a time (a program keeps only what it needs of each). Many
    files on every core: the command line's batch layer (`pmprb.cli.batch`) runs this per file."""
    chosen = resolve_worksheet(worksheet) if isinstance(worksheet, str) else worksheet
    for path in paths:
        yield outcome(path, chosen, layers, strict)
