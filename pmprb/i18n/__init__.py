"""User-facing text in Bahasa Indonesia (default) and English.

Each feature keeps its messages in its own module here (a dict code -> {"id": ..., "en": ...});
`CATALOGS` lists them. Codes are stable identifiers; JSON output carries them beside the text.
"""

from __future__ import annotations

import importlib
from functools import cache
from typing import Any

LANGS = ("id", "en")
CATALOGS = ("core", "compare", "report", "template", "check", "hardening", "lkeform")


@cache
def _catalog(name: str) -> dict[str, dict[str, str]]:
    messages: dict[str, dict[str, str]] = importlib.import_module(f"pmprb.i18n.{name}").MESSAGES
    return messages


@cache
def _entry(code: str) -> dict[str, str] | None:
    """A message's texts, from the first catalog that has it: a command loads only the catalogs its
    messages come from (the core one, for most)."""
    for name in CATALOGS:
        entry = _catalog(name).get(code)
        if entry is not None:
            return entry
    return None


def t(code: str, lang: str = "id", /, **params: Any) -> str:
    entry = _entry(code)
    if entry is None:
        return f"{code} {params}" if params else code
    template = entry.get(lang) or entry["id"]
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template
