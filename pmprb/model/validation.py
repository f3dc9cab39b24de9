"""Validating worksheet data (YAML) into the `pmprb.model.worksheet` dataclasses with pydantic.

Only what reads or writes worksheet YAML imports this (a cold worksheet cache, `pmprb check`, `show`,
`schema`, importers); scoring a workbook with a cached worksheet never does, so it never imports
pydantic. Errors are pydantic's `ValidationError`.
"""

from __future__ import annotations

import dataclasses
import typing
from functools import cache
from typing import Any, TypeVar

from pydantic import TypeAdapter, ValidationError

from pmprb.model import worksheet

__all__ = [
    "ValidationError",
    "adapter",
    "dump_worksheet",
    "field_types",
    "validate_answer_type",
    "validate_worksheet",
    "worksheet_json_schema",
]

T = TypeVar("T")


@cache
def adapter(tp: type[T]) -> TypeAdapter[T]:
    """One adapter per class, built on first use (building the validators costs ~100 ms)."""
    return TypeAdapter(tp)


def validate_worksheet(data: Any) -> worksheet.Worksheet:
    """A `Worksheet` from parsed YAML; raises `pydantic.ValidationError`."""
    validated: worksheet.Worksheet = adapter(worksheet.Worksheet).validate_python(data)
    return validated


def validate_answer_type(data: Any) -> worksheet.AnswerType:
    validated: worksheet.AnswerType = adapter(worksheet.AnswerType).validate_python(data)
    return validated


def worksheet_json_schema() -> dict[str, Any]:
    return adapter(worksheet.Worksheet).json_schema()


def dump_worksheet(ws: worksheet.Worksheet, **kwargs: Any) -> Any:
    """Plain data of a worksheet (`TypeAdapter.dump_python` keywords: mode, exclude_defaults, ...)."""
    return adapter(worksheet.Worksheet).dump_python(ws, **kwargs)


@cache
def field_types(cls: type) -> dict[str, Any]:
    """A worksheet class's fields and their resolved annotations (with `Annotated` extras), in order."""
    hints = typing.get_type_hints(cls, include_extras=True)
    return {f.name: hints[f.name] for f in dataclasses.fields(cls)}
