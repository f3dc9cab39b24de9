"""User-facing text in Bahasa Indonesia (default) and English.

The texts are data: `catalogs/<name>.yaml` maps each message code to its Indonesian (`id`) and English
(`en`) text, one catalog per feature, listed in `CATALOGS`. Codes are stable identifiers; JSON output
carries them beside the text. A catalog is read the first time one of its messages is needed.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

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
)
CATALOG_DIR = Path(__file__).parent / "catalogs"


def load_catalog_file(name: str) -> Any:
    import yaml  # on first use only: most commands print few messages

    with (CATALOG_DIR / f"{name}.yaml").open("rb") as fh:
        return yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@cache
def messages(name: str) -> dict[str, dict[str, str]]:
    """One catalog: code -> {"id": text, "en": text}."""
    loaded: dict[str, dict[str, str]] = load_catalog_file(name)
    return loaded


@cache
def _entry(code: str) -> dict[str, str] | None:
    """A message's texts, from the first catalog that has it: a command loads only the catalogs its
    messages come from (the core one, for most)."""
    for name in CATALOGS:
        entry = messages(name).get(code)
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
