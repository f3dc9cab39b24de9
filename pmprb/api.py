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
from functools import cache
from pathlib import Path

from pmprb.catalog import get_worksheet
from pmprb.crosscheck import crosscheck
from pmprb.crosscheck.kke import crosscheck_kke
from pmprb.crosscheck.sakip_export import crosscheck_export
from pmprb.errors import ExitCode, Location, Problem, UserError
from pmprb.model import Worksheet
from pmprb.model.weight import display
from pmprb.readers import load
from pmprb.readers.base import ExportFigures, FormFigures, KkeFigures
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
    """The worksheet named by id or path; a worksheet file that `pmprb check` finds errors in is
    refused (UserError, exit 2) with the findings: nothing is scored or written with it."""
    if ref is None:
        return None
    worksheet = get_worksheet(ref)
    refuse_broken(ref)
    return worksheet


def refuse_broken(ref: str) -> None:
    """Refuse a worksheet file with `pmprb check` errors (shipped worksheets are checked by the tests)."""
    from pmprb.catalog import shipped_paths

    if ref in shipped_paths():
        return
    path = Path(ref)
    try:
        stat = path.stat()
    except OSError:
        return  # get_worksheet said why
    errors = _check_errors(str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    if errors:
        from pmprb.errors import Location

        summary = Problem(
            "readers.worksheet-broken",
            Location(str(path)),
            params={"worksheet": path.name, "errors": len(errors)},
        )
        raise UserError(summary, *errors)


@cache
def _check_errors(path: str, mtime: int, size: int) -> tuple[Problem, ...]:
    from pmprb.lint import check_file

    return tuple(p for p in check_file(Path(path)).problems if p.severity == "error")


def score_layers(
    path: Path,
    worksheet: str | Worksheet | None = None,
    layers: tuple[str, ...] | None = ("unit",),
    strict: bool = False,
    *,
    skip_absent: bool = False,
) -> tuple[dict[str, ScoreResult], str]:
    """Read one file and score the layers asked for (None: the one the file says it holds, else the
    unit's), with why its worksheet was chosen. Raises UserError when the file cannot be read, or lacks
    one of the layers asked for (with `skip_absent`, those are left out of the results instead)."""
    chosen = resolve_worksheet(worksheet) if isinstance(worksheet, str) or worksheet is None else worksheet
    loaded = load(path, chosen, layers, skip_absent=skip_absent)
    results = {layer: score(loaded.worksheet, sheet, strict=strict) for layer, sheet in loaded.sheets.items()}
    for layer, result in results.items():
        figures = loaded.figures.get(layer)
        if isinstance(figures, FormFigures):  # an official form: compare with the figures its formulas cached
            result.problems.extend(crosscheck(loaded.worksheet, result, figures, strict=strict))
        elif isinstance(figures, KkeFigures):  # a Pemda's KKE: compare with the figures its formulas computed
            result.problems.extend(crosscheck_kke(loaded.worksheet, result, figures.data, strict=strict))
        elif isinstance(figures, ExportFigures):  # the figures the evaluation application stored
            result.problems.extend(crosscheck_export(loaded.worksheet, result, figures.data, strict=strict))
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
