"""Ctrl-C (SIGINT) and SIGTERM end any command promptly, with one line and the conventional status.

The handler raises `Interrupted` in the main thread, wherever it is; the command unwinds through its
`finally` blocks (workers killed, temporary output files removed) and `cli.app` prints one line.
Three places could otherwise swallow the signal or print a traceback: an exception inside an import
leaves the module half made (so the handler waits, 20 ms at a time, until no import is running); an
exception raised inside a `__del__` (zipfile's, say) is "ignored" with a traceback on standard error,
so `sys.unraisablehook` drops ours silently and the flag lets the batch loop raise it again after
the current file; and a second signal during the clean-up is ignored, so the clean-up itself is
never cut short.
"""

from __future__ import annotations

# only modules the interpreter has loaded before any of ours: this is imported first thing, so that
# the window in which a signal still meets Python's defaults (a KeyboardInterrupt traceback) is short
import signal
import sys

TYPE_CHECKING = False  # typing itself costs 5 ms to import
if TYPE_CHECKING:
    from types import FrameType
    from typing import Any

SIGNAL_CODES = {signal.SIGINT: 130, signal.SIGTERM: 143}  # 128 + the signal's number
TAKEN = (*SIGNAL_CODES, signal.SIGALRM)  # SIGALRM: an interruption deferred during an import


class Interrupted(BaseException):
    """A BaseException like KeyboardInterrupt: `except Exception` in a command must not catch it."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return SIGNAL_CODES.get(signal.Signals(self.signum), 128 + self.signum)


class Progress:
    """What the running command has done so far, for the line printed on interruption."""

    def __init__(self) -> None:
        self.done = 0
        self.total: int | None = None  # files in a batch, when the command runs one
        self.received: int | None = None  # the signal, once one arrived
        self.raised = False  # Interrupted raised (and not lost in a __del__): never twice


state = Progress()


RETRY_SECONDS = 0.02


def _importing() -> bool:
    """A module is being imported: an exception now would leave it half made in sys.modules (the
    message then printed needs the YAML parser, which may be that module)."""
    return any(
        getattr(getattr(m, "__spec__", None), "_initializing", False) for m in list(sys.modules.values())
    )


def _handler(signum: int, _frame: FrameType | None) -> None:
    if state.received is not None:
        return  # a second signal while cleaning up: the first one is already on its way
    state.received = signum
    for sig in SIGNAL_CODES:
        signal.signal(sig, signal.SIG_IGN)
    _raise_when_safe()


def _raise_when_safe(*_: Any) -> None:
    if state.raised:
        return
    if _importing():  # a few milliseconds later, once the import is done
        signal.signal(signal.SIGALRM, _raise_when_safe)
        signal.setitimer(signal.ITIMER_REAL, RETRY_SECONDS)
        return
    _raise()


def _raise() -> None:
    assert state.received is not None
    signal.setitimer(signal.ITIMER_REAL, 0)  # a deferred raise still pending is not wanted now
    state.raised = True
    raise Interrupted(state.received)


def _unraisable(hook: Any) -> Any:
    def quiet(unraisable: Any) -> None:
        if isinstance(unraisable.exc_value, Interrupted | KeyboardInterrupt):
            state.raised = False  # lost inside a __del__: `check()` raises it again where it can be caught
            return
        hook(unraisable)

    return quiet


def install() -> None:
    """From the CLI's entry point only: a library never takes over a program's signals."""
    state.done, state.total, state.received, state.raised = 0, None, None, False
    for sig in SIGNAL_CODES:
        # ignored when we started (a background job of a shell without job control, nohup): stays so
        if signal.getsignal(sig) is not signal.SIG_IGN:
            signal.signal(sig, _handler)
    signal.signal(signal.SIGALRM, signal.SIG_IGN)
    if not getattr(sys.unraisablehook, "_pmprb", False):
        quiet = _unraisable(sys.unraisablehook)
        quiet._pmprb = True  # type: ignore[attr-defined]
        sys.unraisablehook = quiet


def check() -> None:
    """Raise the interruption that a `__del__` swallowed, if any (call between units of work)."""
    if state.received is not None and not state.raised:
        _raise()


class held:  # lower case: used as `with interrupt.held():`
    """SIGINT and SIGTERM wait (blocked, not lost) while a few lines run that must not be cut apart."""

    def __enter__(self) -> None:
        signal.pthread_sigmask(signal.SIG_BLOCK, SIGNAL_CODES)

    def __exit__(self, *_: object) -> None:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, SIGNAL_CODES)


def settle() -> None:
    """The command is over and its exit code decided: a signal from now on waits, blocked, until the
    process is gone. Python's shutdown puts its handlers back to the defaults, so a SIGTERM in that
    moment would otherwise end a finished run as killed (status -15) instead of with its code."""
    signal.pthread_sigmask(signal.SIG_BLOCK, SIGNAL_CODES)


def in_worker() -> None:
    """A batch worker: Ctrl-C on the terminal reaches the whole process group, but only the parent
    acts on it (it kills its workers); SIGTERM ends a worker at once, and so does its parent's death
    (Linux), so no worker outlives a parent killed outright."""
    import os

    parent = os.getppid()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, SIGNAL_CODES)  # blocked by the parent around the fork
    _die_with_parent()
    if os.getppid() != parent:  # it died before we asked
        os._exit(1)


def _die_with_parent() -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL)
    except (OSError, AttributeError):
        pass
