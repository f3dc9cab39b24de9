"""`pmprb check` never crashes: random edits of a valid worksheet give findings, not tracebacks."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmprb.errors import Problem
from pmprb.lint import check_text

PLACEHOLDER = re.compile(r"\{[a-z_]+(![rs])?(:[a-z]+)?\}")  # an unformatted template field
FIXTURES = Path(__file__).parent / "data" / "lint"
SOURCES = [
    yaml.safe_load((FIXTURES / name / "pass.yaml").read_text(encoding="utf-8"))
    for name in ("weight-sum", "predicate-shadowed", "ref-unknown", "combined-overlap", "predicate-band-gap")
]
VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 200),
    st.sampled_from([0.33, 1.5, -1.0, "1/3", "", "A", "total", "q1", "A.2", "n1", "c1", ">", "abc"]),
    st.just([]),
    st.just({}),
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            out += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out += _paths(value, (*prefix, i))
    return out


def _edit(data: Any, path: tuple[Any, ...], action: str, value: Any) -> Any:
    if not path:
        return value if action == "set" else data
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    if action == "delete":
        del parent[last]
    elif action == "duplicate" and isinstance(parent, list):
        parent.insert(last, copy.deepcopy(parent[last]))
    else:
        parent[last] = value
    return data


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_random_edits_give_findings_not_crashes(data: st.DataObject) -> None:
    doc = copy.deepcopy(data.draw(st.sampled_from(SOURCES)))
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(_paths(doc)))
        action = data.draw(st.sampled_from(["set", "delete", "duplicate"]))
        doc = _edit(doc, path, action, data.draw(VALUES))
    problems = check_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True), "edited.yaml")
    for problem in problems:
        assert isinstance(problem, Problem)
        assert problem.location.line is not None and problem.location.line >= 1
        for lang in ("id", "en"):
            message = problem.message(lang)
            assert message and not message.startswith("check.") and not PLACEHOLDER.search(message), message
