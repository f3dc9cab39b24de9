"""Shared pieces of every command: the Typer app, the output-format enum, language, problem printing."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pmprb import __version__
from pmprb.errors import ExitCode, Location, Problem, UserError
from pmprb.writers.cells import safe_cell

__all__ = [
    "FilesArgument",
    "Lang",
    "LangOption",
    "LayerOption",
    "OutputFormat",
    "WorksheetOption",
    "app",
    "github_annotations",
    "print_problems",
    "safe_cell",
]

if TYPE_CHECKING:
    from rich.console import Console

app = typer.Typer(
    name="pmprb",
    help="Penilaian mandiri Reformasi Birokrasi dan Zona Integritas: lembar kerja (LKE) sebagai data, "
    "nilai yang tervalidasi, laporan dan perbandingan.",
    no_args_is_help=True,
    add_completion=True,  # --install-completion, --show-completion (bash, zsh, fish, PowerShell)
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},  # inherited by every command
)


class OutputFormat(StrEnum):
    """Every machine- or human-readable output the commands offer (not all commands offer all)."""

    table = "table"
    text = "text"
    json = "json"
    csv = "csv"
    github = "github"
    xlsx = "xlsx"


class Lang(StrEnum):
    id = "id"
    en = "en"


def default_lang() -> Lang:
    value = os.environ.get("PMPRB_LANG", "id").lower()
    return Lang.en if value.startswith("en") else Lang.id


LangOption = Annotated[
    Lang,
    typer.Option(
        "--lang", envvar="PMPRB_LANG", help="Bahasa keluaran: id (bawaan) atau en (juga PMPRB_LANG)."
    ),
]


def examples(*lines: str) -> str:
    """A command's help epilog: a line or two to copy (\\b keeps click from re-wrapping them)."""
    return "\b\nContoh:\n" + "".join(f"  {line}\n" for line in lines)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"pmprb {__version__}")
        raise typer.Exit()


@app.callback(
    epilog=examples(
        "pmprb score lke-unit.xlsx", "pmprb score lke/ --format csv -o nilai.csv", "pmprb show zi-2026 21"
    )
)
def _group(
    version: Annotated[
        bool,
        typer.Option("--version", "-V", help="Versi pmprb.", callback=_version, is_eager=True),
    ] = False,
    lang: LangOption = Lang.id,
) -> None:
    # a group even when only the invoked command is registered (pmprb.cli.app), never a lone command;
    # `pmprb --lang en COMMAND` is read by pmprb.cli.app before the line is parsed (help included)
    pass


# options several commands share, spelled once
FilesArgument = Annotated[
    list[Path], typer.Argument(help="Berkas LKE: Excel ZI resmi, JSON PortalRB, atau workbook pmprb.")
]
WorksheetOption = Annotated[
    str | None,
    typer.Option("--worksheet", "-w", help="ID lembar kerja atau berkas YAML (bawaan: dikenali otomatis)."),
]
LayerOption = Annotated[
    str,
    typer.Option("--layer", "-l", help="Lapisan jawaban (lembar kerja): unit, tpi (ZI), evaluator (SAKIP)."),
]


def stdout_console() -> Console:
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False, emoji=False)


def stderr_console() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False, emoji=False)


def github_escape(text: str, *, prop: bool = False) -> str:
    """A workflow command's data (or, with `prop`, a property value such as file= or title=)."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def github_annotations(problems: list[Problem], lang: str) -> str:
    """GitHub Actions workflow commands, one line a problem; a cell or JSON path, which GitHub cannot
    point at, starts the message."""
    out = []
    for p in problems:
        level = "error" if p.severity == "error" else "warning"
        loc = p.location
        where = f"file={github_escape(loc.file, prop=True)}" if loc.file else ""
        if loc.line:
            where += f",line={loc.line},col={loc.column or 1}"
        place = f"{loc.sheet}!{loc.cell}" if loc.sheet and loc.cell else (loc.cell or loc.json_path)
        message = github_escape((f"{place}: " if place else "") + p.message(lang))
        out.append(f"::{level} {where},title={p.code}::{message}\n")
    return "".join(out)


def print_problems(
    problems: list[Problem],
    lang: str,
    *,
    fmt: OutputFormat | None = None,
    texts: dict[str, str] | None = None,
) -> None:
    """Problems to stderr, one line each: location, severity, message, and with `texts` (question id
    -> the start of its text) what the question asks. GitHub annotations on stdout."""
    if fmt is OutputFormat.github:
        sys.stdout.write(github_annotations(problems, lang))
        return
    if not problems:
        return
    from rich.markup import escape

    console = stderr_console()
    labels = {"error": ("galat", "error"), "warning": ("peringatan", "warning"), "info": ("info", "info")}
    for p in problems:
        label = labels[p.severity][0 if lang == "id" else 1]
        style = {"error": "red", "warning": "yellow", "info": "cyan"}[p.severity]
        if not any(p.location):  # nowhere in particular (an unknown worksheet id): as a usage error
            console.print(f"[{style}]{label.capitalize()}[/{style}]: {escape(p.message(lang))}")
            continue
        message = p.message(lang)
        if texts and p.question in texts:
            message += f" «{texts[p.question]}»"
        console.print(f"{escape(str(p.location))}: [{style}]{label}[/{style}] {escape(message)}")


ForceOption = Annotated[
    bool, typer.Option("--force", help="Timpa berkas keluaran yang sudah ada (berkas ini disunting orang).")
]


def refuse_to_overwrite(output: Path, force: bool) -> None:
    """A file people edit (an assessor's workbook, a consensus or action-plan workbook) is replaced
    only when asked: their work would be lost. Generated reports and data are simply replaced."""
    if output.exists() and not force:
        raise UserError(Problem("output.exists-edited", Location(str(output)), params={"path": str(output)}))


def exit_with(code: ExitCode) -> None:
    raise typer.Exit(int(code))
