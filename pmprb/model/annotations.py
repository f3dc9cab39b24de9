"""What the worksheet classes' annotations tell validation (descriptions, constraints, exact numbers),
without importing pydantic: scoring a cached worksheet never imports it. When
`pmprb.model.validation` builds a validator, pydantic asks each of these for its schema
(`__get_pydantic_core_schema__`, pydantic's protocol for annotation metadata): only then, with
pydantic loaded by validation, are pydantic's pieces imported here."""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING, Annotated, Any

from pmprb.model.weight import fraction_to_yaml, to_fraction

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
    from pydantic.json_schema import JsonSchemaValue
    from pydantic_core import CoreSchema


class Field:
    """`pydantic.Field(**constraints)` applied when a validator is built; the description is set on the
    field's JSON schema last, so it names the field even where its type has a description of its own."""

    def __init__(self, description: str | None = None, **constraints: Any) -> None:
        self.description = description
        self.constraints = constraints

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        if not self.constraints:
            return handler(source)
        from pydantic import Field as PydanticField  # called while validation runs: pydantic is loaded

        return handler(Annotated[source, PydanticField(**self.constraints)])

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        json_schema = handler(schema)
        if self.description is not None:
            json_schema["description"] = self.description
        return json_schema


class _Exact:
    """A number or an exact fraction ('1/3') in YAML, a Fraction in the model."""

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        from pydantic import BeforeValidator, PlainSerializer, WithJsonSchema

        exact = Annotated[
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
        return handler(exact)


Exact = Annotated[Fraction, _Exact()]
