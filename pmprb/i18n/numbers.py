"""The one way every output shows a number: half-up rounding first (the figure the predicate was decided
on, docs/domain.md §3), then Babel for the locale: `1.234,50` and `93,70 %` in Indonesian, `1,234.50`
and `93.70 %` in English. JSON and CSV for programs keep plain numbers; this is for people."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from functools import cache
from typing import Any

LOCALES = {"id": "id_ID", "en": "en_GB"}  # en_GB: day-month-year dates, as official letters have
Number = Fraction | Decimal | int | float


def _exact(value: Number) -> Fraction:
    if isinstance(value, Fraction):
        return value
    if isinstance(value, float):
        return Fraction(repr(value))  # the decimal the float was shown as, not its binary expansion
    return Fraction(value)


def _half_up(value: Fraction, scale: int) -> int:
    """round(value * scale), halves away from zero, as the spreadsheet's ROUND (i18n sits below the model,
    so this is not model.weight.round_half_up; a property test holds them equal)."""
    numerator, denominator = value.as_integer_ratio()
    rounded = (2 * abs(numerator) * scale + denominator) // (2 * denominator)
    return rounded if numerator >= 0 else -rounded


@cache
def _pattern(places: int, trim: bool) -> str:
    return "#,##0" + ("." + ("#" if trim else "0") * places if places else "")


def number(
    value: Number | None, lang: str, places: int = 2, *, trim: bool = False, signed: bool = False
) -> str:
    """`value` rounded half-up to `places` decimals in the language's digits (`trim`: without trailing
    zeros, for weights such as 0,5 or 1/3 = 0,3333; `signed`: a + before a positive difference);
    '-' for nothing."""
    if value is None:
        return "-"
    from babel.numbers import format_decimal

    rounded = Decimal(_half_up(_exact(value), 10**places)).scaleb(-places)
    text = format_decimal(rounded, format=_pattern(places, trim), locale=LOCALES.get(lang, "id_ID"))
    return f"+{text}" if signed and rounded > 0 else text


def percent(value: Number | None, lang: str, places: int = 2) -> str:
    """A share already in percent (93.7 -> `93,70 %`), with the space both languages' style guides ask for."""
    return "-" if value is None else f"{number(value, lang, places)} %"


def plural_category(lang: str, count: Any) -> str:
    """CLDR's plural category of `count` in `lang` ('one', 'other', ...): English has two, Indonesian
    does not inflect (always 'other')."""
    try:
        return str(_locale(lang).plural_form(abs(count)))
    except (TypeError, ValueError):
        return "other"


@cache
def _locale(lang: str) -> Any:
    from babel import Locale

    return Locale.parse(LOCALES.get(lang, "id_ID"))
