"""A Pemda's SAKIP KKE (RESUME + PENILAIAN, live formulas), scored with the variant `pmprb import kke`
made from it: each answer found by its criterion's code (AREN001.1) and, for a required document, its
position under the criterion; each layer by its header. An answer cell still holding its option list
("Y/T") is unanswered. The workbook's own figures go to the cross-check (pmprb.crosscheck.kke)."""

from __future__ import annotations

from typing import Any

from pmprb.errors import Location, Problem, UserError
from pmprb.i18n import Msg
from pmprb.model import Worksheet
from pmprb.readers.base import Detection, KkeFigures, ReaderHints, ReadResult
from pmprb.readers.kke_layout import PenilaianLayout, layer_ids, penilaian_layout, resume_layout
from pmprb.readers.lke_form import normalise
from pmprb.readers.source import Source, cell, column_letter
from pmprb.scoring.answers import AnswerSheet, RawAnswer

SPREADSHEETS = ("xlsx", "ods")
MIN_FIT = 0.5  # share of the worksheet's criteria found before a file counts as its KKE


def _named_like_kke(source: Source) -> bool:
    """Cheap first test (every workbook scored passes here): a sheet named like a KKE's."""
    return any(
        word in normalise(name) for name in source.sheet_names for word in ("penilaian", "resume", "kke")
    )


def _layout(source: Source) -> PenilaianLayout | None:
    found = getattr(source, "_kke", None)
    if found is None:
        found = penilaian_layout(source)
        setattr(source, "_kke", found or False)  # noqa: B010 - read() reuses it
    return found or None


def criterion_rows(layout: PenilaianLayout) -> dict[tuple[str, ...], int]:
    """code_path -> 0-based row: (criterion,) for its own row, (criterion, k) for its k-th document."""
    out: dict[tuple[str, ...], int] = {}
    count: dict[str, int] = {}
    for r in layout.rows:
        if r.kind == "criterion" and r.code:
            out[(r.code,)] = r.row
        elif r.kind == "document" and r.parent:
            count[r.parent] = count.get(r.parent, 0) + 1
            out[(r.parent, str(count[r.parent]))] = r.row
    return out


def _fit(layout: PenilaianLayout, worksheet: Worksheet) -> tuple[int, int]:
    rows = criterion_rows(layout)
    paths = [
        tuple(q.source.code_path)
        for q in worksheet.questions.values()
        if q.source is not None and q.source.code_path
    ]
    return sum(1 for p in paths if p in rows), len(paths)


def detect(source: Source, requested: Worksheet | None) -> Detection | None:
    if source.kind not in SPREADSHEETS or not _named_like_kke(source):
        return None
    layout = _layout(source)
    if layout is None:
        return None
    where = Location(source.name, sheet=layout.sheet)
    if requested is None:
        raise UserError(Problem("kke.worksheet-needed", where, params={"file": source.name}))
    found, total = _fit(layout, requested)
    if not total or found < MIN_FIT * total:
        raise UserError(
            Problem(
                "kke.worksheet-mismatch",
                where,
                params={"worksheet": requested.id, "found": found, "total": total, "file": source.name},
            )
        )
    reason = Msg("reason.kke", sheet=layout.sheet, found=f"{found}/{total}")
    return Detection(requested, reason, "kke", found / total, found, tuple(layer_columns(layout)))


def layer_columns(layout: PenilaianLayout) -> dict[str, tuple[int, int]]:
    """layer id -> (answer column, value column), the ids named as `pmprb import kke` names them."""
    ids = layer_ids([layer.header for layer in layout.layers])
    return {i: (layer.answer_col, layer.value_col) for i, layer in zip(ids, layout.layers, strict=True)}


