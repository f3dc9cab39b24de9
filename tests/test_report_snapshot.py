"""HTML snapshots of `pmprb report`: any change in what a reader sees shows up as a diff here.

After an intended change, regenerate them with the commands in SNAPSHOTS (run from the repository root)
and review the diff before committing."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from tests.cli_runner import run
from tests.report_helpers import DATE

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOTS = {
    "report-portalrb-id.html": ["examples/portalrb-jawaban-2026.json", "--date", DATE],
    "report-excel-en.html": [
        "examples/lke-zi-2026-unit.xlsx",
        "--date",
        DATE,
        "--lang",
        "en",
        "--unit",
        "Sample Service Office",
        "--instansi",
        "Sample Ministry",
    ],
}


@pytest.mark.parametrize("name", sorted(SNAPSHOTS))
def test_html_matches_snapshot(
    name: str, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)  # file names in the report are as given on the command line
    out = tmp_path / name
    result = run(capsys, "report", *SNAPSHOTS[name], "-o", str(out))
    assert result.code == 0, result.err
    expected = (Path(__file__).parent / "snapshots" / name).read_text(encoding="utf-8")
    actual = out.read_text(encoding="utf-8")
    if actual != expected:
        lines = difflib.unified_diff(expected.splitlines(True), actual.splitlines(True), "snapshot", "now")
        diff = "".join(list(lines)[:80])
        command = " ".join(["pmprb report", *SNAPSHOTS[name], "-o", f"tests/snapshots/{name}"])
        pytest.fail(f"{name} differs from its snapshot; if intended, regenerate with:\n  {command}\n{diff}")
