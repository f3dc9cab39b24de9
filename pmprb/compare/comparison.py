"""Two scored assessments side by side: A (self-assessment, last year, first assessor) against B
(evaluator, this year, second assessor). Nodes with their difference, the questions answered
differently ordered by the points at stake, agreement figures and what went down."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

from pmprb.compare.matching import Matching, match_questions, normalise
from pmprb.compare.stakes import points_of
from pmprb.errors import Problem
from pmprb.model import Worksheet
from pmprb.model.weight import display
from pmprb.scoring.result import NodeResult, QuestionResult, ScoreResult

AREA_DEPTH = 2  # komponen / sub-komponen / area: where a worksheet without combined areas groups


@dataclass(slots=True)
class Side:
    label: str
    file: str
    layer: str
    worksheet: str
    worksheet_version: str
    total: Fraction
    predicate: str | None
    problems: list[Problem] = field(default_factory=list)  # met while reading and scoring this side


@dataclass(slots=True)
class NodeDiff:
    id: str
    title: str
    depth: int
    code: str | None
    combined: bool
    weight: Fraction | None  # B's, or A's for a node B no longer has
    a: Fraction | None  # None: the node is not in that side's worksheet
    b: Fraction | None

    @property
    def difference(self) -> Fraction | None:
        return None if self.a is None or self.b is None else self.b - self.a


@dataclass(slots=True)
class QuestionDiff:
    a_id: str
    b_id: str
    code: str | None
    text: str
    node: str
    area: str
    area_title: str
    a: QuestionResult
    b: QuestionResult
    points: Fraction | None  # what B's answer earns over A's; None when they cannot stand in for each other

    @property
    def at_stake(self) -> Fraction:
        return abs(self.points) if self.points is not None else Fraction(0)

    @property
    def went_down(self) -> bool:
        return self.points is not None and self.points < 0


@dataclass(slots=True)
class AreaDispute:
    id: str
    title: str
    differing: int
    points: Fraction


@dataclass(slots=True)
class Agreement:
    compared: int  # matched questions that at least one side answered
    identical: int
    areas: list[AreaDispute] = field(default_factory=list)

    @property
    def differing(self) -> int:
        return self.compared - self.identical

    @property
    def share(self) -> Fraction | None:
        return Fraction(self.identical, self.compared) if self.compared else None

    @property
    def points_in_dispute(self) -> Fraction:
        return sum((a.points for a in self.areas), Fraction(0))


@dataclass(slots=True)
class Comparison:
    a: Side
    b: Side
    nodes: list[NodeDiff]
    questions: list[QuestionDiff]  # the differing ones, most points at stake first
    agreement: Agreement
    matching: Matching
    worksheet_a: Worksheet
    worksheet_b: Worksheet

    @property
    def gap(self) -> Fraction:
        return self.b.total - self.a.total

    @property
    def went_down(self) -> list[QuestionDiff]:
        return [q for q in self.questions if q.went_down]


def answer_key(q: QuestionResult) -> tuple[str, str | None, Fraction | None]:
    return (q.status, q.answer, q.value) if q.status == "answered" else (q.status, None, None)


def side(result: ScoreResult, label: str | None = None) -> Side:
    return Side(
        label or f"{Path(result.file).name} ({result.layer})",
        result.file,
        result.layer,
        result.worksheet,
        result.worksheet_version,
        result.total,
        result.predicate,
        list(result.problems),
    )


def side_labels(items: list[tuple[Path, str]], worksheet: Worksheet | None = None) -> list[str]:
    """Names for the two sides: the layers of one file (by the worksheet's labels for them), else the
    files' names (with their layer when the layers differ)."""
    paths = [p for p, _ in items]
    if len(set(paths)) == 1:
        return [worksheet.layer_label(layer) if worksheet else layer for _, layer in items]
    names = [p.name for p in paths] if len({p.name for p in paths}) == len(paths) else [str(p) for p in paths]
    same_layer = len({layer for _, layer in items}) == 1
    return [n if same_layer else f"{n} ({layer})" for n, (_, layer) in zip(names, items, strict=True)]


def compare(
    a: ScoreResult,
    b: ScoreResult,
    worksheet_a: Worksheet,
    worksheet_b: Worksheet | None = None,
    labels: tuple[str, str] | None = None,
) -> Comparison:
    """`worksheet_b` defaults to `worksheet_a`; across versions questions are paired by `match_questions`."""
    worksheet_b = worksheet_b or worksheet_a
    matching = match_questions(worksheet_a, worksheet_b)
    areas = areas_of(worksheet_b)
    titles = {n.id: n.title for n in worksheet_b.all_nodes} | {c.id: c.title for c in worksheet_b.combined}
    differing: list[QuestionDiff] = []
    compared = identical = 0
    for pair in matching.pairs:
        qa, qb = a.questions[pair.a], b.questions[pair.b]
        if qa.status == "missing" and qb.status == "missing":
            continue
        compared += 1
        if answer_key(qa) == answer_key(qb):
            identical += 1
            continue
        question = worksheet_b.questions[pair.b]
        area = areas[qb.node]
        differing.append(
            QuestionDiff(
                pair.a,
                pair.b,
                question.code,
                question.text,
                qb.node,
                area,
                titles[area],
                qa,
                qb,
                points_of(worksheet_b, b, pair.b, qa),
            )
        )
    order = {qid: i for i, qid in enumerate(worksheet_b.questions)}
    differing.sort(key=lambda d: (-d.at_stake, order[d.b_id]))
    disputes: dict[str, AreaDispute] = {}
    for d in differing:
        entry = disputes.setdefault(d.area, AreaDispute(d.area, d.area_title, 0, Fraction(0)))
        entry.differing += 1
        entry.points += d.at_stake
    area_order = {aid: i for i, aid in enumerate(dict.fromkeys(areas[q.node] for q in b.questions.values()))}
    agreement = Agreement(compared, identical, sorted(disputes.values(), key=lambda x: area_order[x.id]))
    a_side, b_side = side(a, labels[0] if labels else None), side(b, labels[1] if labels else None)
    return Comparison(a_side, b_side, _nodes(a, b), differing, agreement, matching, worksheet_a, worksheet_b)


def areas_of(worksheet: Worksheet) -> dict[str, str]:
    """Leaf node id -> the area it is reported under: its combined area (Pemenuhan + Reform of one
    area), else its ancestor at AREA_DEPTH (or itself when shallower)."""
    in_combined = {part: c.id for c in worksheet.combined for part in c.sum}
    out: dict[str, str] = {}
    for node in worksheet.all_nodes:
        if node.children:
            continue
        chain = [node.id]
        parent = worksheet.parent_of.get(node.id)
        while parent is not None:
            chain.append(parent)
            parent = worksheet.parent_of.get(parent)
        chain.reverse()  # root first
        combined = next((in_combined[n] for n in chain if n in in_combined), None)
        out[node.id] = combined or chain[min(AREA_DEPTH, len(chain) - 1)]
    return out


def _nodes(a: ScoreResult, b: ScoreResult) -> list[NodeDiff]:
    """B's nodes in order, each beside A's node of the same id (or, across versions, the same title
    at the same depth); nodes only A has come last."""
    a_by_id = {n.id: n for n in a.nodes}
    paired: dict[str, NodeResult] = {n.id: a_by_id[n.id] for n in b.nodes if n.id in a_by_id}
    by_title: dict[tuple[str, int, bool], list[NodeResult]] = {}
    used = {n.id for n in paired.values()}
    for n in a.nodes:
        if n.id not in used:
            by_title.setdefault((normalise(n.title), n.depth, n.combined), []).append(n)
    for n in b.nodes:
        if n.id not in paired:
            found = by_title.get((normalise(n.title), n.depth, n.combined))
            if found:
                paired[n.id] = found.pop(0)
                used.add(paired[n.id].id)
    out = [
        NodeDiff(
            n.id,
            n.title,
            n.depth,
            n.code,
            n.combined,
            n.weight,
            paired[n.id].score if n.id in paired else None,
            n.score,
        )
        for n in b.nodes
    ]
    out += [
        NodeDiff(n.id, n.title, n.depth, n.code, n.combined, n.weight, n.score, None)
        for n in a.nodes
        if n.id not in used
    ]
    return out


def _num(value: Fraction | None, places: int = 2) -> float | None:
    return None if value is None else display(value, places)


def _answer(q: QuestionResult) -> dict[str, object]:
    return {
        "status": q.status,
        "answer": q.answer,
        "value": _num(q.value, 4),
        "note": q.note,
        "evidence": q.evidence,
        "location": str(q.location) if q.location else None,
    }


def to_dict(c: Comparison, lang: str = "id") -> dict[str, object]:
    """The `--format json` object: figures rounded half-up as shown, answers as canonicalised."""
    sides = {
        key: {
            "label": s.label,
            "file": s.file,
            "layer": s.layer,
            "worksheet": s.worksheet,
            "worksheet_version": s.worksheet_version,
            "total": _num(s.total),
            "predicate": s.predicate,
            "errors": [p.to_dict(lang) for p in s.problems if p.severity == "error"],
            "warnings": [p.to_dict(lang) for p in s.problems if p.severity == "warning"],
        }
        for key, s in (("a", c.a), ("b", c.b))
    }
    share = c.agreement.share
    return {
        **sides,
        "total": {"a": _num(c.a.total), "b": _num(c.b.total), "difference": _num(c.gap)},
        "predicate": {"a": c.a.predicate, "b": c.b.predicate, "changed": c.a.predicate != c.b.predicate},
        "nodes": [
            {
                "id": n.id,
                "code": n.code,
                "title": n.title,
                "depth": n.depth,
                "weight": _num(n.weight, 4),
                "a": _num(n.a),
                "b": _num(n.b),
                "difference": _num(n.difference),
                **({"combined": True} if n.combined else {}),
            }
            for n in c.nodes
        ],
        "questions": [
            {
                "id": q.b_id,
                **({"id_a": q.a_id} if q.a_id != q.b_id else {}),
                "code": q.code,
                "text": q.text,
                "node": q.node,
                "area": q.area,
                "a": _answer(q.a),
                "b": _answer(q.b),
                "points": _num(q.points, 4),
                "at_stake": _num(q.at_stake, 4),
                "went_down": q.went_down,
            }
            for q in c.questions
        ],
        "agreement": {
            "compared": c.agreement.compared,
            "identical": c.agreement.identical,
            "differing": c.agreement.differing,
            "share": None if share is None else _num(share, 4),
            "points_in_dispute": _num(c.agreement.points_in_dispute),
            "areas": [
                {"id": a.id, "title": a.title, "differing": a.differing, "points": _num(a.points)}
                for a in c.agreement.areas
            ],
        },
        "went_down": [q.b_id for q in c.went_down],
        "matching": {
            "same_worksheet": c.matching.same_worksheet,
            "pairs": len(c.matching.pairs),
            "changed": [
                {"a": p.a, "b": p.b, "how": list(p.how), "similarity": round(p.similarity, 3)}
                for p in c.matching.changed
            ],
            "unmatched_a": c.matching.unmatched_a,
            "unmatched_b": c.matching.unmatched_b,
        },
    }
