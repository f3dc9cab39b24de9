"""A bug's report: an unexpected exception's traceback goes to a log file, and the user is told where it
is and how to report it (exit 3), as pre-commit does. PMPRB_DEBUG=1 lets the traceback through."""

from __future__ import annotations

import os
import platform
import sys
import tempfile
import traceback
from importlib import metadata
from pathlib import Path

from pmprb import __version__
from pmprb.catalog import cache_dir
from pmprb.errors import ExitCode
from pmprb.i18n import t

LOG_NAME = "pmprb.log"


def log_path() -> Path:
    """Beside the worksheet cache (~/.cache/pmprb), or in the temporary folder when that is off."""
    folder = cache_dir() or Path(tempfile.gettempdir())
    return folder / LOG_NAME


def report_bug(exc: BaseException, lang: str, argv: list[str] | None = None) -> int:
    log = log_path()
    text = _log_text(exc, sys.argv[1:] if argv is None else argv)
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        log.write_text(text, encoding="utf-8")
        where = str(log)
    except OSError:  # nowhere to write: the details go to the terminal instead
        sys.stderr.write(text)
        where = "-"
    params = {"error": f"{type(exc).__name__}: {exc}", "log": where, "tracker": _tracker(lang)}
    sys.stderr.write(t("bug.logged", lang, **params) + "\n")
    return ExitCode.BUG


def _log_text(exc: BaseException, argv: list[str]) -> str:
    return "".join(
        [
            "### version\n\n",
            f"pmprb {__version__}\n",
            f"python {sys.version.split()[0]} ({sys.executable})\n",
            f"{platform.platform()}\n\n",
            "### command\n\n",
            f"pmprb {' '.join(argv)}\n",
            f"working folder: {os.getcwd()}\n\n",
            "### error\n\n```\n",
            *traceback.format_exception(exc),
            "```\n",
        ]
    )


def _tracker(lang: str) -> str:
    """The project's issue tracker, as its package metadata names it."""
    try:
        urls = metadata.metadata("pmprb").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        urls = []
    for entry in urls:
        label, _, url = entry.partition(",")
        if label.strip().lower() in ("issues", "bug tracker", "tracker"):
            return url.strip()
    return t("bug.tracker-unknown", lang)
