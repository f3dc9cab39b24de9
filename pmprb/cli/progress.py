"""A progress bar on standard error for work that takes a while: shown only on a terminal (never when
the output is piped or captured, as in tests) and only once the work has taken a second, so quick
commands print nothing extra.

    with progress(t("progress.render", lang), total=len(parts)) as step:
        for part in parts:
            ...
            step()
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Callable, Iterator
from typing import Any

DELAY = 1.0  # seconds of work before a bar appears


def wanted() -> bool:
    """A bar only for a person watching a terminal."""
    if os.environ.get("PMPRB_PROGRESS", "").lower() in ("0", "no", "false", "off"):
        return False
    if os.environ.get("TERM") == "dumb" or "PYTEST_CURRENT_TEST" in os.environ:
        return False
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


@contextlib.contextmanager
def progress(
    description: str, total: int | None = None, *, delay: float = DELAY
) -> Iterator[Callable[[], None]]:
    """Yield `step()`, to call as each of `total` pieces is done (`total=None`: a spinner, no count).
    The bar appears after `delay` seconds and is removed when the work ends."""
    if not wanted():
        yield lambda: None
        return
    lock = threading.Lock()
    done = 0
    shown: dict[str, Any] = {}

    def show() -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
        )

        with lock:
            if shown.get("closed"):
                return
            columns: list[Any] = [SpinnerColumn(), TextColumn("{task.description}")]
            if total is not None:
                columns += [BarColumn(), MofNCompleteColumn()]
            columns.append(TimeElapsedColumn())
            bar = Progress(*columns, console=Console(stderr=True), transient=True)
            bar.start()
            shown["bar"] = bar
            shown["task"] = bar.add_task(description, total=total, completed=done)

    def step() -> None:
        nonlocal done
        with lock:
            done += 1
            if "bar" in shown:
                shown["bar"].update(shown["task"], completed=done)

    timer = threading.Timer(delay, show)
    timer.daemon = True
    timer.start()
    try:
        yield step
    finally:
        timer.cancel()
        timer.join()  # no thread of ours outlives the work (a fork after it copies none)
        with lock:
            shown["closed"] = True
            bar = shown.get("bar")
        if bar is not None:
            refresher = getattr(bar.live, "_refresh_thread", None)
            bar.stop()
            if refresher is not None:  # rich only signals its refresh thread: wait for it to end
                refresher.join()
