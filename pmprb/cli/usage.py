"""Usage errors in the user's language: click (vendored by typer) writes its messages in English only,
so the common ones are recognised by pattern and rewritten; anything else is shown as click wrote it."""

from __future__ import annotations

import re
import sys
from typing import Any

from pmprb.i18n import t

# click's message -> our message code; groups become {0}, {1}, ...
PATTERNS = (
    (re.compile(r"^No such option: (\S+) \(Possible options: (.+)\)$"), "usage.no-such-option-hint"),
    (re.compile(r"^No such option: (\S+)$"), "usage.no-such-option"),
    (re.compile(r"^Missing argument '(.+)'\.$"), "usage.missing-argument"),
    (re.compile(r"^Missing option '(.+)'\.$"), "usage.missing-option"),
    (re.compile(r"^Option '(.+)' requires an argument\.$"), "usage.requires-argument"),
    (re.compile(r"^No such command '(.+)'\.$"), "usage.no-such-command"),
    (re.compile(r"^Got unexpected extra argument(?:\(s\)|s)? \((.*)\)$"), "usage.extra-arguments"),
    (re.compile(r"^Invalid value for (.+?): '(.*)' is not one of (.*)\.$"), "usage.not-one-of"),
    (re.compile(r"^Invalid value for (.+?): (.*)$"), "usage.invalid-value"),
)


def translate(message: str, lang: str) -> str:
    if lang == "en":
        return message
    for pattern, code in PATTERNS:
        match = pattern.match(message)
        if match:
            return t(code, lang, **_groups(match.groups()))
    return message


def _groups(groups: tuple[str | Any, ...]) -> dict[str, str]:
    return {f"g{i}": str(g) for i, g in enumerate(groups)}


def show(exc: Any, lang: str) -> None:
    """What click's ClickException.show prints, in `lang`."""
    ctx = getattr(exc, "ctx", None)
    out = sys.stderr
    if ctx is not None:
        usage = ctx.get_usage()
        if lang != "en":
            usage = usage.replace("Usage:", t("usage.usage", lang), 1)
        out.write(usage + "\n")
        command = ctx.command_path
        out.write(t("usage.try-help", lang, command=command) + "\n")
    out.write(f"\n{t('usage.error', lang)}: {translate(exc.format_message(), lang)}\n")
