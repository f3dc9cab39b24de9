"""Usage errors in the user's language: click (vendored by typer) writes its messages in English only,
so the common ones are recognised by pattern and rewritten; anything else is shown as click wrote it."""

from __future__ import annotations

import copy
import re
import sys
from functools import cache
from typing import Any

from pmprb.i18n import LANGS, t

# click's message -> our message code; groups become {0}, {1}, ...
PATTERNS = (
    (re.compile(r"^No such option: (\S+) \(Possible options: (.+)\)$"), "usage.no-such-option-hint"),
    (re.compile(r"^No such option: (\S+)$"), "usage.no-such-option"),
    (re.compile(r"^Missing argument '(.+)'\.$"), "usage.missing-argument"),
    (re.compile(r"^Missing option '(.+)'\.$"), "usage.missing-option"),
    (re.compile(r"^Option '(.+)' requires an argument\.$"), "usage.requires-argument"),
    (re.compile(r"^No such command '(.+)'\. Did you mean (.+)\?$"), "usage.no-such-command-suggest"),
    (re.compile(r"^No such command '(.+)'\.$"), "usage.no-such-command"),
    (re.compile(r"^Got unexpected extra argument(?:\(s\)|s)? \((.*)\)$"), "usage.extra-arguments"),
    (re.compile(r"^Invalid value for (.+?): '(.*)' is not one of (.*)\.$"), "usage.not-one-of"),
    (re.compile(r"^Invalid value for (.+?): (.*)$"), "usage.invalid-value"),
)


def translate(message: str, lang: str) -> str:
    message = _LIST_METAVAR.sub(r"'\1'", message)  # Missing argument 'FILES...': the name, not the usage
    if lang == "en":
        return message
    for pattern, code in PATTERNS:
        match = pattern.match(message)
        if match:
            return t(code, lang, **_groups(match.groups()))
    return message


_LIST_METAVAR = re.compile(r"'([A-Z_]+)\.\.\.'")


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


# --- help pages ---------------------------------------------------------------------------------
# Click writes its help in English. The command tree is put into the chosen language before it runs:
# each command's and parameter's help from catalogs/help.yaml (`help.<command path>[.<parameter>]`),
# and click's own words (Usage:, section headings, the help option, [default: ...]) by a formatter.

_HEADINGS = {"Options": "click.options", "Arguments": "click.arguments", "Commands": "click.commands"}
_USAGE_WORDS = (("[OPTIONS]", "click.usage-options"), ("COMMAND", "click.usage-command"))
_USAGE_ARGS = re.compile(r"\[ARGS\]")
_EXTRAS = re.compile(r"\s*\[([^\[\]]+)\]$")
_EXTRA_KEYS = (("default: ", "click.default"), ("env var: ", "click.env-var"))


def localized(app: Any, lang: str) -> Any:
    """The click command of the Typer `app`, its help and click's words in `lang`; a --lang given
    anywhere on the line (or PMPRB_LANG) becomes every command's language. The help texts are put into
    `lang` when a help page or a usage line is written, so a command that runs reads no catalog for them."""
    import typer.main

    command = typer.main.get_command(app)
    _prepare(command, lang)
    return command


def _prepare(command: Any, lang: str, lang_option: Any = None) -> None:
    command.context_class = _context_class(command.context_class, lang)
    if "lang" not in {param.name for param in command.params} and lang_option is not None:
        command.params.append(lang_option)  # `pmprb import --help --lang en` too
    for param in command.params:
        if param.name == "lang" and lang in LANGS:  # PMPRB_LANG was read by pmprb.cli.app, leniently
            param.default, param.show_default, param.envvar = lang, False, None
            if lang_option is None:
                lang_option = copy.copy(param)
                lang_option.expose_value = False  # a group without its own --lang accepts it, unused
    for sub in getattr(command, "commands", {}).values():
        _prepare(sub, lang, lang_option)


def _translate(command: Any, path: tuple[str, ...], lang: str) -> None:
    """Help, epilog, parameters' help and arguments' names of `command` and the commands under it."""
    if getattr(command, "_pmprb_lang", None) == lang:
        return
    command._pmprb_lang = lang
    key = ".".join(path)
    command.help = _catalog_text(f"help.{key}", lang, command.help)
    if command.epilog:  # examples (pmprb.cli.base.examples): commands to copy under a heading
        command.epilog = command.epilog.replace("\nContoh:\n", f"\n{t('click.examples', lang)}\n", 1)
    for param in command.params:
        if getattr(param, "help", None) is not None:
            shared = _catalog_text(f"help.{param.name}", lang, param.help)  # an option every command has
            param.help = _catalog_text(f"help.{key}.{param.name}", lang, shared)
        if param.param_type_name == "argument" and param.metavar is None:
            metavar = _catalog_text(f"metavar.{param.name}", lang, "")
            param.metavar = metavar + ("..." if param.nargs != 1 else "") if metavar else None
    for name, sub in getattr(command, "commands", {}).items():
        _translate(sub, (*path, name), lang)


def _catalog_text(code: str, lang: str, fallback: str | None) -> str | None:
    from pmprb.i18n import messages

    entry = messages("help").get(code)
    if fallback is None or entry is None:
        return fallback
    return str(entry.get(lang) or entry["id"])


@cache
def _context_class(base: type, lang: str) -> type:
    formatter = _formatter_class(base.formatter_class, lang)  # type: ignore[attr-defined]

    def make_formatter(self: Any) -> Any:
        _translate(self.command, tuple(self.command_path.split()), lang)
        return base.make_formatter(self)  # type: ignore[attr-defined]

    return type(base.__name__, (base,), {"formatter_class": formatter, "make_formatter": make_formatter})


@cache
def _formatter_class(base: type, lang: str) -> type:
    def write_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        if prefix is None:
            prefix = t("usage.usage", lang) + " "
        base.write_usage(self, prog, usage_words(args, lang), prefix)  # type: ignore[attr-defined]

    def section(self: Any, name: str) -> Any:
        return base.section(self, heading(name, lang))  # type: ignore[attr-defined]

    def write_dl(self: Any, rows: Any, *args: Any, **kwargs: Any) -> None:
        rows = [(term, help_row(text, lang)) for term, text in rows]
        base.write_dl(self, rows, *args, **kwargs)  # type: ignore[attr-defined]

    methods = {"write_usage": write_usage, "section": section, "write_dl": write_dl}
    return type(base.__name__, (base,), methods)


def heading(name: str, lang: str) -> str:
    code = _HEADINGS.get(name)
    return t(code, lang) if code else name


def usage_words(args: str, lang: str) -> str:
    for word, code in _USAGE_WORDS:
        args = args.replace(word, t(code, lang))
    return _USAGE_ARGS.sub(t("click.usage-args", lang), args)


def help_row(text: str, lang: str) -> str:
    """An option's help as click and typer compose it: the help option's own text, and the bracketed
    extras at its end ([default: unit], [env var: PMPRB_LANG], [required])."""
    if text == "Show this message and exit.":
        return t("click.help-option", lang)
    match = _EXTRAS.search(text)
    if match is None:
        return text
    extras = []
    for extra in match.group(1).split("; "):
        if extra == "required":
            extra = t("click.required", lang)
        for prefix, code in _EXTRA_KEYS:
            if extra.startswith(prefix):
                extra = f"{t(code, lang)}: {extra[len(prefix) :]}"
        extras.append(extra)
    head = text[: match.start()]
    return f"{head}  [{'; '.join(extras)}]" if head else f"[{'; '.join(extras)}]"
