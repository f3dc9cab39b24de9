from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
# the official documents the worksheets are generated from, kept in the repository
SOURCES = ROOT / "worksheets" / "sources"


def pytest_configure(config: pytest.Config) -> None:
    # rich wraps to the terminal; tests read whole lines
    os.environ.setdefault("COLUMNS", "200")
    os.environ.pop("PMPRB_LANG", None)


@pytest.fixture(scope="session", autouse=True)
def _worksheet_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The parsed-worksheet cache lives in the session's temporary folder, never in the user's home."""
    os.environ["PMPRB_CACHE_DIR"] = str(tmp_path_factory.mktemp("pmprb-cache"))


@pytest.fixture
def soffice() -> str:
    """LibreOffice headless; CI installs it, so there a missing soffice is a failure, not a skip."""
    path = shutil.which("soffice") or shutil.which("libreoffice")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is required in CI")
        pytest.skip("LibreOffice not installed")
    return path


@pytest.fixture
def reference_dir() -> Path:
    """The official sources (worksheets/sources/): part of the repository, so never skipped."""
    return SOURCES
