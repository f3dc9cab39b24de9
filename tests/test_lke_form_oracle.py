"""The official 90/2021 form as an oracle: copies of the blank form filled with random answer sets,
recalculated by LibreOffice, must agree with `pmprb score` on every node the form computes correctly
(and on the total once L175 is corrected); every tampering units make is detected and explained."""

from __future__ import annotations

import json
import os
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from pmprb.api import score_layers
from pmprb.scoring.result import ScoreResult
from tests.cli_runner import run
from tests.lke_form_helpers import (
    cached_values,
    fill,
    insert_rows,
    node_rows,
    random_answers,
    recalculate,
    set_cell,
    swap_rows,
)

SETS = int(os.environ.get("PMPRB_ORACLE_SETS", "5"))  # random answer sets (each corrected and not)
VALUE, TOTAL_ROW = 11, 208  # column L (0-based), the form's NILAI EVALUASI row
L175_PATH = {"A.II.5.iii", "A.II.5", "A.II", "A"}  # nodes whose figure includes L175
MOVED = [
    swap_rows(20, 21),
    set_cell("F20", "c."),
    set_cell("F21", "b."),
    insert_rows(12, 1),
    insert_rows(127, 1, {"G": "Catatan unit: baris tambahan"}),
]


@dataclass
class Oracle:
    files: dict[str, Path]
    answers: dict[str, dict[str, Any]]


_BUILT: dict[str, Oracle] = {}


def _base(rng: random.Random) -> dict[str, Any]:
    answers = random_answers(rng)
    # values chosen so that each tampering below changes a figure the form shows
    answers |= {"A.I.1.i.a": "Ya", "A.I.1.i.b": "B", "A.I.1.ii.a": "Ya", "A.I.4.ii.b": "Ya"}
    return answers


