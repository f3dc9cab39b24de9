"""How figures, dates and links appear in a report: Babel for the locale, exact half-up rounding first
so a printed 75,00 is the figure the predicate was decided on."""

from __future__ import annotations

import datetime as dt
import os
import re
from fractions import Fraction
from urllib.parse import urlsplit

from pmprb.i18n import numbers
from pmprb.i18n.numbers import LOCALES


def number(value: Fraction | int | float | None, lang: str, places: int = 2) -> str:
    """85,23 in Indonesian, 85.23 in English; '-' for nothing (the one formatter, pmprb.i18n.numbers)."""
    return numbers.number(value, lang, places)


def percent(value: Fraction | int | float | None, lang: str) -> str:
    """93,70 % in Indonesian, 93.70 % in English."""
    return numbers.percent(value, lang)


_NUMERIC = re.compile(r"^(-?\d+)(?:\.(\d+))?(%?)$")


def answer(value: str | None, lang: str) -> str:
    """A canonical answer as the reader writes it: option keys as they are, numbers in the locale
    (3.58 -> 3,58; 75.5% -> 75,5%)."""
    if value is None:
        return "-"
    match = _NUMERIC.match(value)
    if match is None:
        return value
    places = len(match.group(2) or "")
    return number(Fraction(match.group(1) + "." + (match.group(2) or "0")), lang, places) + match.group(3)


def date(value: dt.date, lang: str) -> str:
    """25 November 2026 / 25 November 2026 (en_GB keeps day-month-year, as official letters do)."""
    from babel.dates import format_date

    return format_date(value, format="long", locale=LOCALES.get(lang, "id_ID"))


def report_date(given: dt.date | None = None) -> dt.date:
    """The date printed on the report: the one asked for, else SOURCE_DATE_EPOCH (reproducible builds,
    snapshot tests), else today."""
    if given is not None:
        return given
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.today()


def safe_link(text: str | None) -> str | None:
    """The URL to make clickable, only for http(s) links with a host; anything else stays plain text."""
    if not text:
        return None
    candidate = text.strip()
    if any(ch.isspace() for ch in candidate):
        return None
    try:
        parts = urlsplit(candidate)
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return candidate
    return None
