"""What the worksheet classes' annotations tell validation (descriptions, constraints, exact numbers),
without importing pydantic: scoring a cached worksheet never imports it. When
`pmprb.model.validation` builds a validator, pydantic asks each of these for its schema
(`__get_pydantic_core_schema__`, pydantic's protocol for annotation metadata); only then is the
pydantic side of it looked up."""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING, Annotated, Any

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
        from pmprb.model import validation

        return handler(Annotated[source, validation.pydantic_field(**self.constraints)])

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
        from pmprb.model import validation

        return handler(validation.EXACT)


Exact = Annotated[Fraction, _Exact()]
