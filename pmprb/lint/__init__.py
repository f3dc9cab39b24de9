"""`pmprb check`: a linter for worksheet files. Findings are `Problem`s located at file:line:column.

One module per rule family; each has `check(ctx)` and reports through `ctx.report`. Schema errors
stop the semantic rules (they need a valid worksheet); YAML-level findings come first.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field, replace
from pathlib import Path

from pmprb.errors import Location, Problem
from pmprb.lint.context import Context
from pmprb.lint.schema import validate
from pmprb.lint.yamlmarks import load

# rule families, in the order their findings are gathered (output is sorted by line)
RULES = ("references", "weights", "answer_types", "predicates", "texts", "grades")


@dataclass(slots=True)
class FileReport:
    path: str
    problems: list[Problem] = field(default_factory=list)
    unreadable: bool = False

    @property
    def errors(self) -> int:
        return sum(p.severity == "error" for p in self.problems)

    @property
    def warnings(self) -> int:
        return sum(p.severity == "warning" for p in self.problems)


def check_text(text: str, file: str) -> list[Problem]:
    loaded = load(text)
    problems: list[Problem] = []
    for issue in loaded.issues:
        line, col = issue.mark.line, issue.mark.column
        where = Location(file, line=line, column=col)
        if issue.kind == "syntax":
            problems.append(Problem("check.yaml-syntax", where, params={"detail": issue.detail}))
        elif issue.kind == "duplicate-key":
            problems.append(Problem("check.yaml-duplicate-key", where, params={"key_name": issue.detail}))
        else:
            cycle = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in issue.path).lstrip(".")
            problems.append(Problem("check.ref-cycle", where, params={"cycle": cycle}))
    if any(p.code in ("check.yaml-syntax", "check.ref-cycle") for p in problems):
        return _sorted(problems)
    data, marks = loaded.data, loaded.marks
    if isinstance(data, dict) and isinstance(data.get("extends"), str):  # a variant: its base's data too
        from pmprb.lint.variant import resolve

        data, marks, found = resolve(data, marks, file)
        problems += found
        if data is None:
            return _sorted(problems)
    worksheet, schema_problems = validate(data, file, marks)
    problems += schema_problems
    if worksheet is None:
        return _sorted(problems)
    ctx = Context(file, worksheet, marks)
    for name in RULES:
        importlib.import_module(f"pmprb.lint.{name}").check(ctx)
    return _sorted(problems + ctx.problems)


def check_file(path: Path) -> FileReport:
    """Read and check one file; an unreadable file is a report with `unreadable` set (exit 2)."""
    report = FileReport(str(path))
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        report.problems.append(Problem("file.not-found", Location(str(path)), params={"path": str(path)}))
        report.unreadable = True
    except IsADirectoryError:
        report.problems.append(Problem("file.is-directory", Location(str(path)), params={"path": str(path)}))
        report.unreadable = True
    except OSError as exc:
        report.problems.append(
            Problem("file.unreadable", Location(str(path)), params={"reason": exc.strerror})
        )
        report.unreadable = True
    except UnicodeDecodeError as exc:
        reason = f"not UTF-8 text (byte {exc.start})"
        report.problems.append(Problem("file.unreadable", Location(str(path)), params={"reason": reason}))
        report.unreadable = True
    else:
        report.problems = check_text(text, str(path))
    return report


def strict(problems: list[Problem]) -> list[Problem]:
    """--strict: warnings are errors (provisional markers, decimal thirds, unused types...)."""
    return [replace(p, severity="error") if p.severity == "warning" else p for p in problems]


def _sorted(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.location.line or 0, p.location.column or 0, p.code))
