"""User-facing text in Bahasa Indonesia (default) and English.

The texts are data: `catalogs/<name>.yaml` maps each message code to its Indonesian (`id`) and English
(`en`) text, one catalog per feature, listed in `CATALOGS`. Codes are stable identifiers; JSON output
carries them beside the text. A catalog is read the first time one of its messages is needed.
"""

from __future__ import annotations

import re
import string
from decimal import Decimal
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any, overload

LANGS = ("id", "en")
CATALOGS = (
    "core",
    "compare",
    "report",
    "template",
    "check",
    "hardening",
    "lkeform",
    "outputs",
    "serve",
    "sakipfiles",
    "cli",
    "crash",
    "sakip",
    "help",
    "importers",
    "readers",
)
CATALOG_DIR = Path(__file__).parent / "catalogs"


def load_catalog_file(name: str) -> Any:
    import yaml  # on first use only: most commands print few messages

    with (CATALOG_DIR / f"{name}.yaml").open("rb") as fh:
        return yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@cache
def messages(name: str) -> dict[str, dict[str, Any]]:
    """One catalog: code -> {"id": text, "en": text}; a text may be a mapping of plural categories
    ({"one": ..., "other": ...}), chosen by the parameter the entry's `plural` names (`count` if none)."""
    loaded: dict[str, dict[str, Any]] = load_catalog_file(name)
    return loaded


@cache
def _entry(code: str) -> dict[str, Any] | None:
    """A message's texts, from the first catalog that has it: a command loads only the catalogs its
    messages come from (the core one, for most)."""
    for name in CATALOGS:
        entry = messages(name).get(code)
        if entry is not None:
            return entry
    return None


class Msg(str):
    """A message said before the language of the output is known (a reader's reason for choosing a
    worksheet, say): as a str it is the Indonesian text; `text(lang)`, or a parameter of `t`, gives it in
    the output's language."""

    code: str
    params: dict[str, Any]

    def __new__(cls, code: str, /, **params: Any) -> Msg:
        message = super().__new__(cls, t(code, "id", **params))
        message.code, message.params = code, params
        return message

    def __getnewargs_ex__(self) -> tuple[tuple[str], dict[str, Any]]:  # pickled to and from workers
        return (self.code,), self.params

    def text(self, lang: str) -> str:
        return str(self) if lang == "id" else t(self.code, lang, **self.params)


class Figure(str):
    """A figure as a program reads it ('75.00', '-12.5'), which a message shows in the language's digits
    with the same decimals ('75,00'): plain text in JSON and CSV, localised in words."""

    def text(self, lang: str) -> str:
        from pmprb.i18n.numbers import number

        try:
            exact = Decimal(self)
        except ArithmeticError:
            return str(self)
        if not exact.is_finite():
            return str(self)
        return number(exact, lang, max(0, -int(exact.as_tuple().exponent)))


@overload
def localized(value: str, lang: str) -> str: ...
@overload
def localized(value: None, lang: str) -> None: ...
def localized(value: str | None, lang: str) -> str | None:
    """`value` in `lang` when it is a Msg or a Figure, else as it is."""
    return value.text(lang) if isinstance(value, Msg | Figure) else value


def template(code: str, lang: str, params: dict[str, Any]) -> str | None:
    """The entry's text in `lang` (Indonesian if it has none), its plural form chosen; None if unknown."""
    entry = _entry(code)
    if entry is None:
        return None
    text = entry.get(lang) or entry["id"]
    if isinstance(text, dict):
        from pmprb.i18n.numbers import plural_category

        count = params.get(entry.get("plural", "count"), 0)
        text = text.get(plural_category(lang, count)) or text["other"]
    return str(text)


def _needs_formatter(value: Any) -> bool:
    return isinstance(value, float | Fraction | Decimal | Msg | Figure) or hasattr(value, "id_text")


def t(code: str, lang: str = "id", /, **params: Any) -> str:
    """The message `code` in `lang` with `params` filled in. Numbers that are not whole (float, Fraction,
    Decimal) are shown in the language's digits by pmprb.i18n.numbers (`{x}`: up to 4 decimals without
    trailing zeros; `{x:.2f}`: exactly 2); a `Msg` parameter is put into words in the same language."""
    text = template(code, lang, params)
    if text is None:
        return f"{code} {params}" if params else code
    try:
        return render(text, lang, params)
    except (KeyError, IndexError, ValueError):
        return text


def render(text: str, lang: str, params: dict[str, Any]) -> str:
    """`text` with `params` filled in for `lang` (raises on a missing parameter: `t` does not)."""
    if ":." in text or any(_needs_formatter(v) for v in params.values()):  # {x:.2f} of an int too
        return _Formatter(lang).vformat(text, (), params)
    return text.format(**params)


class _Formatter(string.Formatter):
    def __init__(self, lang: str) -> None:
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> Any:
        if isinstance(value, Msg | Figure):
            return value.text(self.lang)
        if format_spec in LANGS:  # a Term of pmprb.i18n.check, its language named
            return super().format_field(value, format_spec)
        if hasattr(value, "id_text"):  # a Term, in the message's language
            return super().format_field(value, self.lang)
        fixed = _FIXED.fullmatch(format_spec)
        if isinstance(value, float | Fraction | Decimal) or (fixed and isinstance(value, int)):
            from pmprb.i18n.numbers import number

            if fixed:
                return number(value, self.lang, int(fixed.group(1)))
            if isinstance(value, Decimal) and value.is_finite():  # as many decimals as it carries
                return number(value, self.lang, max(0, -int(value.as_tuple().exponent)))
            return number(value, self.lang, 4, trim=True)
        if fixed:  # a figure's stand-in, such as "#" or "-"
            return str(value)
        return super().format_field(value, format_spec)


_FIXED = re.compile(r"\.(\d)f")
