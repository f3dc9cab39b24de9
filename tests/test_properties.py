"""Properties over generated worksheets and answer sets (hypothesis): random trees with weights that
include thirds, every answer kind, computed items and predicate rules.

- the total stays in 0..100 (weights are scaled to sum to exactly 100) and every node in 0..its weight;
- a node's score is the sum of its children's;
- more points (a better option, a higher scale value, a larger numerator) never lower the total or the
  predicate;
- answers written as PortalRB JSON and read back score the same, and the JSON output round-trips.
"""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from pmprb.model import Worksheet
from pmprb.model.validation import validate_worksheet
from pmprb.model.weight import display, display_gap
from pmprb.readers import load
from pmprb.scoring import AnswerSheet, RawAnswer, score

ANSWER_TYPES: dict[str, Any] = {
    "yn": {
        "kind": "choice",
        "label": "Ya/Tidak",
        "options": [{"key": "Ya", "value": 1}, {"key": "Tidak", "value": 0}],
    },
    "abc": {
        "kind": "choice",
        "label": "A/B/C",
        "options": [{"key": "A", "value": 1}, {"key": "B", "value": 0.5}, {"key": "C", "value": 0}],
    },
    "abcd": {
        "kind": "choice",
        "label": "A/B/C/D",
        "options": [
            {"key": "A", "value": 1},
            {"key": "B", "value": 0.67},
            {"key": "C", "value": 0.33},
            {"key": "D", "value": 0},
        ],
    },
    "scale": {"kind": "scale", "label": "0-4", "max": 4},
    "percent": {"kind": "percent", "label": "%"},
    "count": {"kind": "count", "label": "Jumlah"},
}
SCORED_TYPES = ("yn", "abc", "abcd", "scale", "percent")
WEIGHTS = [
    Fraction(1, 3),
    Fraction(2, 3),
    Fraction(5, 6),
    Fraction(1, 2),
    Fraction(1),
    Fraction(4, 3),
    Fraction(2),
    Fraction(5, 2),
    Fraction(10),
]


class Builder:
    """Turns drawn shapes into a worksheet dict; ids and soal ids are numbered in order."""

    def __init__(self) -> None:
        self.nodes = 0
        self.questions = 0
        self.leaves: list[dict[str, Any]] = []

    def question(self, qtype: str, weight: Fraction | None = None) -> dict[str, Any]:
        self.questions += 1
        q: dict[str, Any] = {
            "id": f"q{self.questions}",
            "text": f"Pertanyaan {self.questions}",
            "type": qtype,
            "source": {"soal_id": self.questions},
        }
        if weight is not None:
            q["weight"] = weight
        return q

    def node(self, shape: Any) -> dict[str, Any]:
        self.nodes += 1
        node: dict[str, Any] = {"id": f"n{self.nodes}", "title": f"Komponen {self.nodes}"}
        kind, payload = shape
        if kind == "parent":
            node["children"] = [self.node(child) for child in payload]
            return node
        weight, types, own_weights, ratio = payload
        if own_weights:  # questions carry their own weight (like the Hasil surveys)
            node["questions"] = [self.question(t, weight) for t in types]
        else:
            node["weight"] = weight
            node["questions"] = [self.question(t) for t in types]
            if ratio:
                numerator, denominator = self.question("count"), self.question("count")
                node["questions"] += [numerator, denominator]
                node["computed"] = [
                    {
                        "kind": "ratio",
                        "id": f"r{self.nodes}",
                        "title": "rasio",
                        "numerator": [numerator["id"]],
                        "denominator": [denominator["id"]],
                    }
                ]
        self.leaves.append(node)
        return node


leaf = st.tuples(
    st.sampled_from(WEIGHTS),
    st.lists(st.sampled_from(SCORED_TYPES), min_size=1, max_size=4),
    st.booleans(),
    st.booleans(),
).map(lambda t: ("leaf", t))
trees = st.recursive(
    leaf,
    lambda children: st.lists(children, min_size=1, max_size=3).map(lambda c: ("parent", c)),
    max_leaves=8,
)


@st.composite
def worksheets(draw: st.DrawFn) -> Worksheet:
    builder = Builder()
    roots = [builder.node(shape) for shape in draw(st.lists(trees, min_size=1, max_size=3))]
    # scale every weight so the whole worksheet weighs exactly 100 (thirds stay exact)
    total = Fraction(0)
    for node in builder.leaves:
        total += node.get("weight") or sum((q["weight"] for q in node["questions"]), Fraction(0))
    factor = Fraction(100) / total
    for node in builder.leaves:
        if "weight" in node:
            node["weight"] = f"{node['weight'] * factor}"
        for q in node["questions"]:
            if "weight" in q:
                q["weight"] = f"{q['weight'] * factor}"
    thresholds = sorted(draw(st.lists(st.integers(1, 99), min_size=1, max_size=3, unique=True)), reverse=True)
    predicates = [{"label": f"P{i}", "when": [{"node": "total", "min": t}]} for i, t in enumerate(thresholds)]
    first = roots[0]["id"]
    predicates.insert(
        0, {"label": "TOP", "when": [{"node": "total", "min": 90}, {"node": first, "min_percent": 80}]}
    )
    data = {
        "id": "gen",
        "version": "1",
        "title": "generated",
        "framework": "test",
        "regulation": "-",
        "year": 2026,
        "source": "hypothesis",
        "layers": ["unit"],
        "answer_types": ANSWER_TYPES,
        "nodes": roots,
        "predicates": predicates,
    }
    return validate_worksheet(data)


