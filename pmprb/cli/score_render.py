"""Render score outcomes: a rich table per file (or one row per file for many), JSON, CSV, annotations.

Each file is first summarised (`summarize`) into what its output needs — its JSON text, CSV rows,
annotations or table row — where it was scored: many files are scored in several processes, and a
line of text crosses between them far cheaper than a whole result. A `Writer` then streams the
summaries out as they arrive, keeping only running totals: memory does not grow with the files."""

from __future__ import annotations

import csv
import io
import json
import re
import sys
import time
from dataclasses import dataclass, field
from enum import StrEnum
from fractions import Fraction
from functools import partial
from typing import IO, Any

from pmprb.api import FileOutcome
from pmprb.catalog import get_worksheet
from pmprb.cli.base import github_annotations, github_escape, print_problems, safe_cell, stdout_console
from pmprb.cli.inputs import natural_key
from pmprb.errors import Location, Problem, UserError
from pmprb.i18n import localized, t
from pmprb.i18n.numbers import number
from pmprb.model.weight import display

AREA_DEPTH = 2  # komponen / sub-komponen / area
CELL = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)$")


def fmt_number(value: float, lang: str) -> str:
    return number(value, lang)


def outcome_dict(outcome: FileOutcome, lang: str) -> dict[str, Any]:
    if outcome.results:
        result = next(iter(outcome.results.values()))
        data = result.to_dict(lang)
        data["unit"] = unit_name(result)
        data["worksheet_reason"] = localized(outcome.reason, lang)
        data["missing_at"] = [
            {"question": qid, "location": where.to_dict(), "text": text}
            for qid, where, text in missing_places(result)
        ]
        return data
    return {
        "worksheet": None,
        "file": outcome.file,
        "unit": None,
        "layer": None,
        "total": None,
        "predicate": None,
        "nodes": [],
        "missing": [],
        "missing_at": [],
        "errors": [p.to_dict(lang) for p in outcome.problems],
        "warnings": [],
    }


TableRow = tuple[tuple[str, ...], float | None, bool]  # cells, total (None: unreadable), failed
TEXT_START = 60  # characters of a question's text shown beside its cell


@dataclass(slots=True)
class FileSummary:
    """One file's share of the output, made in the process that scored it."""

    exit_code: int
    text: str = ""  # json, csv, github: this file's part of standard output
    rows: list[TableRow] = field(default_factory=list)  # (cells, total, failed)
    problems: list[Problem] = field(default_factory=list)  # many files, table: for standard error
    outcome: FileOutcome | None = None  # one file, table: everything


class ScoreFormat(StrEnum):
    """The outputs `score` offers."""

    table = "table"
    json = "json"
    csv = "csv"
    github = "github"


def summarizer(fmt: ScoreFormat, lang: str, single: bool) -> partial[FileSummary]:
    return partial(summarize, fmt, lang, single)


def summarize(fmt: ScoreFormat, lang: str, single: bool, outcome: FileOutcome) -> FileSummary:
    code = int(outcome.exit_code)
    if fmt is ScoreFormat.json:
        return FileSummary(code, json_text(outcome_dict(outcome, lang), single))
    if fmt is ScoreFormat.csv:
        return FileSummary(code, _csv_rows(outcome))
    if fmt is ScoreFormat.github:
        return FileSummary(code, _github_notice(outcome, lang) + github_annotations(_problems(outcome), lang))
    if single:
        return FileSummary(code, outcome=outcome)
    return FileSummary(code, rows=_table_rows(outcome, lang), problems=_problems(outcome))


def json_text(data: dict[str, Any], indent: bool) -> str:
    """orjson: a tenth of json's time, the same text when indented; compact without spaces. json takes
    what orjson refuses (an integer over 64 bits)."""
    import orjson

    try:
        return orjson.dumps(data, option=orjson.OPT_INDENT_2 if indent else 0).decode()
    except (orjson.JSONEncodeError, TypeError):
        return json.dumps(data, ensure_ascii=False, indent=2 if indent else None)


CSV_HEADER = [
    "file",
    "worksheet",
    "layer",
    "node",
    "parent",
    "title",
    "weight",
    "score",
    "predicate",
    "unit",
    "missing",
    "errors",
]


def _problems(outcome: FileOutcome) -> list[Problem]:
    """In sheet order (G22 before G130), then those without a place, as found."""
    if outcome.problems:
        return outcome.problems
    return sorted((p for r in outcome.results.values() for p in r.problems), key=problem_key)


def problem_key(problem: Problem) -> tuple[Any, ...]:
    return location_key(problem.location)


