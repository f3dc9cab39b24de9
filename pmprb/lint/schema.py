"""Schema errors (unknown keys, missing keys, wrong types) located in the YAML, not by Pydantic path.

Pydantic's error locations include union tags (`ratio`) that are not in the data; we follow the
location through the data and drop what is not there, then point at the key or value it reached.
"""

from __future__ import annotations

import dataclasses
import difflib
import types
import typing
from typing import Any

from pmprb.errors import Problem
from pmprb.i18n.check import TERMS, Term
from pmprb.lint.context import finding
from pmprb.lint.yamlmarks import Marks, Path
from pmprb.model import Worksheet
from pmprb.model.validation import ValidationError, field_types, validate_worksheet

# Pydantic error types -> the kind of value expected (i18n label code)
EXPECTED = {
    "string_type": "text",
    "int_type": "integer",
    "int_parsing": "integer",
    "int_from_float": "integer",
    "float_type": "number",
    "bool_type": "boolean",
    "bool_parsing": "boolean",
    "list_type": "list",
    "dict_type": "mapping",
    "dataclass_type": "mapping",
    "dataclass_args_type": "mapping",
    "model_type": "mapping",
    "model_attributes_type": "mapping",
}
# a key the worksheet format does not have (the model is stdlib dataclasses: a keyword argument)
UNKNOWN_KEY = {"unexpected_keyword_argument", "extra_forbidden"}


def validate(data: Any, file: str, marks: Marks) -> tuple[Worksheet | None, list[Problem]]:
    try:
        return validate_worksheet(data), []
    except ValidationError as exc:
        return None, [_problem(err, data, file, marks) for err in exc.errors()]


def _problem(err: Any, data: Any, file: str, marks: Marks) -> Problem:
    path = data_path(data, err["loc"])
    kind = err["type"]
    if kind in UNKNOWN_KEY:
        key = str(err["loc"][-1])
        allowed = sorted(model_fields_at(data, path[:-1]))
        close = difflib.get_close_matches(key, allowed, n=1)
        return finding(
            file,
            marks,
            "check.schema-unknown-key",
            path,
            key=True,
            key_name=key,
            allowed=allowed,
            suggestion=close[0] if close else "",
        )
    if kind == "missing":
        parent = path[:-1] if path and path[-1] == err["loc"][-1] else path
        return finding(
            file, marks, "check.schema-missing-key", path, key_name=str(err["loc"][-1]), where=_dotted(parent)
        )
    field = _dotted(path)
    value = _short(err.get("input"))
    if kind in EXPECTED:
        return finding(
            file, marks, "check.schema-type", path, field=field, value=value, expected=TERMS[EXPECTED[kind]]
        )
    if kind == "literal_error":
        return finding(
            file,
            marks,
            "check.schema-choice",
            path,
            field=field,
            value=value,
            allowed=str(err.get("ctx", {}).get("expected", "")).replace(" or ", ", "),
        )
    if kind == "too_short":
        return finding(file, marks, "check.schema-empty", path, field=field)
    if kind == "string_pattern_mismatch":
        return finding(
            file,
            marks,
            "check.schema-pattern",
            path,
            field=field,
            value=value,
            pattern=str(err.get("ctx", {}).get("pattern", "")),
        )
    reason = str(err.get("ctx", {}).get("error") or err["msg"])
    if kind == "value_error" and reason.startswith("not a number"):  # model.weight.to_fraction
        return finding(
            file, marks, "check.schema-type", path, field=field, value=value, expected=TERMS["fraction"]
        )
    return finding(file, marks, "check.schema-invalid", path, field=field, value=value, reason=reason)


def data_path(data: Any, loc: tuple[Any, ...]) -> Path:
    """The part of a Pydantic location that exists in the data; union tags are skipped. A final key
    that is absent (missing or extra) is kept so the caller can name it."""
    path: list[str | int] = []
    current = data
    for i, part in enumerate(loc):
        if _has(current, part):
            current = current[part]
            path.append(part)
        elif i == len(loc) - 1 and isinstance(current, dict):
            path.append(part)
    return tuple(path)


def _has(container: Any, part: Any) -> bool:
    if isinstance(container, dict):
        return part in container
    return isinstance(container, list) and isinstance(part, int) and 0 <= part < len(container)


def _dotted(path: Path) -> Term:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return Term(out, out) if out else TERMS["root"]


def _short(value: Any) -> Term:
    if value is None:
        return TERMS["empty"]
    if isinstance(value, dict):
        return TERMS["this-mapping"]
    if isinstance(value, list):
        return TERMS["this-list"]
    text = repr(value)
    text = text if len(text) <= 60 else text[:57] + "..."
    return Term(text, text)


def model_fields_at(data: Any, path: Path) -> set[str]:
    """Field names of the model that validates `path` (for 'did you mean')."""
    tp: Any = Worksheet
    current = data
    for part in path:
        tp = _step(tp, part, current)
        current = current[part] if _has(current, part) else None
        if tp is None:
            return set()
    tp = _unwrap(tp, current)
    if _is_model(tp):
        return set(field_types(tp))
    return set()


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and dataclasses.is_dataclass(tp)


def _unwrap(tp: Any, value: Any) -> Any:
    """Strip Annotated and pick the union member the data is (by its `kind`, else the model)."""
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            members = [a for a in typing.get_args(tp) if a is not type(None)]
            models = [m for m in members if _is_model(m)]
            kind = value.get("kind") if isinstance(value, dict) else None
            chosen = [m for m in models if kind is not None and kind in _literal(m, "kind")] or models
            tp = chosen[0] if chosen else (members[0] if members else None)
        else:
            return tp


def _literal(model: type, name: str) -> tuple[Any, ...]:
    annotation = field_types(model).get(name)
    return typing.get_args(annotation) if annotation is not None else ()


def _step(tp: Any, part: str | int, value: Any) -> Any:
    tp = _unwrap(tp, value)
    origin = typing.get_origin(tp)
    if origin is list:
        return typing.get_args(tp)[0]
    if origin is dict:
        return typing.get_args(tp)[1]
    if _is_model(tp) and isinstance(part, str) and part in field_types(tp):
        return field_types(tp)[part]
    return None