@st.composite
def answer_sets(draw: st.DrawFn, worksheet: Worksheet) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for qid, q in worksheet.questions.items():
        atype = worksheet.answer_types[q.type]
        if draw(st.integers(0, 9)) == 0:
            continue  # unanswered
        if atype.kind == "choice":
            out[qid] = draw(st.sampled_from([o.key for o in atype.options]))
        elif atype.kind == "scale":
            out[qid] = draw(st.sampled_from([0, 1, 2.5, 3.6, 4]))
        elif atype.kind == "percent":
            out[qid] = draw(st.integers(0, 100))
        else:
            out[qid] = draw(st.integers(0, 30))
    return out


def sheet_of(answers: dict[str, Any]) -> AnswerSheet:
    return AnswerSheet("gen", "unit", {k: RawAnswer(v) for k, v in answers.items()})


def rank(worksheet: Worksheet, predicate: str | None) -> int:
    labels = [rule.label for rule in worksheet.predicates]
    return labels.index(predicate) if predicate is not None else len(labels)


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_totals_in_range_and_children_sum_to_parent(data: st.DataObject) -> None:
    worksheet = data.draw(worksheets())
    result = score(worksheet, sheet_of(data.draw(answer_sets(worksheet))))
    weight = sum((n.weight for n in result.nodes if n.parent is None), Fraction(0))
    assert weight == 100
    assert 0 <= result.total <= 100
    children: dict[str, Fraction] = {}
    for node in result.nodes:
        assert 0 <= node.score <= node.weight, node.id
        if node.parent is not None:
            children[node.parent] = children.get(node.parent, Fraction(0)) + node.score
    for node in result.nodes:
        if node.id in children:
            assert children[node.id] == node.score, node.id
    assert sum((n.score for n in result.nodes if n.parent is None), Fraction(0)) == result.total


def _better(worksheet: Worksheet, answers: dict[str, Any], qid: str) -> dict[str, Any] | None:
    """The same answers with question `qid` given more points, or None when it has no better answer."""
    atype = worksheet.answer_types[worksheet.questions[qid].type]
    current = answers.get(qid)
    improved = dict(answers)
    if atype.kind == "choice":
        keys = [o.key for o in atype.options]  # best first
        index = keys.index(current) if current in keys else len(keys)
        if index == 0:
            return None
        improved[qid] = keys[index - 1]
    elif atype.kind == "scale":
        if current == 4:
            return None
        improved[qid] = 4
    elif atype.kind == "percent":
        if current == 100:
            return None
        improved[qid] = 100
    else:  # a count: more points only as a ratio's numerator
        numerators = {i for n in worksheet.all_nodes for item in n.computed for i in item.numerator}  # type: ignore[union-attr]
        if qid not in numerators:
            return None
        improved[qid] = (current or 0) + 1 if current is not None else 0
    return improved


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_more_points_never_lower_total_or_predicate(data: st.DataObject) -> None:
    worksheet = data.draw(worksheets())
    answers = data.draw(answer_sets(worksheet))
    qid = data.draw(st.sampled_from(sorted(worksheet.questions)))
    improved = _better(worksheet, answers, qid)
    assume(improved is not None)
    assert improved is not None
    before, after = score(worksheet, sheet_of(answers)), score(worksheet, sheet_of(improved))
    assert after.total >= before.total
    assert display(after.total) >= display(before.total)
    assert rank(worksheet, after.predicate) <= rank(worksheet, before.predicate)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_portalrb_json_round_trip_scores_the_same(tmp_path: Path, data: st.DataObject) -> None:
    worksheet = data.draw(worksheets())
    answers = data.draw(answer_sets(worksheet))
    entries = []
    for qid, q in worksheet.questions.items():
        value = answers.get(qid)
        text = None if value is None else str(value).replace(".", ",")  # as PortalRB writes decimals
        entries.append({"soal_id": q.source.soal_id if q.source else None, "jawaban_unit": text})
    path = tmp_path / "jawaban.json"
    path.write_text(json.dumps({"tahun": 2026, "answers": entries}), encoding="utf-8")
    loaded = load(path, worksheet)
    read_back = score(worksheet, loaded.sheets["unit"])
    direct = score(worksheet, sheet_of(answers))
    assert read_back.total == direct.total
    assert read_back.predicate == direct.predicate
    assert read_back.missing == direct.missing
    out = read_back.to_dict("en")
    assert json.loads(json.dumps(out, ensure_ascii=False)) == out
    assert out["total"] == display(direct.total)
    assert {n["id"]: n["score"] for n in out["nodes"]} == {n.id: display(n.score) for n in direct.nodes}


fractions_ = st.fractions(min_value=-1000, max_value=1000, max_denominator=10_000)


@given(required=fractions_, achieved=fractions_, places=st.integers(0, 4))
def test_a_gap_is_shown_as_the_rounded_shortfall(required: Fraction, achieved: Fraction, places: int) -> None:
    assert display_gap(required, achieved, places) == display(max(Fraction(0), required - achieved), places)
