"""ScoreResult + Worksheet -> the report's view-model (one unit), and the roll-up across units."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from pmprb.errors import Location
from pmprb.i18n import t
from pmprb.model import Worksheet
from pmprb.model.weight import round_half_up
from pmprb.report import charts, improve
from pmprb.report.format import date as format_date
from pmprb.report.format import percent, safe_link
from pmprb.report.grades import grade_rows
from pmprb.report.model import (
    AreaAverage,
    AreaRow,
    ConditionRow,
    MissingEvidence,
    NodeRow,
    ProblemRow,
    QuestionGroup,
    QuestionRow,
    ReportDoc,
    Rollup,
    RollupRow,
    RuleView,
    UnitReport,
    WorksheetAverages,
)
from pmprb.scoring.result import ComputedResult, ScoreResult

ZERO = Fraction(0)
TOP_OPPORTUNITIES = 20


@dataclass(slots=True)
class Scored:
    """One input: its result, the worksheet it was scored on, and names the file may lack."""

    result: ScoreResult
    worksheet: Worksheet
    unit: str | None = None
    instansi: str | None = None


def build(
    inputs: list[Scored], *, lang: str, day: dt.date, title: str | None = None, instansi: str | None = None
) -> ReportDoc:
    units = [build_unit(item, i + 1, lang) for i, item in enumerate(inputs)]
    layer = inputs[0].result.layer if inputs else "unit"
    shared_instansi = instansi or _common(u.instansi for u in units)
    if title is None:
        key = "report.title.rollup" if len(units) > 1 else "report.title.unit"
        title = t(key, lang, worksheet=inputs[0].worksheet.title if inputs else "")
    rollup = build_rollup(units, inputs, lang) if len(units) > 1 else None
    return ReportDoc(title, lang, format_date(day, lang), shared_instansi, layer, units, rollup)


def _common(values: object) -> str | None:
    found = {v for v in values if v}  # type: ignore[attr-defined]
    return found.pop() if len(found) == 1 else None


def _unit_name(item: Scored) -> str | None:
    name = item.unit or item.result.meta.get("nama_unit")
    return str(name).strip() or None if name else None


CROSSCHECK = "crosscheck."  # codes of the cross-check's findings (pmprb.crosscheck)


def build_unit(item: Scored, index: int, lang: str) -> UnitReport:
    result, worksheet = item.result, item.worksheet
    by_id = {n.id: n for n in result.nodes}
    rows = {
        n.id: NodeRow(
            n.id, n.code, n.title, n.depth, n.weight, n.score, n.percent, not _has_children(worksheet, n.id)
        )
        for n in result.nodes
    }
    total_weight = sum((by_id[n.id].weight for n in worksheet.nodes), ZERO)
    rules = _rules(worksheet, result, lang)
    areas = _areas(worksheet, result)
    guides = _guides(worksheet, result, {a.id for a in areas})
    bar_items = [(f"{a.number}. {a.title}", float(a.percent), percent(a.percent, lang)) for a in areas]
    groups, unanswered, missing_nodes, without, without_count = _questions(worksheet, result, rows, lang)
    found = improve.opportunities(worksheet, result)
    year = result.meta.get("tahun")
    name = _unit_name(item)
    problems = [ProblemRow(p.severity, _where(p.location) or "-", p.message(lang)) for p in result.problems]
    crosscheck = [
        row for p, row in zip(result.problems, problems, strict=True) if p.code.startswith(CROSSCHECK)
    ]
    return UnitReport(
        anchor=f"unit-{index}",
        instansi=item.instansi or result.meta.get("instansi") or result.meta.get("nama_instansi"),
        unit=name or Path(result.file).stem,
        file=Path(result.file).name,
        unit_named=name is not None,
        worksheet_id=worksheet.id,
        worksheet_title=worksheet.title,
        worksheet_version=worksheet.version,
        regulation=worksheet.regulation,
        year=year if isinstance(year, int) else worksheet.year,
        layer=result.layer,
        total=result.total,
        total_weight=total_weight,
        predicate=result.predicate,
        predicate_title=next((r.title for r in worksheet.predicates if r.label == result.predicate), None),
        rules=rules,
        areas=areas,
        bars=charts.bar_chart(bar_items, guides) if areas else None,
        radar=charts.radar([(str(a.number), float(a.percent)) for a in areas], guides) if areas else None,
        tree=[rows[n.id] for n in result.nodes if not n.combined],
        groups=groups,
        unanswered=unanswered,
        unanswered_nodes=missing_nodes,
        without_evidence=without,
        without_evidence_count=without_count,
        answered_count=sum(1 for q in result.questions.values() if q.status == "answered"),
        question_count=sum(
            1 for q in result.questions.values() if not (q.optional and q.status == "missing")
        ),
        opportunities=found[:TOP_OPPORTUNITIES],
        opportunity_count=len(found),
        plan=improve.plan(worksheet, result),
        problems=problems,
        node_titles={n.id: _node_label(n.code, n.title) for n in result.nodes},
        error_count=sum(1 for p in result.problems if p.severity == "error"),
        warning_count=sum(1 for p in result.problems if p.severity == "warning"),
        crosscheck=crosscheck,
        layer_label=worksheet.layer_labels.get(result.layer),
        grades=grade_rows(worksheet, result),
        area_terms=".sub" if areas and all(_level(worksheet, a.id) == "sub_komponen" for a in areas) else "",
    )


def _where(location: Location | None) -> str | None:
    """Sheet!cell, JSON path or line inside the unit's file (the file itself heads the unit's pages)."""
    if location is None:
        return None
    if location.sheet is not None:
        return f"{location.sheet}!{location.cell}" if location.cell else location.sheet
    if location.json_path:
        return location.json_path
    if location.line is not None:
        return f"{location.line}:{location.column or 1}"
    return location.cell


def _has_children(worksheet: Worksheet, node_id: str) -> bool:
    node = worksheet.node_by_id.get(node_id)
    return bool(node and node.children)


def _node_label(code: str | None, title: str) -> str:
    return f"{code} {title}".strip() if code else title


def _rules(worksheet: Worksheet, result: ScoreResult, lang: str) -> list[RuleView]:
    """Each rule's conditions beside the worksheet's wording of them (share of weight, provisional)."""
    out = []
    for spec, rule in zip(worksheet.predicates, result.rules, strict=True):
        expanded = [(cond, node) for cond in spec.when for node in cond.nodes]
        rows = []
        for (cond, node_id), c in zip(expanded, rule.conditions, strict=True):
            weight = None
            if cond.min_percent is not None:
                weight = c.required * 100 / cond.min_percent if cond.min_percent else ZERO
            title = t("label.total", lang) if node_id == "total" else c.title
            rows.append(
                ConditionRow(
                    title,
                    c.op,
                    c.required,
                    c.achieved,
                    c.holds,
                    c.gap,
                    cond.min_percent,
                    weight,
                    cond.provisional,
                )
            )
        out.append(
            RuleView(
                rule.label, rule.title, rule.holds, rule.label == result.predicate, rows, rule.declarations
            )
        )
    # rules below the predicate reached say nothing new: show them down to the one reached
    reached = next((i for i, r in enumerate(out) if r.reached), len(out) - 1)
    return out[: reached + 1]


def _level(worksheet: Worksheet, node_id: str) -> str | None:
    node = worksheet.node_by_id.get(node_id)
    return node.level if node is not None else None


def _areas(worksheet: Worksheet, result: ScoreResult) -> list[AreaRow]:
    """The areas charted: the worksheet's combined areas, else the nodes on the first 'area' level, else
    the second level of the tree."""
    nodes = [n for n in result.nodes if n.combined]
    if not nodes:
        levels = [n for n in result.nodes if n.level and "area" in n.level and "sub" not in n.level]
        if levels:
            depth = min(n.depth for n in levels)
            nodes = [n for n in levels if n.depth == depth]
        else:
            nodes = [n for n in result.nodes if n.depth == 1]
    return [AreaRow(n.id, i + 1, n.title, n.weight, n.score, n.percent) for i, n in enumerate(nodes)]


def _guides(worksheet: Worksheet, result: ScoreResult, areas: set[str]) -> list[tuple[float, str]]:
    """Threshold lines for the area chart: each rule's 'share of weight' minimum on those areas."""
    out: dict[float, str] = {}
    for spec in worksheet.predicates:
        for cond in spec.when:
            if cond.min_percent is not None and set(cond.nodes) & areas:
                out.setdefault(float(cond.min_percent), f"{spec.label} {float(cond.min_percent):g}%")
    return sorted(out.items())