def read(source: Source, worksheet: Worksheet, layers: tuple[str, ...]) -> ReadResult:
    layout = _layout(source)
    assert layout is not None
    grid = source.rows(layout.sheet)
    rows = criterion_rows(layout)
    columns = layer_columns(layout)
    placeholders = {normalise(t.label) for t in worksheet.answer_types.values() if "/" in t.label}
    out = ReadResult({})
    for layer in layers:
        if layer not in columns:
            raise UserError(
                Problem(
                    "lkeform.layer-absent",
                    Location(source.name, sheet=layout.sheet),
                    params={"value": layer, "allowed": ", ".join(columns)},
                )
            )
        answer_col, value_col = columns[layer]
        sheet = AnswerSheet(file=source.name, layer=layer, worksheet_id=worksheet.id)
        places: list[tuple[str, int, int]] = []
        question_rows: dict[str, int] = {}
        for qid, q in worksheet.questions.items():
            path = tuple(q.source.code_path) if q.source is not None and q.source.code_path else ()
            row = rows.get(path)
            if row is None:
                sheet.problems.append(
                    Problem(
                        "kke.item-not-found",
                        Location(source.name, sheet=layout.sheet),
                        "warning",
                        question=qid,
                        params={"code": " / ".join(path) or "-", "text": q.text[:80]},
                    )
                )
                continue
            value = cell(grid, row, answer_col)
            if isinstance(value, str) and normalise(value) in placeholders:
                value = None  # the option list the workbook leaves in an unanswered cell
            ref = f"{column_letter(answer_col)}{row + 1}"
            sheet.answers[qid] = RawAnswer(value, Location(source.name, layout.sheet, ref))
            places.append((qid, row, answer_col))
            question_rows[qid] = row
        out.hints[layer] = ReaderHints(answer_places={layout.sheet: places})
        out.figures[layer] = KkeFigures(
            _meta(source, layout, worksheet, question_rows, value_col, layer, answer_col)
        )
        out.sheets[layer] = sheet
    return out


def _meta(
    source: Source,
    layout: PenilaianLayout,
    worksheet: Worksheet,
    question_rows: dict[str, int],
    value_col: int,
    layer: str,
    answer_col: int,
) -> dict[str, Any]:
    """Where the workbook keeps its own figures, for the cross-check (1-based rows)."""
    grid = source.rows(layout.sheet)
    node_rows = {r.code: r.row for r in layout.rows if r.code and r.code in worksheet.node_by_id}
    total = next((r.row for r in layout.rows if r.kind == "total"), None)
    meta: dict[str, Any] = {
        "sheet": layout.sheet,
        "value_col": column_letter(value_col),
        "weight_col": column_letter(layout.weight_col),
        "nodes": {k: v + 1 for k, v in node_rows.items()},
        "questions": {k: v + 1 for k, v in question_rows.items()},
        "total": total + 1 if total is not None else None,
        "values": {
            r + 1: cell(grid, r, value_col)
            for r in [*node_rows.values(), *question_rows.values(), *([total] if total is not None else [])]
        },
        "answers": {r + 1: cell(grid, r, answer_col) for r in question_rows.values()},
        "weights": {
            r + 1: cell(grid, r, layout.weight_col) for r in [*node_rows.values(), *question_rows.values()]
        },
    }
    resume = resume_layout(source, layout)
    if resume is not None:
        index = [layer_id for layer_id in layer_columns(layout)].index(layer)
        col = resume.value_cols[index]
        rgrid = source.rows(resume.sheet)
        meta["resume"] = {
            "sheet": resume.sheet,
            "value_col": column_letter(col),
            "rows": {k: v + 1 for k, v in resume.rows.items()},
            "values": {v + 1: cell(rgrid, v, col) for v in resume.rows.values()},
            "weights": {v + 1: cell(rgrid, v, resume.weight_col) for v in resume.rows.values()},
        }
    return meta


def describe(source: Source, detection: Detection, out: Any) -> None:
    """What `pmprb inspect` shows of a KKE: the sheet and its header row, each layer's header and its
    answer and value columns, the worksheet's items not found by their codes."""
    layout = _layout(source)
    if layout is None:
        return
    out.sheet, out.header_row = layout.sheet, layout.header_row + 1
    columns = layer_columns(layout)
    out.layers = [
        {"name": lid, "header": layer.header, "answer": column_letter(a), "value": column_letter(v)}
        for (lid, (a, v)), layer in zip(columns.items(), layout.layers, strict=True)
    ]
    rows = criterion_rows(layout)
    out.missing = [
        {"question": qid, "text": q.text}
        for qid, q in detection.worksheet.questions.items()
        if q.source is None or not q.source.code_path or tuple(q.source.code_path) not in rows
    ]
