"""Exact numbers for weights and values: `1/3` stays a third, `0.67` stays sixty-seven hundredths.

No pydantic here: scoring imports this. The validating type `Exact` is in `pmprb.model.validation`."""

from __future__ import annotations

from fractions import Fraction
from typing import Any


def to_fraction(value: Any) -> Fraction:
    if isinstance(value, Fraction):
        return value
    if isinstance(value, bool):
        raise ValueError("a number is required, not true/false")
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, float):
        # repr gives the shortest decimal that round-trips, i.e. what the author wrote
        return Fraction(repr(value))
    if isinstance(value, str):
        text = value.strip()
        try:
            if "/" in text:
                num, den = text.split("/", 1)
                return Fraction(to_fraction_part(num)) / Fraction(to_fraction_part(den))
            return Fraction(text)
        except (ValueError, ZeroDivisionError):
            raise ValueError(f"not a number or fraction: {value!r}") from None
    raise ValueError(f"not a number: {value!r}")


def to_fraction_part(text: str) -> Fraction:
    return Fraction(text.strip())


def fraction_to_yaml(value: Fraction) -> int | float | str:
    """The shortest faithful spelling: 2, 0.5, or '1/3' when a decimal would lose precision."""
    if value.denominator == 1:
        return int(value)
    as_float = float(value)
    if Fraction(repr(as_float)) == value:
        return as_float
    return f"{value.numerator}/{value.denominator}"


def half_up(value: Fraction, scale: int) -> int:
    """round(value * scale), halves away from zero, in integers: Fraction arithmetic costs ten times
    more here, and every figure shown goes through it."""
    numerator, denominator = value.as_integer_ratio()  # one call: Fraction's properties are two
    rounded = (2 * abs(numerator) * scale + denominator) // (2 * denominator)
    return rounded if numerator >= 0 else -rounded


def round_half_up(value: Fraction, places: int = 2) -> Fraction:
    """Round as a spreadsheet's ROUND does (half away from zero), exactly."""
    scale = 10**places
    return Fraction(half_up(value, scale), scale)


def display(value: Fraction, places: int = 2) -> float:
    """The figure shown: rounded half-up to `places` decimals, as the float nearest that decimal."""
    scale: int = 10**places
    return half_up(value, scale) / scale


def display_gap(required: Fraction, achieved: Fraction, places: int = 2) -> float:
    """display(max(0, required - achieved)), in integers: a condition's gap is shown for every rule of
    every file, and Fraction's subtraction and comparison cost more than the rest of its figures."""
    rn, rd = required.as_integer_ratio()
    an, ad = achieved.as_integer_ratio()
    numerator, denominator = rn * ad - an * rd, rd * ad
    if numerator <= 0:
        return 0.0
    scale: int = 10**places
    return (2 * numerator * scale + denominator) // (2 * denominator) / scale
