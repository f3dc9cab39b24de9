"""`pmprb check` rules: one failing and one passing fixture per rule, the shipped worksheets, and a
deliberately broken copy of zi-2026."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from pmprb.catalog import shipped_paths
from pmprb.i18n import messages, t
from pmprb.lint import check_file, check_text, strict
from pmprb.model.weight import to_fraction

MESSAGES = messages("check")

FIXTURES = Path(__file__).parent / "data" / "lint"
RULE_DIRS = sorted(p for p in FIXTURES.iterdir() if p.is_dir())
NOT_RULES = {"check.clean", "check.summary", "check.no-worksheets", "check.import-findings"}
RULE_CODES = {
    code for code in MESSAGES if code.startswith("check.") and ".hint" not in code and code not in NOT_RULES
}
EXPECT = re.compile(r"#\s*expect:\s*(.+)$")


def expected(path: Path) -> set[tuple[int, str]]:
    """(line, code) from the `# expect: rule[, rule]` comments of a fixture."""
    out = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        match = EXPECT.search(line)
        if match:
            out.update((number, f"check.{code.strip()}") for code in match.group(1).split(","))
    return out


def found(path: Path) -> set[tuple[int | None, str]]:
    return {(p.location.line, p.code) for p in check_file(path).problems}


def test_every_rule_has_fixtures_and_messages() -> None:
    assert {f"check.{d.name}" for d in RULE_DIRS} == RULE_CODES
    for code in RULE_CODES:
        assert f"{code}.hint" in MESSAGES, code
        for lang in ("id", "en"):
            assert MESSAGES[code][lang] and MESSAGES[f"{code}.hint"][lang]


@pytest.mark.parametrize("rule", RULE_DIRS, ids=lambda d: d.name)
def test_failing_fixture_reports_exactly_the_marked_lines(rule: Path) -> None:
    want = expected(rule / "fail.yaml")
    assert want, "a failing fixture marks its findings"
    assert {code for _, code in want} == {f"check.{rule.name}"}
    assert found(rule / "fail.yaml") == want


@pytest.mark.parametrize("rule", RULE_DIRS, ids=lambda d: d.name)
def test_passing_fixture_is_clean_even_strict(rule: Path) -> None:
    assert strict(check_file(rule / "pass.yaml").problems) == []


@pytest.mark.parametrize("rule", RULE_DIRS, ids=lambda d: d.name)
def test_messages_render_in_both_languages(rule: Path) -> None:
    for problem in check_file(rule / "fail.yaml").problems:
        for lang in ("id", "en"):
            text = problem.message(lang)
            assert not text.startswith("check."), text  # formatted, not the raw code
            assert "{" not in text, text


def test_shipped_worksheets_pass_strict_except_provisional_markers() -> None:
    paths = shipped_paths()
    assert "zi-2026" in paths
    for name, path in paths.items():
        problems = check_file(path).problems
        assert all(p.code == "check.provisional" and p.severity == "warning" for p in problems), (
            name,
            problems,
        )
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if name != "rb-2020":
            assert problems == [], name
        elif data.get("provisional") or "provisional: true" in path.read_text(encoding="utf-8"):
            assert problems, "rb-2020's provisional markers are reported"
            assert {p.severity for p in strict(problems)} == {"error"}


# --- the done-when test: a broken copy of zi-2026 ---------------------------------------------


def _zi_lines() -> list[str]:
    return shipped_paths()["zi-2026"].read_text(encoding="utf-8").splitlines(keepends=True)


def _line_of(lines: list[str], pattern: str, start: int = 0) -> int:
    """0-based index of the first line at or after `start` matching `pattern`."""
    for i in range(start, len(lines)):
        if re.search(pattern, lines[i]):
            return i
    raise AssertionError(pattern)


def test_broken_zi_2026_yields_exactly_three_findings_on_the_right_lines() -> None:
    lines = _zi_lines()
    # 1. one weight changed: the first sub-area under A.I.1 (0.5 -> 0.6); its parent declares 4
    parent = _line_of(lines, r"^\s+- id: A\.I\.1$")
    parent_weight = _line_of(lines, r"^\s+weight: ", parent)
    child = _line_of(lines, r"^\s+- id: A\.I\.1\.i$")
    child_weight = _line_of(lines, r"^\s+weight: ", child)
    assert to_fraction(lines[child_weight].split(":")[1].strip()) == to_fraction("0.5")
    lines[child_weight] = lines[child_weight].replace("0.5", "0.6")
    # 2. one id duplicated: question '2' becomes a second '1'
    first_q = _line_of(lines, r"^\s+- id: '1'$")
    dup = _line_of(lines, r"^\s+- id: '2'$")
    lines[dup] = lines[dup].replace("'2'", "'1'")
    # 3. one option value 1.5: option B of A/B/C
    abc = _line_of(lines, r"^  abc:$")
    option = _line_of(lines, r"^\s+value: 0\.5$", abc)
    lines[option] = lines[option].replace("0.5", "1.5")

    problems = check_text("".join(lines), "zi-2026-broken.yaml")
    got = sorted((p.location.line, p.code, p.severity) for p in problems)
    assert got == sorted(
        [
            (parent_weight + 1, "check.weight-sum", "error"),
            (dup + 1, "check.id-duplicate", "error"),
            (option + 1, "check.option-range", "error"),
        ]
    )
    by_code = {p.code: p for p in problems}
    assert by_code["check.weight-sum"].params["total"] == "4.1"
    assert "A.I.1.i 0.6" in by_code["check.weight-sum"].params["parts"]
    assert by_code["check.id-duplicate"].params["first_line"] == first_q + 1
    assert by_code["check.option-range"].params["value"] == "1.5"
    assert by_code["check.option-range"].location.column == lines[option].index("1.5") + 1


def test_zi_2026_with_wbk_before_wbbm_reports_wbbm_shadowed() -> None:
    """The classic ordering mistake: WBBM's conditions imply WBK's (areas >= 75 % give Pengungkit
    >= 45; IPAK + capaian >= 19.5 give Birokrasi bersih >= 18.25), so WBBM after WBK never wins."""
    path = shipped_paths()["zi-2026"]
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["predicates"].reverse()
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    problems = check_text(text, "swapped.yaml")
    assert [(p.code, p.params["rule"], p.params["earlier"]) for p in problems] == [
        ("check.predicate-shadowed", "WBBM", "WBK")
    ]


def test_zi_2026_wbk_not_shadowed_when_a_condition_is_not_implied() -> None:
    """Soundness: lowering WBBM's IPKP minimum below WBK's Pelayanan prima minimum (14) means WBBM
    no longer implies WBK, so WBBM-after-WBK is not reported."""
    path = shipped_paths()["zi-2026"]
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    wbbm = data["predicates"][0]
    for cond in wbbm["when"]:
        if cond["node"] == "127":
            cond["min"] = 13.99
    data["predicates"].reverse()
    problems = check_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "swapped.yaml")
    assert problems == []


# --- details of individual rules --------------------------------------------------------------

BASE = (FIXTURES / "weight-sum" / "pass.yaml").read_text(encoding="utf-8")


def test_thirds_written_exactly_add_up_but_decimals_do_not() -> None:
    assert check_text(BASE, "x.yaml") == []
    decimals = BASE.replace("weight: '1/3'", "weight: 0.33").replace("weight: '2/3'", "weight: 0.66")
    codes = sorted(p.code for p in check_text(decimals, "x.yaml"))
    # 0.33 looks like a third (warning), 0.66 does not; 0.99 != 1 (error)
    assert codes == ["check.weight-decimal-third", "check.weight-sum"]


def test_yaml_alias_that_contains_itself_is_a_cycle() -> None:
    text = BASE.replace("- id: B\n", "- &loop\n  id: B\n  children: [*loop]\n", 1)
    problems = check_text(text, "x.yaml")
    assert [p.code for p in problems] == ["check.ref-cycle"]
    assert problems[0].location.line == text.splitlines().index("  children: [*loop]") + 1


def test_schema_errors_are_all_reported_and_located() -> None:
    text = BASE.replace("  weight: 60\n", "  wieght: 60\n", 1).replace("year: 2026", "year: soon")
    text = text.replace("kind: choice", "kind: pilihan")
    problems = check_text(text, "x.yaml")
    lines = text.splitlines()
    got = {(p.code, lines[p.location.line - 1].strip()) for p in problems}
    assert got == {
        ("check.schema-unknown-key", "wieght: 60"),
        ("check.schema-type", "year: soon"),
        ("check.schema-choice", "kind: pilihan"),
    }
    unknown = next(p for p in problems if p.code == "check.schema-unknown-key")
    assert unknown.params["suggestion"] == "weight"
    assert "weight" in unknown.params["allowed"]


def test_strict_turns_warnings_into_errors() -> None:
    problems = check_file(FIXTURES / "provisional" / "fail.yaml").problems
    assert [p.severity for p in problems] == ["warning"]
    assert [p.severity for p in strict(problems)] == ["error"]


def test_provisional_marker_covers_its_subtree() -> None:
    text = BASE.replace("  - id: A.2\n", "  - id: A.2\n    provisional: true\n").replace(
        "    - id: A.2.a\n", "    - id: A.2.a\n      provisional: true\n"
    )
    problems = check_text(text, "x.yaml")
    assert [(p.code, p.params["id"]) for p in problems] == [("check.provisional", "A.2")]


def test_hints_exist_in_both_languages_for_fixture_findings() -> None:
    from pmprb.lint.report import hint

    for rule in RULE_DIRS:
        for problem in check_file(rule / "fail.yaml").problems:
            assert hint(problem, "id") and hint(problem, "en"), problem.code
            assert hint(problem, "id") != hint(problem, "en") or problem.code == "check.ref-cycle"


def test_unknown_message_code_would_show_raw() -> None:
    # guards the catalog registration: an unregistered catalog shows the raw code
    assert t("check.weight-sum", "en", id="A", value="1", total="2", parts="-").startswith("Node A")
