"""Turn what people type into a validated answer: 'b.', ' ya ', '3,6', '75%', '1.000'."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from fractions import Fraction

from pmprb.model import AnswerType
from pmprb.scoring.answers import RawValue

_KEY_PREFIX = re.compile(r"^\(?([^\s.,)(:;-]+)\s*[.,):;-]?(\s.*)?$", re.S)
_THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+$")
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")


@dataclass(frozen=True, slots=True)
class Normalized:
    """`value` is the scored value 0..1 for choices, scales and percentages, and the count itself for
    counts; `shown` is the canonical answer (option key or number)."""

    value: Fraction
    shown: str


class Invalid(ValueError):
    def __init__(self, allowed: str) -> None:
        super().__init__(allowed)
        self.allowed = allowed


def is_blank(raw: RawValue) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def allowed_text(atype: AnswerType) -> str:
    if atype.kind == "choice":
        return ", ".join(o.key for o in atype.options)
    if atype.kind == "count":
        return "0, 1, 2, …"
    if atype.kind == "scale":
        low = atype.min or Fraction(0)
        return f"{_num(low)}–{_num(atype.max or Fraction(0))}"
    return "0–100 %"


def normalize(atype: AnswerType, raw: RawValue) -> Normalized:
    """Raise Invalid (with what is allowed) when `raw` is not an answer of this type."""
    if atype.kind == "choice":
        return _choice(atype, raw)
    number = _number(raw, counting=atype.kind == "count")
    if number is None:
        raise Invalid(allowed_text(atype))
    if atype.kind == "count":
        if number < 0 or number.denominator != 1:
            raise Invalid(allowed_text(atype))
        return Normalized(number, str(int(number)))
    if atype.kind == "scale":
        low, high = atype.min or Fraction(0), atype.max or Fraction(1)
        if not low <= number <= high:
            raise Invalid(allowed_text(atype))
        return Normalized((number - low) / (high - low), _num(number))
    if not 0 <= number <= 100:
        raise Invalid(allowed_text(atype))
    return Normalized(number / 100, f"{_num(number)}%")


def _choice(atype: AnswerType, raw: RawValue) -> Normalized:
    if isinstance(raw, str):
        text = raw.strip()
        candidates = [text]
        match = _KEY_PREFIX.match(text)
        if match:
            candidates.append(match.group(1))
        for candidate in candidates:
            folded = candidate.casefold()
            for option in atype.options:
                if folded == option.key.casefold() or folded in (a.casefold() for a in option.aliases):
                    return Normalized(option.value, option.key)
    raise Invalid(allowed_text(atype))


def _number(raw: RawValue, *, counting: bool) -> Fraction | None:
    if isinstance(raw, bool) or raw is None:
        return None
    if isinstance(raw, int):
        return Fraction(raw)
    if isinstance(raw, float):
        if not math.isfinite(raw):
            return None
        return Fraction(repr(raw))
    text = raw.strip().replace("\u00a0", "").replace(" ", "")
    percent = text.endswith("%")
    if percent:
        text = text[:-1]
    if counting and _THOUSANDS.match(text):
        # Indonesian thousands separator: 1.000 is one thousand
        text = text.replace(".", "")
    if not _NUMBER.match(text):
        return None
    if "," in text:
        if "." in text:
            return None
        text = text.replace(",", ".")
    try:
        return Fraction(text)
    except ValueError:
        return None


def _num(value: Fraction) -> str:
    if value.denominator == 1:
        return str(int(value))
    return f"{float(value):g}"
