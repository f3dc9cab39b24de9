"""Data-driven scoring cases: tests/cases/*.yaml, each a worksheet + answers -> hand-computed scores."""

from __future__ import annotations

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
    # `fill` answers every question not listed: {choice: best|worst, count: n, scale: x, percent: x}
    fill = case.get("fill") or {}
    for qid, question in worksheet.questions.items():
        atype = worksheet.answer_types[question.type]
        value = fill.get(atype.kind)
        if qid in answers or value is None:
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
