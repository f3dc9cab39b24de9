"""`pmprb compare --format xlsx`: an action-plan workbook. The differing questions, most points at
stake first, with empty follow-up/owner/due/status columns for the review meeting to fill; a
summary, every node side by side and, across worksheet versions, how questions were paired.
Figures are rounded half-up as everywhere else; texts never become formulas (`put_text`)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pmprb.compare.comparison import Comparison
from pmprb.i18n import t
from pmprb.model.weight import display
from pmprb.scoring.result import QuestionResult
from pmprb.writers.atomic import atomic_path
from pmprb.writers.cells import put_text, text_cell
from pmprb.writers.print_setup import fit_width

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet as Sheet

POINTS = "0.00"
SIGNED = "+0.00;-0.00;0.00"
HEADER_FILL = "DDEBF7"
DOWN_FILL = "F8CBAD"
MAX_HEIGHT = 300


def write_action_plan(path: Path, c: Comparison, lang: str = "id") -> None:
    from openpyxl import Workbook

    book = Workbook()
    actions = book.active
    assert actions is not None
    actions.title = t("plan.sheet.actions", lang)
    _actions(actions, c, lang)
    _summary(book.create_sheet(t("plan.sheet.summary", lang)), c, lang)
    _nodes(book.create_sheet(t("plan.sheet.nodes", lang)), c, lang)
    if not c.matching.same_worksheet:
        _matching(book.create_sheet(t("plan.sheet.matching", lang)), c, lang)
    with atomic_path(path) as tmp:
        book.save(tmp)


def _header(sheet: Sheet, row: int, titles: list[str], widths: Sequence[float]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    fill = PatternFill("solid", fgColor=HEADER_FILL)
    for col, (title, width) in enumerate(zip(titles, widths, strict=True), start=1):
        cell = text_cell(sheet, row, col, title)
        cell.font = Font(bold=True)
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(col)].width = width


def row_height(values: Sequence[Any], widths: Sequence[float]) -> float:
    """Height for wrapped text: spreadsheets keep a written row's default height otherwise."""
    lines = 1
    for value, width in zip(values, widths, strict=False):
        if isinstance(value, str):
            per_line = max(1, int(width * 1.1))
            lines = max(lines, sum(1 + len(part) // per_line for part in value.split("\n")))
    return min(MAX_HEIGHT, 13 * lines + 2)


def _answer(q: QuestionResult, lang: str) -> str:
    if q.status == "answered":
        return q.answer or ""
    return t("cmp.invalid" if q.status == "invalid" else "cmp.unanswered", lang)


def _number(value: Any, places: int = 2) -> float | None:
    return None if value is None else display(value, places)


def _actions(sheet: Sheet, c: Comparison, lang: str) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    put_text(sheet["A1"], t("plan.title", lang, a=c.a.label, b=c.b.label))
    sheet["A1"].font = Font(bold=True, size=13)
    a, b = c.a.label, c.b.label
    titles = [
        t("plan.no", lang),
        t("cmp.area", lang),
        t("cmp.code", lang),
        t("cmp.question", lang),
        t("cmp.answer", lang, label=a),
        t("cmp.answer", lang, label=b),
        t("cmp.points", lang),
        t("plan.went-down", lang),
        t("cmp.note", lang, label=a),
        t("cmp.note", lang, label=b),
        t("cmp.evidence", lang, label=b),
        t("plan.action", lang),
        t("plan.owner", lang),
        t("plan.due", lang),
        t("plan.status", lang),
    ]
    widths = [4, 16, 7, 45, 9, 9, 8, 6, 22, 22, 16, 26, 14, 10, 9]
    _header(sheet, 3, titles, widths)
    sheet.row_dimensions[3].height = 30
    wrap = Alignment(wrap_text=True, vertical="top")
    down = PatternFill("solid", fgColor=DOWN_FILL)
    for i, q in enumerate(c.questions, start=1):
        row = 3 + i
        ident = q.b_id if q.a_id == q.b_id else f"{q.a_id} → {q.b_id}"
        values = [
            i,
            q.area_title,
            ident,
            q.text,
            _answer(q.a, lang),
            _answer(q.b, lang),
            _number(q.points, 4),
            t("plan.yes", lang) if q.went_down else "",
            q.a.note,
            q.b.note,
            q.b.evidence,
        ]
        for col, value in enumerate(values, start=1):
            cell = text_cell(sheet, row, col, value)
            cell.alignment = wrap
        sheet.cell(row, 7).number_format = SIGNED
        sheet.row_dimensions[row].height = row_height(values, widths)
        if q.went_down:
            sheet.cell(row, 7).fill = down
    sheet.freeze_panes = "E4"
    if c.questions:
        sheet.auto_filter.ref = f"A3:O{3 + len(c.questions)}"
    sheet.print_title_rows = "3:3"
    fit_width(sheet)


def _summary(sheet: Sheet, c: Comparison, lang: str) -> None:
    from openpyxl.styles import Font

    widths = [36, 40, 40, 12]
    put_text(sheet["A1"], t("plan.title", lang, a=c.a.label, b=c.b.label))
    sheet["A1"].font = Font(bold=True, size=13)
    _header(sheet, 3, ["", c.a.label, c.b.label, t("cmp.difference", lang)], widths)
    none = t("predicate.none", lang)
    ag = c.agreement
    # (label, A, B, difference, number format of the figures)
    lines: list[tuple[str, Any, Any, Any, str | None]] = [
        (t("plan.file", lang), c.a.file, c.b.file, None, None),
        (t("plan.layer", lang), c.a.layer, c.b.layer, None, None),
        (
            t("plan.worksheet", lang),
            f"{c.a.worksheet} ({c.a.worksheet_version})",
            f"{c.b.worksheet} ({c.b.worksheet_version})",
            None,
            None,
        ),
        (t("cmp.total", lang), _number(c.a.total), _number(c.b.total), _number(c.gap), POINTS),
        (t("cmp.predicate", lang), c.a.predicate or none, c.b.predicate or none, None, None),
        ("", None, None, None, None),
        (t("plan.compared", lang), ag.compared, None, None, None),
        (t("plan.identical", lang), ag.identical, None, None, None),
        (t("plan.share", lang), None if ag.share is None else float(ag.share), None, None, "0.0%"),
        (t("plan.dispute-total", lang), _number(ag.points_in_dispute), None, None, POINTS),
    ]
    row = 4
    for label, a, b, diff, number_format in lines:
        for col, value in enumerate((label, a, b, diff), start=1):
            cell = text_cell(sheet, row, col, value)
            if col > 1 and number_format:
                cell.number_format = SIGNED if col == 4 else number_format
        row += 1
    total_row = 4 + 3
    for col in range(1, 5):
        sheet.cell(total_row, col).font = Font(bold=True)
    row += 1
    _header(
        sheet, row, [t("cmp.area", lang), t("cmp.differing-count", lang), t("cmp.points", lang)], widths[:3]
    )
    for area in ag.areas:
        row += 1
        text_cell(sheet, row, 1, area.title)
        sheet.cell(row, 2, area.differing)
        sheet.cell(row, 3, _number(area.points)).number_format = POINTS
    fit_width(sheet, landscape=False)


def _nodes(sheet: Sheet, c: Comparison, lang: str) -> None:
    from openpyxl.styles import Font

    a, b = c.a.label, c.b.label
    _header(
        sheet,
        1,
        [
            "ID",
            t("cmp.code", lang),
            t("cmp.node", lang),
            t("cmp.weight", lang),
            a,
            b,
            t("cmp.difference", lang),
        ],
        [14, 7, 60, 9, 12, 12, 12],
    )
    for r, n in enumerate(c.nodes, start=2):
        values = [
            n.id,
            n.code,
            "  " * n.depth + n.title,
            _number(n.weight, 4),
            _number(n.a),
            _number(n.b),
            _number(n.difference),
        ]
        for col, value in enumerate(values, start=1):
            cell = text_cell(sheet, r, col, value)
            if col >= 5:
                cell.number_format = SIGNED if col == 7 else POINTS
            if n.depth == 0 and not n.combined:
                cell.font = Font(bold=True)
    sheet.freeze_panes = "D2"
    sheet.print_title_rows = "1:1"
    fit_width(sheet, landscape=False)


def _matching(sheet: Sheet, c: Comparison, lang: str) -> None:
    wa, wb = c.worksheet_a, c.worksheet_b
    _header(
        sheet,
        1,
        [
            wa.id,
            wb.id,
            t("plan.how", lang),
            t("plan.similarity", lang),
            f"{t('cmp.question', lang)} {wa.id}",
            f"{t('cmp.question', lang)} {wb.id}",
        ],
        [10, 10, 16, 10, 60, 60],
    )
    rows: list[list[Any]] = [
        [p.a, p.b, ", ".join(p.how), round(p.similarity, 3), wa.questions[p.a].text, wb.questions[p.b].text]
        for p in c.matching.changed
    ]
    unmatched = t("plan.unmatched", lang)
    rows += [[q, None, unmatched, None, wa.questions[q].text, None] for q in c.matching.unmatched_a]
    rows += [[None, q, unmatched, None, None, wb.questions[q].text] for q in c.matching.unmatched_b]
    from openpyxl.styles import Alignment

    wrap = Alignment(wrap_text=True, vertical="top")
    for r, values in enumerate(rows, start=2):
        for col, value in enumerate(values, start=1):
            text_cell(sheet, r, col, value).alignment = wrap
        sheet.row_dimensions[r].height = row_height(values, [10, 10, 16, 10, 60, 60])
    fit_width(sheet)
