"""Validating worksheet data (YAML) into the `pmprb.model.worksheet` dataclasses with pydantic.

Only what reads or writes worksheet YAML imports this (a cold worksheet cache, `pmprb check`, `show`,
`schema`, importers); scoring a workbook with a cached worksheet never does, so it never imports
pydantic. Errors are pydantic's `ValidationError`.
"""

from __future__ import annotations

import dataclasses
import typing
from fractions import Fraction
from functools import cache
from typing import Annotated, Any, TypeVar

from pydantic import BeforeValidator, Field, PlainSerializer, TypeAdapter, WithJsonSchema

from pmprb.model import worksheet
from pmprb.model.weight import fraction_to_yaml, to_fraction

T = TypeVar("T")

# what `pmprb.model.annotations.Exact` stands for
EXACT = Annotated[
    Fraction,
    BeforeValidator(to_fraction),
    PlainSerializer(fraction_to_yaml),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "number"},
                {"type": "string", "pattern": r"^\s*-?\d+(\.\d+)?\s*(/\s*\d+(\.\d+)?\s*)?$"},
            ],
            "description": "A number, or an exact fraction such as '1/3'.",
        }
    ),
]

pydantic_field = Field  # what `pmprb.model.annotations.Field` stands for


@cache
def adapter(tp: type[T]) -> TypeAdapter[T]:
    """One adapter per class, built on first use (building the validators costs ~100 ms)."""
    return TypeAdapter(tp)


def validate_worksheet(data: Any) -> worksheet.Worksheet:
    """A `Worksheet` from parsed YAML; raises `pydantic.ValidationError`."""
    return adapter(worksheet.Worksheet).validate_python(data)


def validate_answer_type(data: Any) -> worksheet.AnswerType:
    return adapter(worksheet.AnswerType).validate_python(data)


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
