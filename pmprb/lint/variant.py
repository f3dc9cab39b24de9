"""A variant (`extends: <base>`) is checked as the worksheet it resolves to; its findings point at the
variant's lines that wrote what they are about, and what comes from the base unchanged at its
`extends` line."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path as FilePath
from typing import Any

from pmprb.errors import Location, Problem, UserError
from pmprb.lint.yamlmarks import Marks


def resolve(data: dict[str, Any], marks: Marks, file: str) -> tuple[Any, Marks, list[Problem]]:
    """(merged data or None, marks of the merged data, problems)."""
    from pmprb.catalog import resolve_extends

    at = marks.find(("extends",)) or marks.find(())
    where = Location(file, line=at.line if at else 1, column=at.column if at else 1)
    try:
        merged, origin = resolve_extends(data, FilePath(file))
    except UserError as exc:
        return None, marks, [replace(p, location=where) for p in exc.problems]
    out = Marks()
    if at is not None:
        out.values[()] = at
    for merged_path, variant_path in (origin or {}).items():
        mark = marks.values.get(variant_path)
        if mark is not None and merged_path:
            out.values[merged_path] = mark
        key = marks.keys.get(variant_path)
        if key is not None and merged_path:
            out.keys[merged_path] = key
    return merged, out, []
