"""Ctrl-C (SIGINT) and SIGTERM end any command promptly, with one line and the conventional status.

The handler raises `Interrupted` in the main thread, wherever it is; the command unwinds through its
`finally` blocks (workers killed, temporary output files removed) and `cli.app` prints one line. Two
places could otherwise swallow the signal or print a traceback: an exception raised inside a `__del__`
(zipfile's, say) is "ignored" with a traceback on standard error, so `sys.unraisablehook` drops
ours silently and the flag lets the batch loop raise it again after the current file; and a second
signal during the clean-up is ignored, so the clean-up itself is never cut short.
"""

from __future__ import annotations

import signal
import sys
from dataclasses import dataclass
from types import FrameType
from typing import Any

SIGNAL_CODES = {signal.SIGINT: 130, signal.SIGTERM: 143}  # 128 + the signal's number


class Interrupted(BaseException):
    """A BaseException like KeyboardInterrupt: `except Exception` in a command must not catch it."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return SIGNAL_CODES.get(signal.Signals(self.signum), 128 + self.signum)


@dataclass
class Progress:
    """What the running command has done so far, for the line printed on interruption."""

    done: int = 0
    total: int | None = None  # files in a batch, when the command runs one
    received: int | None = None  # the signal, once one arrived


state = Progress()


def _handler(signum: int, _frame: FrameType | None) -> None:
    if state.received is not None:
        return  # a second signal while cleaning up: the first one is already on its way
    state.received = signum
    for sig in SIGNAL_CODES:
        signal.signal(sig, signal.SIG_IGN)
    raise Interrupted(signum)


def _unraisable(hook: Any) -> Any:
    def quiet(unraisable: Any) -> None:
        if isinstance(unraisable.exc_value, Interrupted | KeyboardInterrupt):
            return  # raised inside a __del__: `check()` raises it again where it can be caught
        hook(unraisable)

    return quiet


def install() -> None:
    """From the CLI's entry point only: a library never takes over a program's signals."""
    state.done, state.total, state.received = 0, None, None
    for sig in SIGNAL_CODES:
        signal.signal(sig, _handler)
    if not getattr(sys.unraisablehook, "_pmprb", False):
        quiet = _unraisable(sys.unraisablehook)
        quiet._pmprb = True  # type: ignore[attr-defined]
        sys.unraisablehook = quiet


def check() -> None:
    """Raise the interruption that a `__del__` swallowed, if any (call between units of work)."""
    if state.received is not None:
        raise Interrupted(state.received)


def in_worker() -> None:
    """A batch worker: Ctrl-C on the terminal reaches the whole process group, but only the parent
    acts on it (it kills its workers); SIGTERM ends a worker at once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
