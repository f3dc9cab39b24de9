"""`pmprb check` and `pmprb schema` as users run them: formats, exit codes, the committed schema,
the import's own check, the pre-commit hook and the README's CI job."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from pmprb.catalog import shipped_paths, worksheets_dir
from tests.cli_runner import run

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "data" / "lint"
SCHEMA = ROOT / "worksheets" / "schema" / "worksheet.schema.json"


def test_default_checks_the_shipped_worksheets_and_warnings_do_not_fail(
    capsys: pytest.CaptureFixture[str],
) -> None:
    result = run(capsys, "check", "--format", "json")
    assert result.code == 0
    doc = json.loads(result.out)
    assert sorted(Path(f["path"]).stem for f in doc["files"]) == sorted(shipped_paths())
    assert doc["errors"] == 0
    assert all(p["code"] == "check.provisional" for f in doc["files"] for p in f["problems"])


def test_strict_fails_only_on_provisional_markers(capsys: pytest.CaptureFixture[str]) -> None:
    result = run(capsys, "check", "--strict", "--format", "json")
    doc = json.loads(result.out)
    codes = {p["code"] for f in doc["files"] for p in f["problems"]}
    assert codes <= {"check.provisional"}
    assert result.code == (1 if codes else 0)
    for f in doc["files"]:
        if Path(f["path"]).stem != "rb-2020":
            assert f["problems"] == [], f["path"]


def test_text_format_lines_and_exit_code(capsys: pytest.CaptureFixture[str]) -> None:
    path = FIXTURES / "weight-sum" / "fail.yaml"
    result = run(capsys, "check", str(path))
    assert result.code == 1
    first, hint = result.out.splitlines()[:2]
    assert re.match(
        rf"^{re.escape(str(path))}:\d+:\d+: galat \[check\.weight-sum\] Node A\.2 berbobot 1", first
    )
    assert hint.startswith("    saran: ")
    assert "1 galat, 0 peringatan" in result.err


def test_english_output(capsys: pytest.CaptureFixture[str]) -> None:
    result = run(capsys, "check", "--lang", "en", str(FIXTURES / "option-range" / "fail.yaml"))
    assert result.code == 1
    assert "error [check.option-range] Answer type abc: option B has value 1.5" in result.out
    assert "    hint: " in result.out


def test_clean_file_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    result = run(capsys, "check", str(FIXTURES / "weight-sum" / "pass.yaml"))
    assert (result.code, result.out) == (0, "")
    assert "tidak ada temuan" in result.err


def test_warnings_alone_exit_0_and_1_with_strict(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(FIXTURES / "provisional" / "fail.yaml")
    assert run(capsys, "check", path).code == 0
    strict = run(capsys, "check", "--strict", path)
    assert strict.code == 1
    assert "galat [check.provisional]" in strict.out


def test_json_format(capsys: pytest.CaptureFixture[str]) -> None:
    path = FIXTURES / "id-duplicate" / "fail.yaml"
    result = run(capsys, "check", "--format", "json", str(path))
    assert result.code == 1
    doc = json.loads(result.out)
    (problem,) = doc["files"][0]["problems"]
    assert problem["code"] == "check.id-duplicate"
    assert problem["severity"] == "error"
    assert problem["location"]["file"] == str(path)
    assert isinstance(problem["location"]["line"], int) and problem["location"]["column"] >= 1
    assert problem["hint"] and problem["message"].startswith("Id 'q1'")
    assert doc["errors"] == 1 and doc["warnings"] == 0


def test_github_annotations_escape_properties(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "a,b:c.yaml"
    shutil.copy(FIXTURES / "option-range" / "fail.yaml", target)
    result = run(capsys, "check", "--format", "github", "--lang", "en", str(target))
    assert result.code == 1
    (line,) = result.out.splitlines()
    escaped = str(target).replace(":", "%3A").replace(",", "%2C")
    marked = next(i for i, t in enumerate(target.read_text().splitlines(), 1) if "expect: option-range" in t)
    assert line.startswith(f"::error file={escaped},line={marked},col=")
    assert ",title=pmprb check.option-range::Answer type abc" in line
    assert "%0A" in line  # the hint on a second line
    assert "\n" not in line


def test_directory_argument_checks_its_yaml_files(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "option-range" / "fail.yaml", tmp_path / "one.yaml")
    shutil.copy(FIXTURES / "weight-sum" / "pass.yaml", tmp_path / "two.yml")
    (tmp_path / "notes.txt").write_text("not a worksheet")
    result = run(capsys, "check", "--format", "json", str(tmp_path))
    doc = json.loads(result.out)
    assert [Path(f["path"]).name for f in doc["files"]] == ["one.yaml", "two.yml"]
    assert result.code == 1
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run(capsys, "check", str(empty)).code == 2


def test_unreadable_input_exits_2_and_other_files_are_still_checked(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    result = run(
        capsys,
        "check",
        str(tmp_path / "missing.yaml"),
        str(binary),
        str(FIXTURES / "option-range" / "fail.yaml"),
    )
    assert result.code == 2
    assert "file.not-found" in result.out and "file.unreadable" in result.out
    assert "check.option-range" in result.out


def test_yaml_syntax_error_is_a_located_finding(capsys: pytest.CaptureFixture[str]) -> None:
    result = run(capsys, "check", str(FIXTURES / "yaml-syntax" / "fail.yaml"))
    assert result.code == 1
    assert re.search(r"fail\.yaml:5:\d+: galat \[check\.yaml-syntax\]", result.out)


def test_check_does_not_write_its_inputs(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "w.yaml"
    shutil.copy(FIXTURES / "weight-mixed" / "fail.yaml", target)
    before = (target.read_bytes(), target.stat().st_mtime_ns)
    run(capsys, "check", str(target))
    assert (target.read_bytes(), target.stat().st_mtime_ns) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.yaml"]


# --- schema -----------------------------------------------------------------------------------


def test_committed_schema_is_current(capsys: pytest.CaptureFixture[str]) -> None:
    result = run(capsys, "schema")
    assert result.code == 0
    assert SCHEMA.read_text(encoding="utf-8") == result.out, (
        "run: pmprb schema -o worksheets/schema/worksheet.schema.json"
    )


def test_schema_output_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "s.json"
    assert run(capsys, "schema", "-o", str(out)).code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["title"] == "Worksheet"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.json"]


def test_schema_ships_with_the_worksheets_and_validates_them() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((worksheets_dir() / "schema" / "worksheet.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    validator.check_schema(schema)
    for name, path in shipped_paths().items():
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert list(validator.iter_errors(data)) == [], name
    data = yaml.safe_load(shipped_paths()["zi-2026"].read_text(encoding="utf-8"))
    data["nodes"][0]["wieght"] = 60
    assert [e.validator for e in validator.iter_errors(data)] == ["additionalProperties"]


def test_zi_2026_points_editors_at_the_schema() -> None:
    path = shipped_paths()["zi-2026"]
    first = path.read_text(encoding="utf-8").splitlines()[0]
    match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert (
        match
        and (path.parent / match.group(1)).resolve()
        == (worksheets_dir() / "schema" / "worksheet.schema.json").resolve()
    )


# --- import runs check ------------------------------------------------------------------------


def test_import_portalrb_checks_what_it_writes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, reference_dir: Path
) -> None:
    master = reference_dir / "portalrb-master-soal-lke-zi-2026.json"
    out = tmp_path / "zi.yaml"
    result = run(capsys, "import", "portalrb", str(master), "-o", str(out))
    assert result.code == 0, result.err
    assert "check." not in result.err
    assert out.read_text(encoding="utf-8") == shipped_paths()["zi-2026"].read_text(encoding="utf-8")

    overlay = yaml.safe_load((worksheets_dir() / "overlays" / "zi-portalrb.yaml").read_text(encoding="utf-8"))
    wbk = next(r for r in overlay["predicates"] if r["label"] == "WBK")
    next(c for c in wbk["when"] if c["node"] == "A")["min"] = 65  # Pengungkit weighs 60
    broken = tmp_path / "overlay.yaml"
    broken.write_text(yaml.safe_dump(overlay, sort_keys=False, allow_unicode=True), encoding="utf-8")
    result = run(capsys, "import", "portalrb", str(master), "-o", str(out), "--overlay", str(broken))
    assert result.code == 1
    assert "[check.predicate-threshold] Predikat WBK: syarat A >= 65 melebihi bobotnya (60)" in result.err
    assert out.exists()  # written, so the maintainer can open the reported line


# --- pre-commit hook and the README's CI job --------------------------------------------------


def test_pre_commit_hook_definition() -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "pmprb-check"
    assert hook["entry"] == "pmprb check" and hook["language"] == "python"
    files = re.compile(hook["files"])
    assert files.search("worksheets/zi-2027.yaml") and files.search("lke/worksheets/rb.yml")
    assert not files.search(".github/workflows/ci.yml")
    assert not files.search("worksheets/overlays/zi-portalrb.yaml")


def test_readme_section_shows_a_ci_job_running_check() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Untuk pengelola lembar kerja: `pmprb check`", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```yaml\n(.*?)```", section, re.S)
    job = yaml.safe_load(blocks[0])
    steps = job["jobs"]["check"]["steps"]
    assert any("pmprb check" in s.get("run", "") and "--format github" in s.get("run", "") for s in steps)
    hooks = yaml.safe_load(blocks[1])["repos"][0]["hooks"]
    assert hooks[0]["id"] == "pmprb-check"
    for code in re.findall(r"`([a-z]+(?:-[a-z]+)+)`", section):
        if (FIXTURES / code).is_dir():
            continue
        assert code in ("pmprb-check",), f"README names an unknown rule {code}"