def _questions(
    worksheet: Worksheet, result: ScoreResult, rows: dict[str, NodeRow], lang: str
) -> tuple[list[QuestionGroup], list[QuestionRow], dict[str, str], list[MissingEvidence], int]:
    computed: dict[str, list[ComputedResult]] = {}
    for item in result.computed:
        computed.setdefault(item.node, []).append(item)
    groups, unanswered, without = [], [], []
    missing_nodes: dict[str, str] = {}
    without_count = 0
    for node in worksheet.all_nodes:
        if node.children:
            continue
        lines = []
        lacking = []
        for q in node.questions:
            r = result.questions[q.id]
            atype = worksheet.answer_types[q.type]
            row = QuestionRow(
                id=q.id,
                code=q.code,
                text=q.text,
                type_label=atype.label,
                status=r.status,
                answer=r.answer,
                value=r.value if r.status == "answered" else None,
                is_count=atype.kind == "count",
                note=r.note,
                evidence=r.evidence,
                link=safe_link(r.evidence),
                location=_where(r.location),
            )
            lines.append(row)
            if r.status == "missing" and r.optional:
                continue  # left blank on purpose: a grade given directly, a criterion's flag
            if r.status != "answered":
                unanswered.append(row)
                missing_nodes[q.id] = _node_label(node.code, node.title)
            elif not r.evidence:
                lacking.append(q.id)
                without_count += 1
        for item in computed.get(node.id, []):
            lines.append(
                QuestionRow(
                    item.id,
                    None,
                    item.title,
                    t("report.computed", lang),
                    "computed",
                    None,
                    item.value,
                    False,
                    None,
                    None,
                    None,
                    None,
                )
            )
        groups.append(QuestionGroup(rows[node.id], _path(worksheet, node.id, rows), lines))
        if lacking:
            without.append(MissingEvidence(rows[node.id], lacking))
    return groups, unanswered, missing_nodes, without, without_count