def location_key(where: Location | None) -> tuple[Any, ...]:
    """Sheet order: by sheet, row, then column (K9 < K10 < K100 < L9); a JSON path by its indexes."""

    if where is None:
        return (1,)
    if where.cell:
        match = CELL.match(where.cell)
        if match:
            column, row = match.groups()
            return (0, where.sheet or "", 0, int(row), len(column), column)
    if where.json_path:
        return (0, "", 1, natural_key(where.json_path))
    return (1,)


def missing_places(result: Any) -> list[tuple[str, Location, str]]:
    """Each unanswered question: its id, where its answer belongs, and the start of its text."""
    texts = _question_texts(result.worksheet, result.worksheet_version)
    found = [
        (q.id, q.location or Location(result.file), _start(texts.get(q.id, "")))
        for q in result.questions.values()
        if q.status == "missing" and not q.optional
    ]
    found.sort(key=lambda item: location_key(item[1]))
    return found


def _start(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= TEXT_START else text[: TEXT_START - 1].rstrip() + "…"


_TEXTS: dict[tuple[str, str], dict[str, str]] = {}


def _question_texts(worksheet: str, version: str) -> dict[str, str]:
    """The worksheet's question texts, once per process (a batch names one worksheet thousands of times)."""
    key = (worksheet, version)
    if key not in _TEXTS:
        try:
            ws = get_worksheet(worksheet)
        except UserError:  # a worksheet given as a YAML file: its id is no catalog entry
            ws = None
        same = ws is not None and ws.version == version
        _TEXTS[key] = {q.id: q.text for q in ws.questions.values()} if same and ws is not None else {}
    return _TEXTS[key]


def _csv_rows(outcome: FileOutcome) -> str:
    """A file's total row (with what the batch table shows: unit, missing, errors), then its nodes'.
    A file that could not be read still has its row: a batch never loses a file."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if outcome.problems:
        row = [outcome.file, "", "", "total", "", "Total", "", "", "", "", "", len(outcome.problems)]
        writer.writerow([safe_cell(v) for v in row])
    for result in outcome.results.values():
        base = [outcome.file, result.worksheet, result.layer]
        total_weight = sum(
            (n.weight for n in result.nodes if n.parent is None and not n.combined), Fraction(0)
        )
        total = [
            *base,
            "total",
            "",
            "Total",
            display(total_weight, 4),
            display(result.total),
            result.predicate or "",
            unit_name(result) or "",
            len(result.missing),
            len(result.errors),
        ]
        writer.writerow([safe_cell(v) for v in total])
        for n in result.nodes:
            node = [
                *base,
                n.id,
                n.parent or "",
                n.title,
                display(n.weight, 4),
                display(n.score),
                "",
                "",
                "",
                "",
            ]
            writer.writerow([safe_cell(v) for v in node])
    return buffer.getvalue()


def unit_name(result: Any) -> str | None:
    """The unit the file names (PortalRB's nama_unit, our workbook's cover), if it names one."""
    name = result.meta.get("nama_unit")
    return str(name) if name else None


def _one(outcome: FileOutcome, lang: str, console: Any = None) -> None:
    from rich.cells import cell_len
    from rich.markup import escape
    from rich.table import Table
    from rich.text import Text

    console = console or stdout_console()
    if outcome.problems:
        print_problems(outcome.problems, lang)
        return
    for result in outcome.results.values():
        console.print(
            f"[bold]{escape(result.file)}[/bold] — {t('label.worksheet', lang)} {result.worksheet} "
            f"({escape(localized(outcome.reason or '', lang))}), {t('label.layer', lang)} {result.layer}"
        )
        total_weight = sum(
            (n.weight for n in result.nodes if n.parent is None and not n.combined), Fraction(0)
        )
        shown = [n for n in result.nodes if not n.combined and n.depth <= AREA_DEPTH]
        grades = {c.node: f" {c.grade}" for c in result.computed if c.grade}  # SAKIP: the grade beside its %
        rows = [
            (
                Text("  " * n.depth + f"{n.code or ''} {n.title}".strip()),
                Text(fmt_number(display(n.weight), lang)),
                Text(fmt_number(display(n.score), lang)),
                Text(fmt_number(display(n.percent), lang) + grades.get(n.id, "")),
            )
            for n in shown
        ]
        total = (
            Text(t("label.total", lang), style="bold"),
            Text(fmt_number(display(total_weight), lang)),
            Text(fmt_number(display(result.total), lang), style="bold"),
            Text(""),
        )
        # cells as Text (no markup to parse) and widths given, not measured: rich otherwise measures and
        # wraps every cell, which costs more than scoring the workbook
        headers = [t(key, lang) for key in ("label.node", "label.weight", "label.score", "label.percent")]
        widths = [max(cell_len(str(row[i])) for row in [*rows, total, headers]) for i in range(4)]
        fits = sum(widths) + 3 * len(widths) <= console.width
        table = Table(show_edge=False, header_style="bold")
        table.add_column(headers[0], width=widths[0] if fits else None, no_wrap=fits)  # narrow: labels wrap
        for header, width in zip(headers[1:], widths[1:], strict=True):
            table.add_column(header, justify="right", min_width=width, no_wrap=True)
        for node, row in zip(shown, rows, strict=True):
            table.add_row(*row, style="bold" if node.depth == 0 else None)
        table.add_section()
        table.add_row(*total)
        console.print(table)
        predicate = result.predicate or t("predicate.none", lang)
        console.print(f"{t('label.predicate', lang)}: [bold]{escape(predicate)}[/bold]")
        _conditions(console, result, lang)
        if result.missing:
            _missing(console, result, lang)
        texts = _question_texts(result.worksheet, result.worksheet_version)
        starts = {p.question: _start(texts[p.question]) for p in result.problems if p.question in texts}
        print_problems(sorted(result.problems, key=problem_key), lang, texts=starts)


MISSING_SHOWN = 30  # lines; the rest is counted (all of them are in --format json)


def _missing(console: Any, result: Any, lang: str) -> None:
    from rich.markup import escape

    places = missing_places(result)
    console.print(t("score.missing-head", lang, count=len(places)))
    for qid, where, text in places[:MISSING_SHOWN]:
        place = f"{where.sheet}!{where.cell}" if where.cell else (where.json_path or "-")
        console.print(f"  {escape(place)}  {escape(qid)}. {escape(text)}", highlight=False)
    if len(places) > MISSING_SHOWN:
        console.print("  " + t("score.missing-more", lang, count=len(places) - MISSING_SHOWN))


def _conditions(console: Any, result: Any, lang: str) -> None:
    """For multi-condition predicates: each rule above the one reached, with what fails and by how much."""
    multi = [r for r in result.rules if len(r.conditions) > 1]
    for rule in multi:
        if rule.holds and rule.label == result.predicate:
            console.print(f"  {t('label.conditions', lang, label=rule.label)}: {t('label.met', lang)}")
        failing = [c for c in rule.conditions if not c.holds]
        if not failing:
            if rule.label == result.predicate:
                break
            continue
        console.print(f"  {t('label.conditions', lang, label=rule.label)}:")
        for c in failing:
            console.print(
                f"    ✗ {c.title} {c.op} {fmt_number(display(c.required), lang)}: "
                f"{t('label.achieved', lang)} {fmt_number(display(c.achieved), lang)}, "
                f"{t('label.short-by', lang, gap=fmt_number(display(c.gap), lang))}"
            )
        if rule.declarations:
            console.print(f"    {t('label.declare', lang)}: " + "; ".join(rule.declarations))


def _table_rows(outcome: FileOutcome, lang: str) -> list[TableRow]:
    if outcome.problems:
        return [(("-", outcome.file, "-", "-", "-", str(len(outcome.problems))), None, True)]
    rows: list[TableRow] = []
    for result in outcome.results.values():
        total = display(result.total)
        cells = (
            unit_name(result) or "-",
            result.file,
            fmt_number(total, lang),
            result.predicate or "-",
            str(len(result.missing)),
            str(len(result.errors)),
        )
        rows.append((cells, total, bool(result.errors)))
    return rows


def _github_notice(outcome: FileOutcome, lang: str) -> str:
    """A notice per file: its total and predicate (and what is missing), shown on the run's summary."""

    out = []
    for result in outcome.results.values():
        text = t(
            "score.github-notice",
            lang,
            total=fmt_number(display(result.total), lang),
            predicate=result.predicate or t("predicate.none", lang),
            missing=len(result.missing),
            errors=len(result.errors),
        )
        title = github_escape(f"pmprb {result.worksheet} {result.layer}", prop=True)
        out.append(
            f"::notice file={github_escape(outcome.file, prop=True)},title={title}::{github_escape(text)}\n"
        )
    return "".join(out)


class Writer:
    """Streams one format: `add` each file's summary as it comes, `end` once."""

    def __init__(self, out: IO[str], lang: str, single: bool) -> None:
        self.out, self.lang, self.single = out, lang, single
        self.files = 0

    def add(self, summary: FileSummary) -> None:
        self.files += 1
        self.out.write(summary.text)

    def end(self) -> None:
        pass


class JsonWriter(Writer):
    """One file: its object. Several: an array, one file's object a line (readable line by line)."""

    def add(self, summary: FileSummary) -> None:
        if self.single:
            self.out.write(summary.text + "\n")
        else:
            self.out.write(("[\n" if not self.files else ",\n") + summary.text)
        self.files += 1

    def end(self) -> None:
        if not self.single:
            self.out.write("[\n]\n" if not self.files else "\n]\n")


class CsvWriter(Writer):
    def __init__(self, out: IO[str], lang: str, single: bool) -> None:
        super().__init__(out, lang, single)
        csv.writer(out, lineterminator="\n").writerow(CSV_HEADER)


class TableWriter(Writer):
    """One file: its tree. Several: one row a file, printed in blocks as they come, with column widths
    fixed up front (a table measured from all its rows could only be printed at the end)."""

    BLOCK = 64  # rows printed together: rich lays out a block far faster than as many single rows
    EVERY = 0.5  # seconds: a slow batch still shows its rows as they come
    HEADERS = ("label.unit", "label.file", "label.total", "label.predicate", "label.missing", "label.errors")

    def __init__(self, out: IO[str], lang: str, single: bool) -> None:
        super().__init__(out, lang, single)
        from rich.console import Console

        self.console = None
        if out is not sys.stdout:  # emoji off: "file:100:13" is a location, not ":100:"
            self.console = Console(file=out, highlight=False, soft_wrap=False, emoji=False)
        self.rows: list[TableRow] = []
        self.problems: list[Problem] = []
        self.sum = 0.0
        self.scored = self.with_errors = self.unreadable = 0
        self.widths: list[int] | None = None
        self.shown = time.monotonic()

    def _console(self) -> Any:
        return self.console or stdout_console()

    def add(self, summary: FileSummary) -> None:
        self.files += 1
        if self.single and summary.outcome is not None:
            _one(summary.outcome, self.lang, self.console)
            return
        for row in summary.rows:
            _cells, total, failed = row
            self.with_errors += failed
            if total is None:
                self.unreadable += 1
            else:
                self.scored += 1
                self.sum += total
            self.rows.append(row)
        self.problems.extend(summary.problems)
        now = time.monotonic()
        if len(self.rows) >= self.BLOCK or now - self.shown >= self.EVERY:
            self.shown = now
            self._flush()

    def _layout(self, width: int) -> list[int]:
        # numbers and their headers take what their longest word needs (a header may wrap); the
        # names share the rest, a third to the unit
        headers = [t(key, self.lang) for key in self.HEADERS]
        numbers = [max(6, *(len(w) for w in headers[i].split())) for i in (2, 4, 5)]
        predicate = max(8, *(len(w) for w in headers[3].split()))
        room = max(12, width - sum(numbers) - predicate - 3 * len(headers))
        unit = room // 3
        return [unit, room - unit, numbers[0], predicate, numbers[1], numbers[2]]

    def _flush(self, last: bool = False) -> None:
        from rich.markup import escape
        from rich.table import Table

        if not self.rows and not (last and self.widths is None):
            return
        console = self._console()
        first = self.widths is None
        if self.widths is None:
            self.widths = self._layout(console.width)
        table = Table(show_edge=False, header_style="bold", show_header=first, pad_edge=False)
        for key, width in zip(self.HEADERS, self.widths, strict=True):
            numeric = key in ("label.total", "label.missing", "label.errors")
            table.add_column(
                t(key, self.lang),
                justify="right" if numeric else "left",
                width=width,
                overflow="fold",  # a long name wraps; it is never cut
            )
        for cells, total, _failed in self.rows:
            table.add_row(*(escape(c) for c in cells), style="red" if total is None else None)
        console.print(table)
        self.rows.clear()
        for problems in (self.problems,):
            print_problems(problems, self.lang)
        self.problems.clear()

    def end(self) -> None:
        if self.single and self.files == 1 and self.widths is None and not self.rows:
            return
        self._flush(last=True)
        mean = self.sum / self.scored if self.scored else 0.0
        self._console().print(
            t(
                "label.summary",
                self.lang,
                files=self.files,
                mean=fmt_number(mean, self.lang),
                with_errors=self.with_errors,
            )
        )


WRITERS: dict[ScoreFormat, type[Writer]] = {
    ScoreFormat.table: TableWriter,
    ScoreFormat.json: JsonWriter,
    ScoreFormat.csv: CsvWriter,
    ScoreFormat.github: Writer,
}


def writer(fmt: ScoreFormat, out: IO[str], lang: str, single: bool) -> Writer:
    return WRITERS[fmt](out, lang, single)
