"""A bug (an unexpected exception) ends with exit 3, one message naming a log file, and the traceback in
that file, never on the terminal."""

from __future__ import annotations

from pathlib import Path

import pytest

from pmprb.readers.source import Source
from tests.cli_runner import run

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "lke-zi-2026-unit.xlsx"


def _broken(*args: object, **kwargs: object) -> Source:
    raise RuntimeError("boom in the reader")


@pytest.mark.parametrize(("lang", "words"), [("id", "Ini bug pmprb"), ("en", "This is a bug in pmprb")])
def test_a_bug_is_logged_and_reported(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    lang: str,
    words: str,
) -> None:
    monkeypatch.setenv("PMPRB_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(Source, "open", _broken)
    result = run(capsys, "score", str(EXAMPLE), "--lang", lang)
    assert result.code == 3
    log = tmp_path / "cache" / "pmprb.log"
    message = " ".join(result.err.split())
    assert words in message and str(log) in message and "RuntimeError: boom in the reader" in message
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text and "boom in the reader" in text and "_broken" in text
    assert f"pmprb score {EXAMPLE} --lang {lang}" in text


def test_with_the_cache_off_the_log_goes_to_the_temporary_folder(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PMPRB_CACHE_DIR", "off")
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr("tempfile.tempdir", None)  # TMPDIR is read again
    monkeypatch.setattr(Source, "open", _broken)
    result = run(capsys, "score", str(EXAMPLE))
    assert result.code == 3
    assert (tmp_path / "pmprb.log").is_file()
