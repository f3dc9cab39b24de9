"""Data-driven scoring cases: tests/cases/*.yaml, each a worksheet + answers -> hand-computed scores."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from pmprb.catalog import get_worksheet
from pmprb.model.weight import display
from pmprb.scoring import AnswerSheet, RawAnswer, score

CASES = Path(__file__).parent / "cases"


def _cases() -> list[Any]:
    out = []
    for path in sorted(CASES.glob("*.yaml")):
        for i, case in enumerate(yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]):
            out.append(pytest.param(path, case, id=f"{path.stem}[{i}]:{case.get('name', '')}"))
    return out


def _worksheet(ref: str, path: Path):
    local = path.parent / ref
    return get_worksheet(str(local) if local.suffix in (".yaml", ".yml") and local.exists() else ref)


@pytest.mark.parametrize(("path", "case"), _cases())
def test_case(path: Path, case: dict[str, Any]) -> None:
    worksheet = _worksheet(case.get("worksheet") or yaml.safe_load(path.read_text())["worksheet"], path)
    answers = {str(k): RawAnswer(v) for k, v in (case.get("answers") or {}).items()}
    # `patterns` answers every question whose id matches a regular expression (first match wins)
    for qid in worksheet.questions:
        for pattern, value in (case.get("patterns") or {}).items():
            if qid not in answers and re.fullmatch(pattern, qid):
                answers[qid] = RawAnswer(value)
    # `fill` answers every question not listed: {choice: best|worst, count: n, scale: x, percent: x},
    # only questions of the answer types `fill_types` names when it is given
    fill = case.get("fill") or {}
    fill_types = case.get("fill_types")
    for qid, question in worksheet.questions.items():
        atype = worksheet.answer_types[question.type]
        value = fill.get(atype.kind)
        if qid in answers or value is None or (fill_types is not None and question.type not in fill_types):
            continue
        if atype.kind == "choice":
            value = atype.options[0 if value == "best" else -1].key
        answers[qid] = RawAnswer(value)
    result = score(
        worksheet, AnswerSheet("case", case.get("layer", "unit"), answers), strict=case.get("strict", False)
    )
    expect = case["expect"]
    if "total" in expect:
        assert display(result.total) == pytest.approx(expect["total"], abs=1e-9)
    if "predicate" in expect:
        assert result.predicate == expect["predicate"]
    for node_id, value in (expect.get("nodes") or {}).items():
        assert display(result.node(node_id).score) == pytest.approx(value, abs=1e-9), node_id
    computed = {c.id: c for c in result.computed}
    for item_id, value in (expect.get("computed") or {}).items():
        assert float(computed[item_id].value) == pytest.approx(value, abs=1e-4), item_id
    grades = {c.id: c for c in result.computed}
    for item_id, grade in (expect.get("grades") or {}).items():
        assert grades[item_id].grade == grade, item_id
    for item_id, grade in (expect.get("derived") or {}).items():
        assert grades[item_id].derived == grade, item_id
    if "warnings" in expect:
        got = sorted((p.code, p.question) for p in result.warnings)
        assert got == sorted((e["code"], str(e["question"])) for e in expect["warnings"])
    if "missing" in expect:
        assert result.missing == [str(m) for m in expect["missing"]]
    if "missing_count" in expect:
        assert len(result.missing) == expect["missing_count"]
    if "errors" in expect:
        got = sorted((p.code, p.question) for p in result.errors)
        assert got == sorted((e["code"], str(e["question"])) for e in expect["errors"])
    for label, failing in (expect.get("failing_conditions") or {}).items():
        rule = next(r for r in result.rules if r.label == label)
        assert sorted(c.node for c in rule.conditions if not c.holds) == sorted(failing)