@pytest.fixture
def oracle(soffice: str, reference_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Oracle:
    """Every copy the tests need, recalculated in one LibreOffice run (built once per session)."""
    if "oracle" in _BUILT:
        return _BUILT["oracle"]
    work = tmp_path_factory.mktemp("lke-form-oracle")
    plan: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {}
    for i in range(SETS):
        answers = random_answers(random.Random(1000 + i))
        plan[f"corrected-{i}"] = (answers, {"correct_l175": True})
        plan[f"uncorrected-{i}"] = (answers, {})
    for i in range(2):
        plan[f"partial-{i}"] = (random_answers(random.Random(2000 + i), unanswered=6), {"correct_l175": True})
    base = _base(random.Random(7))
    more_lhkasn = base | {"A.II.5.iii.b.a": base["A.II.5.iii.b.a"] + 5}
    unanswered = {k: v for k, v in base.items() if k not in ("A.I.1.ii.b", "A.I.1.ii.c", "A.I.4.ii.a")}
    no_targets = base | {"A.II.4.i.a": 0, "A.II.4.i.b": 0}
    plan |= {
        "base": (base, {"correct_l175": True}),
        "j8": (base, {"correct_l175": True, "fix_j8": False}),
        "retyped": (
            base,
            {"correct_l175": True, "edits": [set_cell("J9", "A/B/C/D"), set_cell("J12", "ABC")]},
        ),
        "lhkasn-total": (more_lhkasn, {"correct_l175": True}),
        "k178": (base, {"correct_l175": True, "edits": [set_cell("K178", 99)]}),
        "overwritten": (base, {"correct_l175": True, "edits": [set_cell("L7", 0.9), set_cell("K128", 1)]}),
        "unanswered": (unanswered, {"correct_l175": True}),
        "divzero": (no_targets, {"correct_l175": True}),
        "moved": (base, {"correct_l175": True, "edits": MOVED}),
        "moved-uncorrected": (base, {"edits": MOVED}),
    }
    filled = [
        fill(reference_dir, work / f"{name}.xlsx", answers, **kw) for name, (answers, kw) in plan.items()
    ]
    done = recalculate(soffice, filled, work)
    _BUILT["oracle"] = Oracle(
        {name: path for name, path in zip(plan, done, strict=True)}, {k: v[0] for k, v in plan.items()}
    )
    return _BUILT["oracle"]


def _score(path: Path, strict: bool = False) -> ScoreResult:
    results, reason = score_layers(path, None, ("unit",), strict)
    assert results["unit"].worksheet == "zi-2021" and "LKE ZI" in reason
    return results["unit"]


def _findings(result: ScoreResult) -> set[tuple[str, str | None]]:
    return {
        (p.code, p.location.cell) for p in result.problems if p.code.startswith(("crosscheck.", "lkeform."))
    }


def _disagreeing_nodes(result: ScoreResult, path: Path) -> set[str]:
    grid, rows = cached_values(path), node_rows()
    out = set()
    for node in result.nodes:
        if node.combined:
            continue
        shown = grid[rows[node.id] - 1][VALUE]
        # an error the form shows (#DIV/0!, #VALUE!) reads as empty: a disagreement too
        if not isinstance(shown, float) or abs(shown - float(node.score)) > 0.005:
            out.add(node.id)
    return out


def _total(path: Path, row: int = TOTAL_ROW) -> float:
    shown = cached_values(path)[row - 1][VALUE]
    assert isinstance(shown, float)
    return shown


def test_corrected_copies_agree_on_every_node_and_the_total(oracle: Oracle) -> None:
    for i in range(SETS):
        path = oracle.files[f"corrected-{i}"]
        result = _score(path)
        assert _disagreeing_nodes(result, path) == set(), path.name
        assert abs(_total(path) - float(result.total)) <= 0.005
        assert _findings(result) == set()
        assert result.missing == []  # K178, the form's own sum, is read from its cached value


def test_uncorrected_copies_yield_exactly_the_l175_disagreement(oracle: Oracle) -> None:
    for i in range(SETS):
        path, corrected = oracle.files[f"uncorrected-{i}"], oracle.files[f"corrected-{i}"]
        result = _score(path)
        assert _disagreeing_nodes(result, path) <= L175_PATH  # every other node agrees
        assert abs(_total(corrected) - float(result.total)) <= 0.005  # the rules are the corrected form
        (finding,) = [p for p in result.problems if p.code.startswith("crosscheck.")]
        assert (finding.code, finding.location.cell, finding.severity) == (
            "crosscheck.wrong-range",
            "L175",
            "warning",
        )
        text = finding.message("en")
        assert "=AVERAGE(L176:L179)*H175" in text and "=L176+L183" in text
        assert "=AVERAGE(L176:L179)*H175" in finding.message("id")


def test_json_carries_the_findings_and_strict_makes_them_errors(
    oracle: Oracle, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(oracle.files["uncorrected-0"])
    r = run(capsys, "score", path, "--format", "json")
    assert r.code == 0
    data = json.loads(r.out)
    assert [(w["code"], w["location"]["cell"]) for w in data["warnings"]] == [
        ("crosscheck.wrong-range", "L175")
    ]
    strict = run(capsys, "score", path, "--format", "json", "--strict", "--lang", "en")
    assert strict.code == 1
    errors = json.loads(strict.out)["errors"]
    assert ("crosscheck.wrong-range", "L175") in [(e["code"], e["location"].get("cell")) for e in errors]
    table = run(capsys, "score", path)
    assert "L175" in table.err and "peringatan" in table.err


def test_unanswered_questions_explain_every_partial_disagreement(oracle: Oracle) -> None:
    rows = node_rows()
    for i in range(2):
        path = oracle.files[f"partial-{i}"]
        result = _score(path)
        findings = [p for p in result.problems if p.code.startswith("crosscheck.")]
        codes = {p.code for p in findings}
        assert "crosscheck.unanswered-skipped" in codes
        assert codes <= {"crosscheck.unanswered-skipped", "crosscheck.form-error"}, [
            p.message("en") for p in findings
        ]
        unanswered_nodes = {result.questions[q].node for q in result.missing}
        explained = {p.location.cell for p in findings}
        # each disagreeing sub-area holds unanswered questions and is explained at its own cell
        for node_id in _disagreeing_nodes(result, path):
            node = next(n for n in result.nodes if n.id == node_id)
            if node.depth == 3 or node_id.startswith("B."):
                assert node_id in unanswered_nodes, node_id
                cells = {f"L{rows[node_id]}"} | {
                    f"L{q.location.cell[1:]}"
                    for q in result.questions.values()
                    if q.node == node_id and q.location and q.location.cell
                }
                assert explained & cells, (node_id, explained)


TAMPERED = {
    "j8": {("crosscheck.unknown-type", "J8")},
    "retyped": {("crosscheck.type-changed", "J9"), ("crosscheck.unknown-type", "J12")},
    "lhkasn-total": {("crosscheck.count-total", "K185")},
    "k178": {("crosscheck.count-total", "K178")},
    "overwritten": {("crosscheck.formula-overwritten", "L7"), ("crosscheck.formula-overwritten", "K128")},
    "unanswered": {("crosscheck.unanswered-skipped", "L10"), ("crosscheck.unanswered-skipped", "L66")},
    "divzero": {("crosscheck.form-error", "K160")},
    "moved": set(),
    "moved-uncorrected": {("crosscheck.wrong-range", "L177")},  # L175, two rows lower
}


@pytest.mark.parametrize("name", sorted(TAMPERED))
def test_each_tampering_is_detected_and_explained(oracle: Oracle, name: str) -> None:
    result = _score(oracle.files[name])
    assert _findings(result) == TAMPERED[name]
    for problem in result.problems:
        if problem.code.startswith("crosscheck."):
            for lang in ("id", "en"):
                text = problem.message(lang)
                assert "{" not in text and problem.code not in text  # a real message, every field filled


def test_the_tampered_figures_are_the_ones_the_form_shows(oracle: Oracle) -> None:
    """The cause's message quotes the sheet's and the rules' figures of the node it changed."""
    result = _score(oracle.files["overwritten"])
    (finding,) = [p for p in result.problems if p.location.cell == "L7"]
    # Ya + B: (1 + 0.5) / 2 x 0.5 = 0.375, shown half-up
    assert finding.params["value"] == "0.90" and finding.params["expected"] == "0.38"
    result = _score(oracle.files["unanswered"])
    (finding,) = [p for p in result.problems if p.location.cell == "L10"]
    assert (finding.params["sheet"], finding.params["engine"], finding.params["cells"]) == (
        "1.00",
        "0.33",
        "K12, K13",
    )


def test_a_copy_with_inserted_rows_and_reordered_letters_scores_the_same(oracle: Oracle) -> None:
    base, moved = _score(oracle.files["base"]), _score(oracle.files["moved"])
    assert moved.total == base.total
    assert [(n.id, n.score) for n in moved.nodes] == [(n.id, n.score) for n in base.nodes]
    assert abs(_total(oracle.files["moved"], TOTAL_ROW + 2) - float(moved.total)) <= 0.005
