"""Write the assessor's workbook: cover, instructions, the answer sheet with live formulas, a summary
of combined nodes and predicate conditions, and a hidden sheet that names the worksheet it was made for.

Public entry point: `write_workbook` (also used by `pmprb consensus`); keep its signature stable."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from pathlib import Path
from typing import Any

from pmprb import __version__
from pmprb.i18n import t
from pmprb.model import AnswerType, GradeItem, MeanItem, Question, RatioItem, Worksheet
from pmprb.model.worksheet import TOTAL
from pmprb.readers import workbook_meta as m
from pmprb.scoring.engine import node_weight
from pmprb.scoring.normalize import Invalid, is_blank, normalize
from pmprb.workbook import formulas as fx
from pmprb.workbook.layout import (
    CODE,
    CRITERIA,
    FIRST_ROW,
    HEADER_ROW,
    KEY,
    SUBHEADER_ROW,
    SUBTITLE_ROW,
    TEXT,
    TITLE_ROW,
    TOTAL_ROW,
    TYPE,
    WEIGHT,
    Layout,
    Row,
    build_layout,
)
from pmprb.writers.atomic import atomic_path
from pmprb.writers.cells import FORMULA_PREFIXES, put_text
from pmprb.writers.print_setup import fit_width

ByLayer = Mapping[str, Mapping[str, Any]]

# fills per tree depth (komponen, sub-komponen, area, sub-area, deeper)
DEPTH_FILLS = ("1F3864", "2F5597", "B4C7E7", "DAE3F3", "EDF2F9")
INPUT_FILL = "FFF2CC"
COMPUTED_FILL = "E2EFDA"
INVALID_FILL = "F8CBAD"
HEADER_FILL = "404040"
WIDTHS = {CODE: 6, TEXT: 48, WEIGHT: 7, TYPE: 11, CRITERIA: 52}
LAYER_WIDTHS = {"answer": 10, "value": 8, "percent": 8, "note": 28, "evidence": 24}
MAX_ROW_HEIGHT = 300


def write_workbook(
    path: Path,
    worksheet: Worksheet,
    *,
    answers_by_layer: ByLayer | None = None,
    notes_by_layer: ByLayer | None = None,
    evidence_by_layer: ByLayer | None = None,
    meta: Mapping[str, Any] | None = None,
    lang: str = "id",
) -> Layout:
    """Write the assessor's workbook for `worksheet` to `path` (atomically) and return its layout.

    - `answers_by_layer`: {layer: {question id: answer}}; an answer is what a reader returns (option key
      or spelling such as 'b.', a number, '3,6'). Valid answers are written in canonical form (option
      key; counts, scales and percentages as numbers); invalid ones are written as text, and the
      workbook marks them red and scores them 0, as the engine does.
    - `notes_by_layer`, `evidence_by_layer`: {layer: {question id: text}}.
    - `meta`: cover fields: instansi, nama_unit, tahun, penilai, lapisan.
    - `lang`: 'id' (default) or 'en' for every label, message and instruction.
    Layers must be among `worksheet.layers`; unknown layers or question ids raise KeyError (a caller's bug).
    Text that starts with =, +, - or @ is always written as text, never as a formula."""

    book = build_workbook(
        worksheet,
        answers_by_layer=answers_by_layer,
        notes_by_layer=notes_by_layer,
        evidence_by_layer=evidence_by_layer,
        meta=meta,
        lang=lang,
    )
    with atomic_path(Path(path)) as tmp:
        book.save(tmp)
    return build_layout(worksheet)


def build_workbook(
    worksheet: Worksheet,
    *,
    answers_by_layer: ByLayer | None = None,
    notes_by_layer: ByLayer | None = None,
    evidence_by_layer: ByLayer | None = None,
    meta: Mapping[str, Any] | None = None,
    lang: str = "id",
) -> Any:
    """The openpyxl Workbook that `write_workbook` saves."""
    from openpyxl import Workbook

    layout = build_layout(worksheet)
    for given in (answers_by_layer, notes_by_layer, evidence_by_layer):
        for layer, entries in (given or {}).items():
            layout.columns(layer)
            for qid in entries:
                if qid not in worksheet.questions:
                    raise KeyError(f"question {qid!r} is not in worksheet {worksheet.id}")
    book = Workbook()
    cover = book.active
    cover.title = m.COVER_SHEET
    guide = book.create_sheet(m.GUIDE_SHEET)
    answers = book.create_sheet(m.ANSWER_SHEET)
    summary = book.create_sheet(m.SUMMARY_SHEET)
    hidden = book.create_sheet(m.META_SHEET)
    writer = _Writer(worksheet, layout, lang)
    cover_cells = writer.cover(cover, dict(meta or {}))
    writer.guide(guide)
    writer.answer_sheet(answers, answers_by_layer or {}, notes_by_layer or {}, evidence_by_layer or {})
    writer.summary(summary)
    writer.meta_sheet(hidden, cover_cells)
    _define_names(book)
    book.properties.title = worksheet.title
    book.properties.subject = f"{worksheet.id} {worksheet.version}"
    book.properties.keywords = f"pmprb {worksheet.id} {worksheet.version}"
    book.properties.creator = "pmprb"
    book.active = book.index(answers)
    return book


def _define_names(book: Any) -> None:
    from openpyxl.workbook.defined_name import DefinedName

    for name, row in (("PMPRB_WORKSHEET", 3), ("PMPRB_VERSION", 4)):
        book.defined_names[name] = DefinedName(name, attr_text=f"'{m.META_SHEET}'!$B${row}")


def canonical(atype: AnswerType, raw: Any) -> tuple[Any, bool]:
    """(what to write, valid?): the option key or the number, or the raw text when it is not valid."""
    if isinstance(raw, Fraction):
        raw = float(raw) if raw.denominator != 1 else int(raw)
    try:
        normalized = normalize(atype, raw)
    except Invalid:
        return (raw if isinstance(raw, str) else str(raw)), False
    if atype.kind == "choice":
        return normalized.shown, True
    number = normalized.value
    if atype.kind == "scale":
        low, high = atype.min or Fraction(0), atype.max or Fraction(1)
        number = low + number * (high - low)
    elif atype.kind == "percent":
        number = number * 100
    return (int(number) if number.denominator == 1 else float(number)), True


def _criteria(worksheet: Worksheet, question: Question) -> str:
    atype = worksheet.answer_types[question.type]
    if atype.kind == "choice":
        lines = []
        for option in atype.options:
            text = question.option_criteria.get(option.key) or option.criteria
            if text:
                lines.append(f"{option.key}. {text.strip()}")
        if lines:
            return "\n".join(lines)
    return (question.criteria or "").strip()


class _Writer:
    def __init__(self, worksheet: Worksheet, layout: Layout, lang: str) -> None:
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side

        self.ws, self.layout, self.lang = worksheet, layout, lang
        self.Font, self.Fill, self.Alignment = Font, PatternFill, Alignment
        thin = Side(style="thin", color="BFBFBF")
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.unlocked = Protection(locked=False)
        self.wrap = Alignment(wrap_text=True, vertical="top")
        self.yes, self.no = t("wb.yes", lang), t("wb.no", lang)
        self._styles: dict[tuple[str, int, str], Any] = {}

    def fill(self, color: str) -> Any:
        return self.Fill(fill_type="solid", start_color=color, end_color=color)

    def layer_label(self, layer: str) -> str:
        label = t(f"wb.layer.{layer}", self.lang)
        # the catalog's name in the workbook's language, else the worksheet's label, else the id
        return self.ws.layer_label(layer) if label == f"wb.layer.{layer}" else label

    def type_label(self, atype: AnswerType) -> str:
        if atype.kind == "choice":
            return atype.label
        if atype.kind == "scale":
            return t("wb.type.scale", self.lang, min=fx.num(atype.min or 0), max=fx.num(atype.max or 0))
        return t(f"wb.type.{atype.kind}", self.lang)

    # --- cover ----------------------------------------------------------------------------------
    def cover(self, sheet: Any, meta: dict[str, Any]) -> dict[str, str]:
        from openpyxl.worksheet.datavalidation import DataValidation

        w = self.ws
        sheet["B2"] = t("wb.cover.title", self.lang)
        sheet["B2"].font = self.Font(size=16, bold=True)
        put_text(sheet["B3"], w.title)
        sheet["B3"].font = self.Font(size=13, bold=True)
        info = [
            ("wb.cover.worksheet", w.title),
            ("wb.cover.id", f"{w.id} · {w.version}"),
            ("wb.cover.regulation", w.regulation),
        ]
        row = 5
        for code, shown in info:
            sheet.cell(row, 2, t(code, self.lang)).font = self.Font(bold=True)
            put_text(sheet.cell(row, 3), shown)
            row += 1
        row += 1
        sheet.cell(row, 2, t("wb.cover.fill", self.lang)).font = self.Font(italic=True, color="7F7F7F")
        row += 1
        cells: dict[str, str] = {}
        layer_dv = DataValidation(
            type="list",
            formula1=fx.text_literal(",".join(self.layer_label(x) for x in w.layers)),
            allow_blank=True,
        )
        sheet.add_data_validation(layer_dv)
        for key, code in m.COVER_FIELDS:
            sheet.cell(row, 2, t(code, self.lang)).font = self.Font(bold=True)
            target = sheet.cell(row, 3)
            value: Any = meta.get(key)
            if key == "lapisan" and isinstance(value, str) and value in w.layers:
                value = self.layer_label(value)
            if key == "tahun" and value is None:
                value = w.year
            if value is not None:
                put_text(target, value)
            target.fill = self.fill(INPUT_FILL)
            target.protection = self.unlocked
            target.border = self.border
            if key == "lapisan":
                layer_dv.add(target.coordinate)
            cells[key] = target.coordinate
            row += 1
        sheet.column_dimensions["A"].width = 3
        sheet.column_dimensions["B"].width = 22
        sheet.column_dimensions["C"].width = 70
        sheet.protection.sheet = True
        _print_setup(sheet, portrait=True)
        return cells

    # --- guide ----------------------------------------------------------------------------------
    def guide(self, sheet: Any) -> None:
        w = self.ws
        sheet["B2"] = t("wb.guide.title", self.lang)
        sheet["B2"].font = self.Font(size=14, bold=True)
        text = t(
            "wb.guide",
            self.lang,
            worksheet=w.id,
            version=w.version,
            file=f"lke-{w.id}.xlsx",
            unit=self.layer_label(w.layers[0]),
            tpi=self.layer_label(w.layers[1] if len(w.layers) > 1 else w.layers[0]),
        )
        for i, line in enumerate(text.split("\n"), start=4):
            sheet.cell(i, 2, f"{i - 3}.").alignment = self.Alignment(vertical="top")
            put_text(sheet.cell(i, 3), line)
            sheet.cell(i, 3).alignment = self.wrap
            sheet.row_dimensions[i].height = 15 * _lines(line, 95)
        sheet.column_dimensions["B"].width = 4
        sheet.column_dimensions["C"].width = 100
        sheet.protection.sheet = True
        _print_setup(sheet, portrait=True)

    # --- answer sheet ---------------------------------------------------------------------------
    def answer_sheet(self, sheet: Any, answers: ByLayer, notes: ByLayer, evidence: ByLayer) -> None:
        from openpyxl.formatting.rule import FormulaRule

        w, layout, lang = self.ws, self.layout, self.lang
        last = layout.last_visible_column
        sheet[f"{CODE}{TITLE_ROW}"] = w.title
        sheet[f"{CODE}{TITLE_ROW}"].font = self.Font(size=14, bold=True)
        put_text(
            sheet[f"{CODE}{SUBTITLE_ROW}"],
            t("wb.subtitle", lang, worksheet=w.id, version=w.version, regulation=w.regulation),
        )
        sheet[f"{CODE}{SUBTITLE_ROW}"].font = self.Font(italic=True, color="595959")
        self._headers(sheet)
        self._total_row(sheet)
        for row in layout.rows:
            if row.kind == "node":
                self._node_row(sheet, row)
            elif row.kind == "question":
                self._question_row(sheet, row, answers, notes, evidence)
            else:
                self._computed_row(sheet, row)
        for cols in layout.layers:
            area = f"{cols.answer}{FIRST_ROW}:{cols.answer}{layout.last_row}"
            sheet.conditional_formatting.add(
                area, FormulaRule(formula=[f"${cols.status}{FIRST_ROW}=2"], fill=self.fill(INVALID_FILL))
            )
        for letter, width in WIDTHS.items():
            sheet.column_dimensions[letter].width = width
        for cols in layout.layers:
            for field, width in LAYER_WIDTHS.items():
                sheet.column_dimensions[getattr(cols, field)].width = width
            for letter in (cols.norm, cols.prefix, cols.status):
                sheet.column_dimensions[letter].hidden = True
        sheet.column_dimensions[KEY].hidden = True
        sheet.freeze_panes = f"{WEIGHT}{FIRST_ROW}"
        sheet.print_title_rows = f"{HEADER_ROW}:{TOTAL_ROW}"
        sheet.print_area = f"{CODE}1:{last}{layout.last_row}"
        sheet.protection.sheet = True
        sheet.protection.formatColumns = False
        sheet.protection.formatRows = False
        _print_setup(sheet)

    def _headers(self, sheet: Any) -> None:
        header_font = self.Font(bold=True, color="FFFFFF")
        center = self.Alignment(horizontal="center", vertical="center", wrap_text=True)
        fixed = (
            (CODE, "wb.col.code"),
            (TEXT, "wb.col.text"),
            (WEIGHT, "wb.col.weight"),
            (TYPE, "wb.col.type"),
            (CRITERIA, "wb.col.criteria"),
        )
        for letter, code in fixed:
            sheet[f"{letter}{HEADER_ROW}"] = t(code, self.lang)
            sheet.merge_cells(f"{letter}{HEADER_ROW}:{letter}{SUBHEADER_ROW}")
        for cols in self.layout.layers:
            sheet[f"{cols.answer}{HEADER_ROW}"] = self.layer_label(cols.layer)
            sheet.merge_cells(f"{cols.answer}{HEADER_ROW}:{cols.evidence}{HEADER_ROW}")
            for field in ("answer", "value", "percent", "note", "evidence"):
                sheet[f"{getattr(cols, field)}{SUBHEADER_ROW}"] = t(f"wb.col.{field}", self.lang)
        for row in (HEADER_ROW, SUBHEADER_ROW):
            for letter in self._visible_letters():
                cell = sheet[f"{letter}{row}"]
                cell.font, cell.alignment, cell.fill = header_font, center, self.fill(HEADER_FILL)
                cell.border = self.border
        sheet.row_dimensions[SUBHEADER_ROW].height = 30

    def _total_row(self, sheet: Any) -> None:
        layout = self.layout
        bold = self.Font(bold=True, size=12)
        sheet[f"{TEXT}{TOTAL_ROW}"] = t("wb.total", self.lang)
        sheet[f"{WEIGHT}{TOTAL_ROW}"] = float(fx.total_weight(self.ws))
        summary_score = layout.summary.layer_columns
        for cols in layout.layers:
            sheet[f"{cols.value}{TOTAL_ROW}"] = fx.total(layout, cols)
            sheet[f"{cols.percent}{TOTAL_ROW}"] = fx.percent(cols, TOTAL_ROW)
            sheet[f"{cols.answer}{TOTAL_ROW}"] = "=" + fx.sheet_ref(
                m.SUMMARY_SHEET, f"{summary_score[cols.layer][0]}{layout.summary.predicate_row}"
            )
            sheet[f"{cols.value}{TOTAL_ROW}"].number_format = "0.00"
            sheet[f"{cols.percent}{TOTAL_ROW}"].number_format = "0.00%"
        for letter in self._visible_letters():
            cell = sheet[f"{letter}{TOTAL_ROW}"]
            cell.font, cell.fill, cell.border = bold, self.fill("FCE4D6"), self.border
            cell.alignment = self.Alignment(
                vertical="center", horizontal=None if letter == TEXT else "center"
            )
        sheet[f"{WEIGHT}{TOTAL_ROW}"].number_format = "0.00"
        sheet.row_dimensions[TOTAL_ROW].height = 22

    def _visible_letters(self) -> set[str]:
        letters = {CODE, TEXT, WEIGHT, TYPE, CRITERIA}
        for cols in self.layout.layers:
            letters |= {cols.answer, cols.value, cols.percent, cols.note, cols.evidence}
        return letters

    def _roles(self) -> dict[str, str]:
        roles = {CODE: "other", TEXT: "text", WEIGHT: "weight", TYPE: "other", CRITERIA: "other"}
        for cols in self.layout.layers:
            roles.update({cols.answer: "answer", cols.value: "value", cols.percent: "percent"})
            roles.update({cols.note: "input", cols.evidence: "input"})
        return roles

    def _style_row(self, sheet: Any, r: int, kind: str, depth: int) -> None:
        """Style every visible cell of a row by (row kind, depth, column role). openpyxl hashes each new
        style object, so each combination is built once and its style array copied after that."""
        from copy import copy

        for letter, role in self._roles().items():
            cell = sheet[f"{letter}{r}"]
            key = (kind, min(depth, 4), role)
            cached = self._styles.get(key)
            if cached is None:
                self._build_style(cell, kind, depth, role)
                cell.quotePrefix = False  # per cell, never shared through the cache
                self._styles[key] = copy(cell._style)
            else:
                cell._style = copy(cached)
            if isinstance(cell.value, str) and cell.value.startswith(FORMULA_PREFIXES):
                cell.quotePrefix = True

    def _build_style(self, cell: Any, kind: str, depth: int, role: str) -> None:
        cell.border = self.border
        indent = min(depth, 4) if role == "text" else 0
        horizontal = "center" if role == "answer" else None
        cell.alignment = self.Alignment(wrap_text=True, vertical="top", indent=indent, horizontal=horizontal)
        if kind == "node":
            cell.fill = self.fill(DEPTH_FILLS[min(depth, len(DEPTH_FILLS) - 1)])
            cell.font = self.Font(bold=True, color="FFFFFF" if depth < 2 else "000000")
        elif kind == "computed":
            cell.fill = self.fill(COMPUTED_FILL)
            cell.font = self.Font(italic=True)
        elif role in ("answer", "input"):
            cell.fill = self.fill(INPUT_FILL)
            cell.protection = self.unlocked
        if role in ("weight", "value"):
            cell.number_format = "0.00%" if kind == "computed" and role == "value" else "0.00"
        elif role == "percent":
            cell.number_format = "0.00%"

    def _node_row(self, sheet: Any, row: Row) -> None:
        node = row.node
        assert node is not None
        r = row.row
        put_text(sheet[f"{KEY}{r}"], f"n:{node.id}")
        put_text(sheet[f"{CODE}{r}"], node.code or "")
        put_text(sheet[f"{TEXT}{r}"], node.title)
        sheet[f"{WEIGHT}{r}"] = float(node_weight(node))
        for cols in self.layout.layers:
            sheet[f"{cols.value}{r}"] = fx.node_score(self.ws, self.layout, cols, node)
            sheet[f"{cols.percent}{r}"] = fx.percent(cols, r)
        self._style_row(sheet, r, "node", row.depth)
        sheet.row_dimensions[r].height = 15 * _lines(node.title, WIDTHS[TEXT] - 2 * row.depth)

    def _question_row(
        self, sheet: Any, row: Row, answers: ByLayer, notes: ByLayer, evidence: ByLayer
    ) -> None:
        q = row.question
        assert q is not None
        r, w, lang = row.row, self.ws, self.lang
        atype = w.answer_types[q.type]
        put_text(sheet[f"{KEY}{r}"], m.question_key(q.id))
        put_text(sheet[f"{CODE}{r}"], q.code or q.id)
        put_text(sheet[f"{TEXT}{r}"], q.text)
        if q.weight is not None:
            sheet[f"{WEIGHT}{r}"] = float(q.weight)
        put_text(sheet[f"{TYPE}{r}"], self.type_label(atype))
        criteria = _criteria(w, q)
        if atype.kind == "count":
            criteria = (criteria + "\n" if criteria else "") + t("wb.count.note", lang)
        put_text(sheet[f"{CRITERIA}{r}"], criteria)
        self._style_row(sheet, r, "question", row.depth)
        dv = self._validation(atype, q, criteria)
        sheet.add_data_validation(dv)
        for cols in self.layout.layers:
            answer = f"{cols.answer}{r}"
            raw = answers.get(cols.layer, {}).get(q.id)
            if not is_blank(raw):
                written, _ = canonical(atype, raw)
                put_text(sheet[answer], written)
            for field, given in (("note", notes), ("evidence", evidence)):
                text = given.get(cols.layer, {}).get(q.id)
                target = sheet[f"{getattr(cols, field)}{r}"]
                if text:
                    put_text(target, str(text))
                    if field == "evidence" and str(text).startswith(("http://", "https://")):
                        target.hyperlink = str(text)
                        target.font = self.Font(color="0563C1", underline="single")
            dv.add(answer)
            if atype.kind == "choice":
                sheet[f"{cols.norm}{r}"] = fx.norm(answer)
                sheet[f"{cols.prefix}{r}"] = fx.prefix(f"{cols.norm}{r}")
            sheet[f"{cols.status}{r}"] = fx.status(atype, answer, cols, r)
            formula = fx.value(atype, answer, cols, r)
            if formula is not None:
                sheet[f"{cols.value}{r}"] = formula
        sheet.row_dimensions[r].height = min(
            MAX_ROW_HEIGHT,
            15 * max(_lines(q.text, WIDTHS[TEXT] - 2 * row.depth), _lines(criteria, WIDTHS[CRITERIA])),
        )

    def _validation(self, atype: AnswerType, q: Question, criteria: str) -> Any:
        from openpyxl.worksheet.datavalidation import DataValidation

        lang = self.lang
        if atype.kind == "choice":
            keys = ",".join(o.key for o in atype.options)
            dv = DataValidation(type="list", formula1=fx.text_literal(keys), allow_blank=True)
            error = t("wb.dv.choice", lang, allowed=", ".join(o.key for o in atype.options))
        elif atype.kind == "count":
            dv = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True)
            error = t("wb.dv.count", lang)
        elif atype.kind == "scale":
            low, high = fx.num(atype.min or 0), fx.num(atype.max or 0)
            dv = DataValidation(
                type="decimal", operator="between", formula1=low, formula2=high, allow_blank=True
            )
            error = t("wb.dv.scale", lang, min=low, max=high)
        else:
            dv = DataValidation(
                type="decimal", operator="between", formula1="0", formula2="100", allow_blank=True
            )
            error = t("wb.dv.percent", lang)
        dv.showErrorMessage = True
        dv.errorStyle = "stop"
        dv.errorTitle = t("wb.dv.error-title", lang)[:32]
        dv.error = error[:255]
        dv.showInputMessage = True
        dv.promptTitle = t("wb.dv.title", lang, code=q.code or q.id)[:32]
        prompt = criteria if criteria else error
        dv.prompt = prompt if len(prompt) <= 255 else prompt[:254] + "…"
        return dv

    def _computed_row(self, sheet: Any, row: Row) -> None:
        item = row.item
        assert item is not None
        r, lang = row.row, self.lang
        put_text(sheet[f"{KEY}{r}"], f"c:{item.id}")
        put_text(sheet[f"{CODE}{r}"], "%")
        put_text(sheet[f"{TEXT}{r}"], item.title)
        kind = "wb.computed.grade-type" if isinstance(item, GradeItem) else "wb.computed.type"
        put_text(sheet[f"{TYPE}{r}"], t(kind, lang))
        put_text(sheet[f"{CRITERIA}{r}"], self._computed_text(item))
        for cols in self.layout.layers:
            sheet[f"{cols.value}{r}"] = fx.computed(self.ws, self.layout, cols, item)
        self._style_row(sheet, r, "computed", row.depth)
        sheet.row_dimensions[r].height = 15 * max(_lines(item.title, WIDTHS[TEXT]), 3)

    def _computed_text(self, item: Any) -> str:
        def name(qid: str) -> str:
            question = self.ws.questions[qid]
            return f"({question.code or qid})"

        def pct(value: Fraction) -> str:
            return f"{fx.num(value * 100)}%"

        if isinstance(item, GradeItem):
            ladder = self.ws.ladders[item.ladder]
            rungs = "; ".join(
                f"{s.grade} {fx.num(s.value)}" + (f" ({s.condition})" if s.condition else "")
                for s in ladder.steps
            )
            flags = ", ".join(f.label for f in ladder.flags) or "-"
            override = f"({item.override})" if item.override else "-"
            criteria = len(item.criteria)
            return t(
                "wb.computed.grade", self.lang, count=criteria, flags=flags, override=override, rungs=rungs
            )
        if isinstance(item, MeanItem):
            return t(
                "wb.computed.mean", self.lang, items=" + ".join(name(i) for i in item.of), count=len(item.of)
            )
        if isinstance(item, RatioItem):
            return t(
                "wb.computed.ratio",
                self.lang,
                numerator=" + ".join(name(i) for i in item.numerator),
                denominator=" + ".join(name(i) for i in item.denominator),
                cap=pct(item.cap),
                zero=pct(item.zero_denominator),
            )
        return t(
            "wb.computed.decrease",
            self.lang,
            previous=name(item.previous),
            current=name(item.current),
            unchanged=pct(item.unchanged),
            increased=pct(item.increased),
        )

    # --- summary --------------------------------------------------------------------------------
    def summary(self, sheet: Any) -> None:
        w, layout, lang = self.ws, self.layout, self.lang
        s = layout.summary
        bold = self.Font(bold=True)
        sheet["B1"] = t("wb.summary.title", lang)
        sheet["B1"].font = self.Font(size=14, bold=True)
        put_text(sheet["B2"], f"{w.title} · {w.id} {w.version}")
        header_font = self.Font(bold=True, color="FFFFFF")
        hr = s.header_row
        sheet[f"B{hr}"], sheet[f"C{hr}"], sheet[f"D{hr}"] = (
            t("wb.col.code", lang),
            t("wb.col.text", lang),
            t("wb.col.weight", lang),
        )
        for layer, (score_col, pct_col) in s.layer_columns.items():
            sheet[f"{score_col}{hr - 1}"] = self.layer_label(layer)
            sheet.merge_cells(f"{score_col}{hr - 1}:{pct_col}{hr - 1}")
            sheet[f"{score_col}{hr - 1}"].alignment = self.Alignment(horizontal="center", wrap_text=True)
            sheet[f"{score_col}{hr - 1}"].font = bold
            sheet[f"{score_col}{hr}"], sheet[f"{pct_col}{hr}"] = (
                t("wb.col.value", lang),
                t("wb.col.percent", lang),
            )
        last_col = 4 + 2 * len(s.layer_columns)  # last used column index
        for cell in sheet[hr][1:]:
            if cell.column <= last_col:
                cell.font, cell.fill = header_font, self.fill(HEADER_FILL)
        # nodes
        for node_id, r in s.node_rows.items():
            node = w.node_by_id[node_id]
            depth = _depth(w, node_id)
            put_text(sheet[f"B{r}"], node.code or "")
            put_text(sheet[f"C{r}"], node.title)
            sheet[f"C{r}"].alignment = self.Alignment(indent=depth, wrap_text=True)
            sheet[f"D{r}"] = float(node_weight(node))
            for cols in layout.layers:
                score_col, pct_col = s.layer_columns[cols.layer]
                sheet[f"{score_col}{r}"] = "=" + fx.sheet_ref(
                    m.ANSWER_SHEET, f"{cols.value}{layout.node_row[node_id]}"
                )
                sheet[f"{pct_col}{r}"] = f"=IF(D{r}=0,0,{score_col}{r}/D{r})"
            if depth < 2:
                for cell in sheet[r][1:]:
                    if cell.column <= last_col:
                        cell.font = bold
        # total and predicate
        r = s.total_row
        sheet[f"C{r}"] = t("wb.total.short", lang)
        sheet[f"D{r}"] = float(fx.total_weight(w))
        for cols in layout.layers:
            score_col, pct_col = s.layer_columns[cols.layer]
            sheet[f"{score_col}{r}"] = "=" + fx.sheet_ref(m.ANSWER_SHEET, f"{cols.value}{TOTAL_ROW}")
            sheet[f"{pct_col}{r}"] = f"=IF(D{r}=0,0,{score_col}{r}/D{r})"
        r = s.predicate_row
        sheet[f"C{r}"] = t("wb.predicate", lang)
        for cols in layout.layers:
            score_col, pct_col = s.layer_columns[cols.layer]
            rules = [(rule.label, f"{pct_col}{s.rule_rows[rule.label]}") for rule in w.predicates]
            sheet[f"{score_col}{r}"] = fx.predicate(rules, self.yes, t("predicate.none", lang))
            sheet[f"{score_col}{r}"].alignment = self.Alignment(horizontal="center")
        for row_no in (s.total_row, s.predicate_row):
            for cell in sheet[row_no][1:]:
                if cell.column <= last_col:
                    cell.font, cell.fill = self.Font(bold=True, size=12), self.fill("FCE4D6")
        # combined nodes
        if s.combined_rows:
            first = min(s.combined_rows.values())
            sheet[f"C{first - 1}"] = t("wb.combined", lang)
            sheet[f"C{first - 1}"].font = self.Font(bold=True, size=12)
            for combo in w.combined:
                r = s.combined_rows[combo.id]
                put_text(sheet[f"C{r}"], combo.title)
                sheet[f"D{r}"] = float(fx.condition_weight(w, combo.id))
                for cols in layout.layers:
                    score_col, pct_col = s.layer_columns[cols.layer]
                    parts = ",".join(
                        fx.sheet_ref(m.ANSWER_SHEET, f"{cols.value}{layout.node_row[i]}") for i in combo.sum
                    )
                    sheet[f"{score_col}{r}"] = f"=SUM({parts})"
                    sheet[f"{pct_col}{r}"] = f"=IF(D{r}=0,0,{score_col}{r}/D{r})"
        # predicate rules
        for rule in w.predicates:
            r = s.rule_rows[rule.label]
            put_text(sheet[f"B{r}"], rule.label)
            put_text(
                sheet[f"C{r}"],
                t("wb.rule", lang, label=rule.label) + (f" — {rule.title}" if rule.title else ""),
            )
            sheet[f"D{r}"] = t("wb.col.required", lang)
            for cell in sheet[r][1:]:
                if cell.column <= last_col:
                    cell.font, cell.fill = bold, self.fill("DAE3F3")
            for cols in layout.layers:
                score_col, pct_col = s.layer_columns[cols.layer]
                cells = [f"{pct_col}{c.row}" for c in s.conditions if c.rule == rule.label]
                sheet[f"{score_col}{r}"] = t("wb.col.achieved", lang)
                sheet[f"{pct_col}{r}"] = fx.rule_holds(cells, self.yes, self.no)
        for cond in s.conditions:
            r = cond.row
            need = fx.required(w, cond.node, cond.condition.min, cond.condition.min_percent)
            op = "≥" if cond.condition.op == ">=" else ">"
            title = self._condition_title(cond.node)
            if cond.condition.min_percent is not None:
                text = t(
                    "wb.cond.percent", lang, title=title, op=op, percent=fx.num(cond.condition.min_percent)
                )
            else:
                text = t("wb.cond.min", lang, title=title, op=op, required=fx.num(need))
            put_text(sheet[f"C{r}"], text)
            sheet[f"C{r}"].alignment = self.Alignment(indent=1, wrap_text=True, vertical="top")
            sheet.row_dimensions[r].height = 15 * _lines(text, 58)
            sheet[f"D{r}"] = float(need)
            for cols in layout.layers:
                score_col, pct_col = s.layer_columns[cols.layer]
                sheet[f"{score_col}{r}"] = fx.achieved(fx.condition_score(layout, cols, cond.node))
                sheet[f"{pct_col}{r}"] = fx.holds(
                    f"{score_col}{r}", cond.condition.op, need, self.yes, self.no
                )
        for r, text in s.declaration_rows:
            put_text(sheet[f"C{r}"], t("wb.declaration", lang, text=text))
            sheet[f"C{r}"].font = self.Font(italic=True, color="595959")
            sheet[f"C{r}"].alignment = self.Alignment(indent=1, wrap_text=True, vertical="top")
            sheet.row_dimensions[r].height = 15 * _lines(sheet[f"C{r}"].value, 58)
        score_cols = {v[0] for v in s.layer_columns.values()}
        pct_cols = {v[1] for v in s.layer_columns.values()}
        text_rows = set(s.rule_rows.values()) | {c.row for c in s.conditions}
        for row_cells in sheet.iter_rows(
            min_row=hr + 1, max_row=sheet.max_row, min_col=2, max_col=4 + 2 * len(pct_cols)
        ):
            for cell in row_cells:
                letter = cell.column_letter
                if (letter == "D" or letter in score_cols) and cell.number_format == "General":
                    cell.number_format = "0.00"
                if letter in pct_cols and cell.row not in text_rows:
                    cell.number_format = "0.00%"
                if letter != "C":
                    cell.alignment = self.Alignment(horizontal="center", vertical="top")
        sheet.column_dimensions["A"].width = 2
        sheet.column_dimensions["B"].width = 7
        sheet.column_dimensions["C"].width = 60
        sheet.column_dimensions["D"].width = 9
        for score_col, pct_col in s.layer_columns.values():
            sheet.column_dimensions[score_col].width = 12
            sheet.column_dimensions[pct_col].width = 11
        from openpyxl.formatting.rule import CellIsRule

        for pct_col in pct_cols:  # an unmet condition or rule stands out
            sheet.conditional_formatting.add(
                f"{pct_col}{hr + 1}:{pct_col}{sheet.max_row}",
                CellIsRule(
                    operator="equal",
                    formula=[fx.text_literal(self.no)],
                    font=self.Font(bold=True, color="C00000"),
                ),
            )
        sheet.freeze_panes = f"D{hr + 1}"
        sheet.print_title_rows = f"{hr - 1}:{hr}"
        sheet.protection.sheet = True
        _print_setup(sheet, portrait=True)

    def _condition_title(self, node_id: str) -> str:
        w = self.ws
        if node_id == TOTAL:
            return t("wb.cond.total", self.lang)
        if node_id in w.node_by_id:
            node = w.node_by_id[node_id]
            return f"{node.code or ''} {node.title}".strip()
        for combo in w.combined:
            if combo.id == node_id:
                return combo.title
        question = w.questions[node_id]
        return f"{question.code or question.id} {question.text}"

    # --- meta -----------------------------------------------------------------------------------
    def meta_sheet(self, sheet: Any, cover_cells: dict[str, str]) -> None:
        w, layout = self.ws, self.layout
        rows: list[tuple[str, str]] = [
            ("format", m.FORMAT),
            ("format_version", m.FORMAT_VERSION),
            (m.WORKSHEET_ID, w.id),
            (m.WORKSHEET_VERSION, w.version),
            (m.FINGERPRINT, m.fingerprint(w)),
            ("generator", f"pmprb {__version__}"),
            ("answer_sheet", m.ANSWER_SHEET),
            ("key_column", m.KEY_COLUMN),
            ("first_row", str(FIRST_ROW)),
            ("layers", ",".join(w.layers)),
        ]
        for cols in layout.layers:
            for field in ("answer", "note", "evidence"):
                rows.append((f"layer.{cols.layer}.{field}", getattr(cols, field)))
        for key, cell in cover_cells.items():
            rows.append((f"cover.{key}", f"{m.COVER_SHEET}!{cell}"))
        for i, (key, value) in enumerate(rows, start=1):
            sheet.cell(i, 1, key)
            put_text(sheet.cell(i, 2), value)
        sheet.sheet_state = "hidden"
        sheet.protection.sheet = True


def _depth(worksheet: Worksheet, node_id: str) -> int:
    depth, parent = 0, worksheet.parent_of.get(node_id)
    while parent is not None:
        depth, parent = depth + 1, worksheet.parent_of.get(parent)
    return depth


def _lines(text: str, width: int) -> int:
    """Rough line count of wrapped text, for row heights (spreadsheets do not grow rows on open)."""
    width = max(width, 8)
    return max(1, sum(max(1, -(-len(part) // int(width * 1.2))) for part in (text or "").split("\n")))


def _print_setup(sheet: Any, portrait: bool = False) -> None:
    fit_width(sheet, landscape=not portrait)
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.5
    sheet.print_options.horizontalCentered = True
