"""Interrupting a running pmprb as a terminal or `kill` would, for the interruption tests."""

from __future__ import annotations

import os
import signal
import subprocess
import time

import pytest


def interrupt(process: subprocess.Popen[str], sig: signal.Signals, what: str) -> tuple[str, float]:
    """Send `sig` (SIGINT to the whole process group, as a terminal's Ctrl-C does; SIGTERM to pmprb
    only, as `kill` and `timeout` do) and wait for the end: its standard error and the seconds it took.
    A process still running 30 s later is killed and the test fails (a hang)."""
    sent = time.monotonic()
    if sig == signal.SIGINT:
        os.killpg(process.pid, sig)
    else:
        process.send_signal(sig)
    try:
        _, err = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        pytest.fail(f"{sig.name} did not end {what} (hang)")
    took = time.monotonic() - sent
    assert "Traceback" not in err and "Exception" not in err, err
    return err, took
