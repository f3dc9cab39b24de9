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
def _messages() -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for name in CATALOGS:
        merged.update(importlib.import_module(f"pmprb.i18n.{name}").MESSAGES)
    return merged


def t(code: str, lang: str = "id", /, **params: Any) -> str:
    entry = _messages().get(code)
    if entry is None:
        return f"{code} {params}" if params else code
    template = entry.get(lang) or entry["id"]
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template
