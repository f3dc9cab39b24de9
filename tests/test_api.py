"""`pmprb.api` is the library's surface: its names exist, and the README's example runs as written."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import pmprb.api
from pmprb.api import display, score_file

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "lke-zi-2026-unit.xlsx"


def test_every_public_name_exists() -> None:
    assert sorted(pmprb.api.__all__) == pmprb.api.__all__
    assert all(hasattr(pmprb.api, name) for name in pmprb.api.__all__)


def test_the_readme_example_runs(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    code = re.search(r"```python\n(.*?)```", readme[readme.index("## Library API") :], re.S)
    assert code is not None
    shutil.copy(EXAMPLE, tmp_path / "lke-unit.xlsx")  # the file the example names
    monkeypatch.chdir(tmp_path)
    exec(compile(code.group(1), "README.md", "exec"), {})
    out = capsys.readouterr().out.splitlines()
    result = score_file(EXAMPLE)
    assert out[0] == f"{result.worksheet} {display(result.total)} {result.predicate}"
    tree = [n for n in result.nodes if not n.combined]
    assert [line.split()[0] for line in out[1 : 1 + len(tree)]] == [n.id for n in tree]
    unanswered = [q.id for q in result.questions.values() if q.status != "answered"]
    assert [line.split()[0] for line in out[1 + len(tree) :]] == unanswered
