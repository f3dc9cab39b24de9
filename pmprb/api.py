"""The library's entry points for commands and other programs: files in, results out."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from pmprb.errors import ExitCode, Problem, UserError
from pmprb.model import Worksheet
from pmprb.scoring.result import ScoreResult

T = TypeVar("T")


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
    if ref is None:
        return None
    from pmprb.catalog import get_worksheet

    return get_worksheet(ref)


def score_layers(
    path: Path,
    worksheet: str | Worksheet | None = None,
    layers: tuple[str, ...] = ("unit",),
    strict: bool = False,
) -> tuple[dict[str, ScoreResult], str]:
    """Read one file and score the layers asked for. Raises UserError when the file cannot be read."""
    from pmprb.readers import load
    from pmprb.scoring.engine import score

    chosen = resolve_worksheet(worksheet) if isinstance(worksheet, str) or worksheet is None else worksheet
    loaded = load(path, chosen, layers)
    results = {layer: score(loaded.worksheet, sheet, strict=strict) for layer, sheet in loaded.sheets.items()}
    for result in results.values():
        if "lke_form" in result.meta:  # an official form: compare with the figures its formulas cached
            from pmprb.crosscheck import crosscheck

            result.problems.extend(crosscheck(loaded.worksheet, result, strict=strict))
            result.meta["lke_form"] = {"sheet": result.meta["lke_form"]["sheet"]}  # keep results small
        if "kke" in result.meta:  # a Pemda's KKE: compare with the figures its formulas computed
            from pmprb.crosscheck.kke import crosscheck_kke

            result.problems.extend(crosscheck_kke(loaded.worksheet, result, strict=strict))
            result.meta["kke"] = {"sheet": result.meta["kke"]["sheet"]}
    return results, loaded.reason


def score_file(
    path: Path, worksheet: str | Worksheet | None = None, layer: str = "unit", strict: bool = False
) -> ScoreResult:
    return score_layers(path, worksheet, (layer,), strict)[0][layer]


def _outcome(args: tuple[str, str | None, tuple[str, ...], bool]) -> FileOutcome:
    path, worksheet, layers, strict = args
    try:
        results, reason = score_layers(Path(path), worksheet, layers, strict)
    except UserError as exc:
        return FileOutcome(path, problems=exc.problems)
    return FileOutcome(path, results, reason=reason)


def _summarized(args: tuple[tuple[str, str | None, tuple[str, ...], bool], Callable[[FileOutcome], T]]) -> T:
    task, summarize = args
    return summarize(_outcome(task))


def _keep(outcome: FileOutcome) -> FileOutcome:
    return outcome


def _worker_start() -> None:
    """A worker's collector runs a tenth as often: what the worker inherits is frozen, and a file's
    objects seldom form cycles, so most passes found nothing (1.5 % of a file's instructions)."""
    import gc

    gc.set_threshold(10_000, 10, 10)


def score_many(
    paths: Sequence[Path],
    worksheet: str | None = None,
    layers: tuple[str, ...] = ("unit",),
    strict: bool = False,
    jobs: int | None = None,
    progress: Callable[[FileOutcome], None] | None = None,
) -> list[FileOutcome]:
    """Score many files, in input order, on every core when there are enough files to pay for it."""
    return summarize_many(paths, _keep, worksheet, layers, strict, jobs, progress)


def summarize_many(
    paths: Sequence[Path],
    summarize: Callable[[FileOutcome], T],
    worksheet: str | None = None,
    layers: tuple[str, ...] = ("unit",),
    strict: bool = False,
    jobs: int | None = None,
    progress: Callable[[T], None] | None = None,
) -> list[T]:
    """Score many files and keep `summarize(outcome)` of each, in input order. With several processes
    the summary is made where the file was scored: a caller that needs a line of output per file gets
    that line back instead of a whole result to copy between processes (`summarize` must be picklable:
    a module-level function or a functools.partial of one)."""
    tasks = [((str(p), worksheet, layers, strict), summarize) for p in paths]
    workers = jobs or min(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1, 8)
    if workers <= 1 or len(tasks) < 8:
        out = []
        for task in tasks:
            item = _summarized(task)
            if progress:
                progress(item)
            out.append(item)
        return out
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    resolve_worksheet(worksheet)  # fail once, early, on a worksheet that does not exist
    from pmprb.readers import warm_up

    warm_up()
    # the first file here, before forking: what it loads (its worksheet, the layout recognised, the
    # engine's plan and answers validated) is what the files after it need, and every worker inherits
    # it instead of finding it again
    out = [_summarized(tasks[0])]
    if progress:
        progress(out[0])
    # what exists now lives for the whole run: the collector need not scan it again, and forked
    # workers do not copy its pages by touching their reference counts
    import gc

    gc.freeze()
    context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    # small chunks: the last ones decide when the slowest worker ends
    chunksize = max(1, min(8, len(tasks) // (workers * 4)))
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_worker_start) as pool:
            for item in pool.map(_summarized, tasks[1:], chunksize=chunksize):
                if progress:
                    progress(item)
                out.append(item)
    finally:
        gc.unfreeze()  # a program calling us may go on for long: its garbage is collectable again
    return out
