"""Entry point: registers the commands and turns every outcome into an exit code.

A user's mistake (UserError) prints its problems and exits 2 (or its own code); anything
unexpected is a bug: a short message with a bug-report hint and exit 3, never a traceback.
"""

from __future__ import annotations

import importlib
import os
import sys

from pmprb.cli.base import app, default_lang
from pmprb.errors import ExitCode, UserError

# command (or group) name -> the module that registers it on `app`
COMMANDS = {
    "score": "pmprb.cli.score",
    "worksheets": "pmprb.cli.worksheets",
    "show": "pmprb.cli.worksheets",
    "import": "pmprb.cli.importer",
    "check": "pmprb.cli.check",
    "schema": "pmprb.cli.schema",
    "report": "pmprb.cli.report",
    "compare": "pmprb.cli.compare",
    "consensus": "pmprb.cli.compare",
    "template": "pmprb.cli.template",
    "serve": "pmprb.cli.serve",
    "token": "pmprb.cli.token",
    "export": "pmprb.cli.export",
}


def _register(args: list[str]) -> None:
    """The invoked command's module only (every module for help or an unknown name): building every
    command's parser costs more than scoring a workbook."""
    name = next((a for a in args if not a.startswith("-")), None)
    for module in [COMMANDS[name]] if name in COMMANDS else dict.fromkeys(COMMANDS.values()):
        importlib.import_module(module)


def _lang(argv: list[str]) -> str:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return default_lang().value


def _click_exception() -> type[Exception]:
    """Click's ClickException, as typer vendors it (typer >= 0.27) or imports it."""
    import typer

    return next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")


def main(argv: list[str] | None = None) -> None:
    import typer

    args = list(sys.argv[1:] if argv is None else argv)
    lang = _lang(args)
    try:
        _register(args)
        result = app(args=args, prog_name="pmprb", standalone_mode=False)
        code = int(result) if isinstance(result, int) else 0
    except typer.Exit as exc:
        code = exc.exit_code
    except typer.Abort:
        code = 130
    except _click_exception() as exc:  # usage errors: unknown option, missing argument, bad value
        from pmprb.cli.usage import show

        show(exc, lang)
        code = ExitCode.USAGE
    except UserError as exc:
        from pmprb.cli.base import print_problems

        print_problems(exc.problems, lang)
        code = exc.exit_code
    except KeyboardInterrupt:
        code = 130
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 0
    except Exception as exc:  # noqa: BLE001 - the last line of defence
        if os.environ.get("PMPRB_DEBUG"):
            raise
        from pmprb.i18n import t

        sys.stderr.write(t("bug", lang, error=f"{type(exc).__name__}: {exc}") + "\n")
        code = ExitCode.BUG
    sys.exit(code)
