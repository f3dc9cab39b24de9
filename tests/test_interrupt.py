"""A signal after the command is over never turns a finished run into a killed one."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

LATE_SIGTERM = """
import os, signal, sys
from pmprb.cli import interrupt
interrupt.install()
interrupt.settle()  # what main() does once the command's exit code is decided
os.kill(os.getpid(), signal.SIGTERM)  # arrives while Python shuts down
sys.exit(0)
"""


def test_a_signal_after_the_command_ends_leaves_its_exit_code() -> None:
    done = subprocess.run(
        [sys.executable, "-c", LATE_SIGTERM],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
    )
    assert done.returncode == 0 and done.stderr == "", (done.returncode, done.stderr)


def test_a_finished_score_exits_with_its_code(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pmprb", "score", str(ROOT / "examples" / "portalrb-jawaban-2026.json")],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
