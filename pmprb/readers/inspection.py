"""What pmprb recognised in a file and why (`pmprb inspect`): format, worksheet and confidence, each
layer and its columns, rows mapped and how, rows not mapped, questions not found, the form's own rows.
Nothing is refused here: a file `score` would refuse is shown with what was found in it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pmprb.errors import Problem
from pmprb.model import Worksheet
from pmprb.readers.base import REFUSE_BELOW, Detection
from pmprb.readers.source import Source, column_letter


@dataclass
class Inspection:
    file: str
    format: str | None = None
    worksheet: str | None = None
    reason: str | None = None
    found: int | None = None
    total: int | None = None
    confidence: float | None = None
    refused: bool = False
    candidates: list[dict[str, Any]] = field(default_factory=list)
    sheet: str | None = None
    header_row: int | None = None  # 1-based; None: no header row
    numbered_by: str | None = None  # "rows", an ID column's letter, or None (labels only)
    by_number: int = 0  # questions placed by their row number (the others by structure and text)
    layers: list[dict[str, Any]] = field(default_factory=list)
    missing: list[dict[str, str]] = field(default_factory=list)  # questions not found
    unmapped: list[dict[str, Any]] = field(default_factory=list)  # rows typed as answers, no question
    form_rows: list[dict[str, Any]] = field(default_factory=list)  # the form's subtotal and % rows
    problems: list[Problem] = field(default_factory=list)  # what the file was named as, when unread

    def to_dict(self, lang: str = "id") -> dict[str, Any]:
        out = {k: v for k, v in self.__dict__.items() if k != "problems"}
        out["problems"] = [p.to_dict(lang) for p in self.problems]
        return out


def inspect(path: Path, requested: Worksheet | None = None) -> Inspection:
    from pmprb.readers import formats
    from pmprb.readers.identify import identify

    source = Source.open(path)
    out = Inspection(path.name)
    for fmt in formats():
        found = fmt.detect(source, requested)
        if found is None:
            continue
        _describe(out, fmt.name, found)
        # a format that knows more of its layout than Detection says (the SAKIP files) describes it
        describe = getattr(getattr(fmt, "module", None), "describe", None)
        if describe is not None:
            describe(source, found, out)
        if out.refused:
            out.problems = identify(source)
        return out
    out.problems = identify(source)
    return out


def _describe(out: Inspection, name: str, found: Detection) -> None:
    from pmprb.readers.lke_form import Recognised

    ws = found.worksheet
    out.format, out.worksheet, out.reason = name, ws.id, found.reason
    out.total = len(ws.questions)
    out.found = found.found if found.found is not None else out.total
    out.confidence = round(found.confidence, 3)
    out.refused = found.confidence < REFUSE_BELOW
    out.candidates = [{"worksheet": w, "found": n, "total": t} for w, n, t in found.candidates]
    out.layers = [{"name": layer} for layer in found.layers]
    state = found.state
    if not isinstance(state, Recognised):
        return
    layout, mapping = state.layout, state.mapping
    out.sheet = layout.sheet
    out.header_row = None if layout.headerless else layout.header_row + 1
    out.numbered_by = mapping.numbered or None
    out.by_number = mapping.by_number
    for entry in out.layers:
        layer = entry["name"]
        entry["answer"] = column_letter(layout.answers[layer])
        if layer in layout.notes:
            entry["note"] = column_letter(layout.notes[layer])
        if layout.evidence.get(layer):
            entry["evidence"] = [column_letter(c) for c in layout.evidence[layer]]
        if layer in layout.values:
            entry["value"] = column_letter(layout.values[layer])
    out.missing = [{"question": q, "text": ws.questions[q].text} for q in mapping.missing]
    out.unmapped = [{"row": r.number, "text": r.text} for r in mapping.unmapped]
    out.form_rows = [
        {"kind": item.kind, "row": item.row, "text": item.text, "node": item.node, "parts": list(item.parts)}
        for item in mapping.form
    ]
    out.form_rows += [
        {"kind": "computed", "row": row + 1, "text": state.rows_text(row), "node": None, "parts": []}
        for row in sorted(mapping.computed.values())
    ]
