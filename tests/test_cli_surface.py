"""Issue 16: the command line's surface: formats per command, show one question or a few levels,
did-you-mean, a consensus workbook's layer, files people edit, --version, -h, completion, examples."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pmprb import __version__
from tests.cli_runner import run
from tests.conftest import EXAMPLES, ROOT

XLSX = EXAMPLES / "lke-zi-2026-unit.xlsx"
JSON = EXAMPLES / "portalrb-jawaban-2026.json"


@pytest.mark.parametrize(
    ("command", "offered", "refused"),
    [
        (["score", str(JSON)], ["table", "json", "csv", "github"], ["xlsx", "text"]),
        (["worksheets"], ["table", "json"], ["csv", "github", "xlsx"]),
        (["show", "zi-2026"], ["table", "json"], ["csv", "xlsx"]),
    ],
)
def test_each_command_lists_and_accepts_its_own_formats(
    capsys: pytest.CaptureFixture[str], command: list[str], offered: list[str], refused: list[str]
) -> None:
    name = command[0]
    helped = run(capsys, name, "--help")
    listed = helped.out.split("--format", 1)[1].split("\n", 1)[0]
    assert all(f in listed for f in offered) and not any(f in listed for f in refused), listed
    for fmt in offered:
        assert run(capsys, *command, "--format", fmt).code in (0, 1)
    for fmt in refused:
        r = run(capsys, *command, "--format", fmt)
        assert r.code == 2 and "--format" in r.err


def test_show_one_question(capsys: pytest.CaptureFixture[str]) -> None:
    r = run(capsys, "show", "zi-2026", "21")
    assert r.code == 0
    lines = r.out.splitlines()
    assert len(lines) < 25  # not the 1,400 lines of the whole tree
    assert "A. PENGUNGKIT" in r.out and "Keterbukaan Informasi Publik" in r.out
    assert "21 b. Telah dilakukan monitoring" in r.out and "A = 1" in r.out
    data = json.loads(run(capsys, "show", "zi-2026", "21", "--format", "json").out)
    assert data["id"] == "21" and [n["code"] for n in data["path"]][0] == "A."
    assert [o["key"] for o in data["options"]] == ["A", "B", "C"]
    unknown = run(capsys, "show", "zi-2026", "999", "--lang", "en")
    assert unknown.code == 2 and "question numbers are 1–127" in unknown.err


def test_show_to_a_depth(capsys: pytest.CaptureFixture[str]) -> None:
    two = run(capsys, "show", "zi-2026", "--depth", "2")
    assert two.code == 0 and "I. PEMENUHAN" in two.out and "MANAJEMEN PERUBAHAN" not in two.out
    assert len(two.out.splitlines()) < 10
    three = run(capsys, "show", "zi-2026", "-d", "3")
    assert "MANAJEMEN PERUBAHAN" in three.out and "Ya/Tidak" not in three.out
    data = json.loads(run(capsys, "show", "zi-2026", "--depth", "1", "--format", "json").out)
    assert [n["code"] for n in data["nodes"]] == ["A.", "B."]
    assert not any("children" in n or "questions" in n for n in data["nodes"])


@pytest.mark.parametrize("typo", ["zi2026", "ZI_2026", "zi-2062"])
def test_did_you_mean_a_worksheet(capsys: pytest.CaptureFixture[str], typo: str) -> None:
    r = run(capsys, "show", typo)
    assert r.code == 2
    assert r.err.startswith("Galat: ") and "maksud Anda 'zi-2026'?" in r.err
    english = run(capsys, "score", str(JSON), "--worksheet", typo, "--lang", "en")
    assert english.code == 2 and "did you mean 'zi-2026'?" in english.err
    far = run(capsys, "show", "sakip")
    assert "maksud Anda" not in far.err and "tidak dikenal" in far.err


def test_a_consensus_workbook_remembers_its_layer(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "konsensus.xlsx"
    made = run(capsys, "consensus", str(XLSX), str(JSON), "--layer", "tpi", "-o", str(out))
    assert made.code == 0
    remembered = json.loads(run(capsys, "score", str(out), "--format", "json").out)
    tpi = json.loads(run(capsys, "score", str(XLSX), "--layer", "tpi", "--format", "json").out)
    assert remembered["layer"] == "tpi" and remembered["total"] == tpi["total"] and remembered["total"] > 0
    # asked for the empty layer: the score stands, with a warning naming the layer that has answers
    unit = run(capsys, "score", str(out), "--layer", "unit", "--lang", "en")
    assert "Layer unit is empty in this file; its answers are in layer tpi" in unit.err
    assert "--layer tpi" in unit.err


def test_files_people_edit_are_kept_unless_forced(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "konsensus.xlsx"
    assert run(capsys, "consensus", str(XLSX), str(JSON), "-o", str(out)).code == 0
    out.write_bytes(b"edited by the meeting")
    again = run(capsys, "consensus", str(XLSX), str(JSON), "-o", str(out))
    assert again.code == 2 and "--force" in again.err and out.read_bytes() == b"edited by the meeting"
    assert run(capsys, "consensus", str(XLSX), str(JSON), "-o", str(out), "--force").code == 0
    plan = tmp_path / "rencana" / "aksi.xlsx"  # a missing folder is made
    assert run(capsys, "compare", str(XLSX), "-f", "xlsx", "-o", str(plan)).code == 0
    kept = run(capsys, "compare", str(XLSX), "-f", "xlsx", "-o", str(plan), "--lang", "en")
    assert kept.code == 2 and "add --force to overwrite it" in kept.err
    # generated data is simply replaced
    data = tmp_path / "nilai.csv"
    data.write_text("old")
    assert run(capsys, "score", str(JSON), "-f", "csv", "-o", str(data)).code == 0
    assert data.read_text().startswith("file,")


def test_version_and_short_help(capsys: pytest.CaptureFixture[str]) -> None:
    for flag in ("--version", "-V"):
        r = run(capsys, flag)
        assert r.code == 0 and r.out.strip() == f"pmprb {__version__}"
    for args in (["-h"], ["score", "-h"], ["show", "-h"]):
        r = run(capsys, *args)
        assert r.code == 0 and "--help" in r.out and "Contoh:" in r.out


def test_bare_pmprb_prints_the_help_once(capsys: pytest.CaptureFixture[str]) -> None:
    for args in ([], ["--lang", "en"]):
        r = run(capsys, *args)
        assert r.code == 0 and r.err == ""
        assert r.out.count("Usage") + r.out.count("Cara pakai") == 1
        assert "score" in r.out and "--version" in r.out


COMMANDS = [
    "score",
    "worksheets",
    "show",
    "check",
    "schema",
    "report",
    "compare",
    "consensus",
    "template",
    "serve",
    "token new",
    "import portalrb",
    "import kke",
    "export portalrb",
    "export answers",
]


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_examples(capsys: pytest.CaptureFixture[str], name: str) -> None:
    r = run(capsys, *name.split(), "--help")
    assert r.code == 0
    examples = r.out.split("Contoh:", 1)[1]
    assert f"pmprb {name}" in examples, name


def test_shell_completion(tmp_path: Path) -> None:
    # typer otherwise detects the shell from the process tree (`sh` under some CI runners, which it
    # does not support) and takes `--show-completion` as a flag; this makes it take the shell named
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "HOME": str(tmp_path),
        "SHELL": "/bin/bash",
        "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1",
    }
    shown = subprocess.run(
        [sys.executable, "-m", "pmprb", "--show-completion", "bash"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert shown.returncode == 0 and "_PMPRB_COMPLETE" in shown.stdout
    # what the shell asks when the user types `pmprb sc<TAB>`
    asked = subprocess.run(
        [sys.executable, "-m", "pmprb"],
        capture_output=True,
        text=True,
        env={**env, "_PMPRB_COMPLETE": "complete_bash", "COMP_WORDS": "pmprb sc", "COMP_CWORD": "1"},
        check=False,
    )
    assert "score" in asked.stdout and "schema" in asked.stdout