def _path(worksheet: Worksheet, node_id: str, rows: dict[str, NodeRow]) -> str:
    names = []
    current = worksheet.parent_of.get(node_id)
    while current is not None:
        names.append(_node_label(rows[current].code, rows[current].title))
        current = worksheet.parent_of.get(current)
    return " › ".join(reversed(names))


def build_rollup(units: list[UnitReport], inputs: list[Scored], lang: str) -> Rollup:
    """One row per unit ranked by total (ties share a rank), the predicates reached, area averages."""
    ordered = sorted(units, key=lambda u: (-round_half_up(u.total), u.unit.casefold()))
    rows: list[RollupRow] = []
    for i, u in enumerate(ordered):
        rank = rows[-1].rank if rows and round_half_up(rows[-1].total) == round_half_up(u.total) else i + 1
        rows.append(
            RollupRow(
                rank,
                u.anchor,
                u.unit,
                u.file,
                u.total,
                u.predicate,
                len(u.unanswered),
                u.error_count,
                u.warning_count,
                u.unit_named,
            )
        )
    counts = Counter(u.predicate for u in units)
    labels: list[str | None] = []
    for item in inputs:
        for rule in item.worksheet.predicates:
            if rule.label not in labels:
                labels.append(rule.label)
    distribution = [(label, counts.get(label, 0)) for label in [*labels, None]]
    averages = []
    by_worksheet: dict[str, list[UnitReport]] = {}
    for u in units:
        by_worksheet.setdefault(u.worksheet_id, []).append(u)
    for group in by_worksheet.values():
        n = len(group)
        areas = [
            AreaAverage(
                a.title,
                a.weight,
                sum((g.areas[i].score for g in group), ZERO) / n,
                sum((g.areas[i].percent for g in group), ZERO) / n,
            )
            for i, a in enumerate(group[0].areas)
        ]
        first = next(x for x in inputs if x.worksheet.id == group[0].worksheet_id)
        guides = _guides(first.worksheet, first.result, {a.id for a in group[0].areas})
        bar_items = [
            (f"{i + 1}. {a.title}", float(a.percent), percent(a.percent, lang)) for i, a in enumerate(areas)
        ]
        averages.append(
            WorksheetAverages(
                group[0].worksheet_title,
                n,
                sum((g.total for g in group), ZERO) / n,
                areas,
                charts.bar_chart(bar_items, guides) if areas else None,
            )
        )
    return Rollup(rows, distribution, averages)
