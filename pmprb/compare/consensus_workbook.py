"""The consensus-meeting workbook: the assessor's workbook of `pmprb template` (so it scores like any
workbook after the meeting) with the majority answers prefilled in the assessors' layer, the disputed
questions highlighted on its answer sheet, and one more sheet beside it: every assessor's answer,
note and evidence per question, disputes first."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pmprb.compare.action_plan import row_height
from pmprb.compare.consensus import Consensus, QuestionConsensus, Vote
from pmprb.i18n import t
from pmprb.model.weight import display
from pmprb.readers import workbook_meta as m
from pmprb.workbook.layout import CODE, TEXT, build_layout
from pmprb.workbook.writer import build_workbook
from pmprb.writers.atomic import atomic_path
from pmprb.writers.cells import put_text
from pmprb.writers.print_setup import fit_width

FILLS = {"tie": "F8CBAD", "majority": "FCE4D6", "unanswered": "EDEDED"}
HEADER_FILL = "DDEBF7"
HEADER_ROW = 6


def notes_of(votes: list[Vote], field: str) -> str | None:
    """The majority's notes (or evidence): one text when they agree, else one line per assessor."""
    given = [(v.assessor, getattr(v.result, field)) for v in votes if getattr(v.result, field)]
    if not given:
        return None
    if len({text for _, text in given}) == 1:
        return str(given[0][1])
    return "\n".join(f"{name}: {text}" for name, text in given)


def prefill(c: Consensus) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Answers, notes and evidence for the assessors' layer: the majority where there is one."""
    answers, notes, evidence = {}, {}, {}
    for q in c.questions:
        if q.majority is None:
            continue
        answers[q.id] = q.majority
        supporters = q.supporters()
        if (note := notes_of(supporters, "note")) is not None:
            notes[q.id] = note
        if (link := notes_of(supporters, "evidence")) is not None:
            evidence[q.id] = link
    return answers, notes, evidence


def write_consensus(
    path: Path, c: Consensus, meta: Mapping[str, Any] | None = None, lang: str = "id"
) -> None:
    answers, notes, evidence = prefill(c)
    book = build_workbook(
        c.worksheet,
        answers_by_layer={c.layer: answers},
        notes_by_layer={c.layer: notes},
        evidence_by_layer={c.layer: evidence},
        meta={
            "penilai": t("cons.assessors", lang, names=", ".join(c.assessors)),
            "lapisan": c.layer,
            **(meta or {}),
        },
        lang=lang,
    )
    _highlight(book[m.ANSWER_SHEET], build_layout(c.worksheet), c)
    sheet = book.create_sheet(t("cons.sheet", lang), index=book.index(book[m.ANSWER_SHEET]))
    _consensus_sheet(sheet, c, lang)
    book.active = book.index(sheet)
    for other in book.worksheets:
        other.sheet_view.tabSelected = other is sheet
    with atomic_path(Path(path)) as tmp:
        book.save(tmp)


def _fill(color: str) -> Any:
    from openpyxl.styles import PatternFill

    return PatternFill(fill_type="solid", start_color=color, end_color=color)


def _highlight(sheet: Any, layout: Any, c: Consensus) -> None:
    from openpyxl.comments import Comment

    for q in c.disputes:
        row = layout.question_row[q.id]
        for column in (CODE, TEXT):
            sheet[f"{column}{row}"].fill = _fill(FILLS[q.status])
        votes = "; ".join(f"{v.assessor}: {v.answer or '-'}" for v in q.votes)
        sheet[f"{TEXT}{row}"].comment = Comment(votes, "pmprb")


def _by_assessor(votes: list[Vote], field: str) -> str | None:
    lines = [f"{v.assessor}: {text}" for v in votes if (text := getattr(v.result, field))]
    return "\n".join(lines) or None


def _status(q: QuestionConsensus, lang: str) -> str:
    return t(f"cons.status.{q.status}", lang)


def _consensus_sheet(sheet: Any, c: Consensus, lang: str) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    share = "-" if c.share is None else c.share * 100  # shown by t() in the language's digits
    put_text(sheet["A1"], t("cons.title", lang, worksheet=c.worksheet.title))
    sheet["A1"].font = Font(bold=True, size=13)
    put_text(
        sheet["A2"],
        t("cons.summary", lang, disputes=len(c.disputes), agreed=c.agreed, answered=c.answered, share=share),
    )
    put_text(sheet["A3"], t("cons.how", lang, layer=c.layer))
    sheet["A3"].font = Font(italic=True, color="595959")
    with_majority = c.with_majority()
    put_text(
        sheet["A4"],
        t("cons.with-majority", lang, counts="; ".join(f"{n}: {k}" for n, k in with_majority.items())),
    )
    fixed = [
        (t("plan.no", lang), 4),
        ("ID", 7),
        (t("cmp.question", lang), 48),
        (t("cmp.area", lang), 16),
        (t("cons.col.status", lang), 11),
        (t("cons.col.majority", lang), 10),
        (t("cons.col.votes", lang), 7),
        (t("cons.col.spread", lang), 8),
    ]
    titles: list[tuple[str, float]] = [
        *fixed,
        *[(name, 9) for name in c.assessors],
        (t("cons.col.notes", lang), 44),
        (t("cons.col.evidence", lang), 30),
    ]
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for col, (title, width) in enumerate(titles, start=1):
        cell = sheet.cell(HEADER_ROW, col)
        put_text(cell, title)
        cell.font, cell.fill, cell.alignment = bold, _fill(HEADER_FILL), wrap
        sheet.column_dimensions[get_column_letter(col)].width = width
    sheet.row_dimensions[HEADER_ROW].height = 30
    for i, q in enumerate(c.questions, start=1):
        row = HEADER_ROW + i
        values: list[Any] = [
            i,
            q.id,
            q.text,
            q.area_title,
            _status(q, lang),
            q.majority,
            f"{q.majority_count}/{len(q.votes)}",
            display(q.spread, 4),
            *[v.answer for v in q.votes],
            _by_assessor(q.votes, "note"),
            _by_assessor(q.votes, "evidence"),
        ]
        for col, value in enumerate(values, start=1):
            cell = sheet.cell(row, col)
            put_text(cell, value)
            cell.alignment = wrap
        sheet.cell(row, 8).number_format = "0.00"
        sheet.row_dimensions[row].height = row_height(values, [w for _, w in titles])
        if q.status in FILLS:
            for col in range(1, len(fixed) + 1):
                sheet.cell(row, col).fill = _fill(FILLS[q.status])
    last = get_column_letter(len(titles))
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + len(c.questions)}"
    sheet.freeze_panes = f"E{HEADER_ROW + 1}"
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    fit_width(sheet)
