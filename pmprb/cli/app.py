"""Entry point: registers the commands and turns every outcome into an exit code.

A user's mistake (UserError) prints its problems and exits 2 (or its own code); anything
unexpected is a bug: a short message with a bug-report hint and exit 3, never a traceback.
"""

from __future__ import annotations

import importlib
import os
import sys

# nothing above main() but what the interpreter has already loaded: Ctrl-C and SIGTERM are taken
# over first thing, so that a signal during our imports ends with one line and the conventional status

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
    "inspect": "pmprb.cli.inspect",
}


def _register(args: list[str]) -> None:
    """The invoked command's module only (every module for help, shell completion or an unknown name):
    building every command's parser costs more than scoring a workbook."""
    name = next((a for a in args if not a.startswith("-")), None)
    completing = "_PMPRB_COMPLETE" in os.environ
    chosen = [COMMANDS[name]] if name in COMMANDS and not completing else dict.fromkeys(COMMANDS.values())
    for module in chosen:
        importlib.import_module(module)


def _lang(argv: list[str]) -> str:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    from pmprb.cli.base import default_lang

    return default_lang().value


def _click_exception() -> type[Exception]:
    """Click's ClickException, as typer vendors it (typer >= 0.27) or imports it."""
    import typer

    return next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")


def _asks_nothing(args: list[str]) -> bool:
    """Bare `pmprb` (perhaps with --lang): the help, printed once, exit 0, as for `pmprb --help`."""
    rest = [a for a in args if not a.startswith("--lang=")]
    if "--lang" in rest:
        at = rest.index("--lang")
        del rest[at : at + 2]
    return not rest


def _interrupted(lang: str, code: int) -> int:
    """One line on standard error: what was done, and that no output file was written."""
    from pmprb.cli import interrupt
    from pmprb.i18n import t

    done = interrupt.state
    try:
        if done.total:
            message = t("interrupt.batch", lang, done=done.done, total=done.total)
        else:
            message = t("interrupt.plain", lang)
        sys.stderr.write("\n" + message + "\n")
        sys.stderr.flush()
    except Exception:  # the status still says it: never a traceback on the way out
        pass
    return code


def _pipe_closed() -> int:
    """The reader went away (`pmprb score ... | head`): quietly, with the status a shell gives a
    program ended by SIGPIPE; what Python still has to flush goes nowhere."""
    import signal

    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.__stdout__.fileno() if sys.__stdout__ else 1)
    return 128 + signal.SIGPIPE


def main(argv: list[str] | None = None) -> None:
    import signal

    from pmprb.cli import interrupt

    handlers = {sig: signal.getsignal(sig) for sig in interrupt.TAKEN}
    interrupt.install()
    args = list(sys.argv[1:] if argv is None else argv)
    lang = "id"
    try:
        try:
            lang = _lang(args)
            if _asks_nothing(args):
                args = ["--help"]
            code = _run(args, lang)
            if argv is None:
                interrupt.settle()
        except interrupt.Interrupted as exc:  # arrived while an error was being shown
            code = _interrupted(lang, exc.exit_code)
        except KeyboardInterrupt:
            code = _interrupted(lang, 130)
    finally:
        if argv is not None:  # a program calling main() keeps its own handlers
            for sig, handler in handlers.items():
                signal.signal(sig, handler)
    sys.exit(code)


def _run(args: list[str], lang: str) -> int:
    import typer

    from pmprb.cli import interrupt
    from pmprb.errors import ExitCode, UserError

    try:
        _register(args)
        interrupt.check()
        from pmprb.cli.base import app
        from pmprb.cli.usage import localized

        result = localized(app, lang)(args=args, prog_name="pmprb", standalone_mode=False)
        code = int(result) if isinstance(result, int) else 0
        interrupt.check()
    except interrupt.Interrupted as exc:
        code = _interrupted(lang, exc.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        code = _interrupted(lang, 130)
    except typer.Exit as exc:
        code = exc.exit_code
    except SystemExit as exc:
        if not isinstance(exc.__context__, BrokenPipeError):
            raise
        # click turns a closed standard output into exit 1, the code for invalid answers
        code = _pipe_closed()
    except _click_exception() as exc:  # usage errors: unknown option, missing argument, bad value
        from pmprb.cli.usage import show

        show(exc, lang)
        code = ExitCode.USAGE
    except UserError as exc:
        from pmprb.cli.base import print_problems

        print_problems(exc.problems, lang)
        code = exc.exit_code
    except BrokenPipeError:
        code = _pipe_closed()
    except Exception as exc:  # the last line of defence
        if interrupt.state.received is not None:
            # raised while unwinding from the signal (a half-written zip's `finally`, say): its cause
            # is the interruption, not a bug
            return _interrupted(lang, interrupt.Interrupted(interrupt.state.received).exit_code)
        if os.environ.get("PMPRB_DEBUG"):
            raise
        from pmprb.cli.crash import report_bug

        code = report_bug(exc, lang, args)
    return int(code)
