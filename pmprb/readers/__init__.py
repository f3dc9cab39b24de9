"""Read answers from the files users hold. Each format is a small object (`base.Format`):
`detect(source, requested) -> Detection` says which worksheet, how sure and why; `read(source,
detection, layers) -> ReadResult` reads the layers asked for. `FORMATS` orders them (most specific
first). A format never guesses silently: a file whose questions are found below a clear share is
refused with the best candidates, and a file no format reads is named for what it looks like."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path

from pmprb.errors import Location, Problem, UserError
from pmprb.model import Worksheet
from pmprb.readers.base import (
    CLEARLY_WORSE,
    REFUSE_BELOW,
    Detection,
    ExportFigures,
    Format,
    FormFigures,
    KkeFigures,
    ModuleFormat,
    ReaderHints,
    ReadResult,
)
from pmprb.readers.source import Source
from pmprb.scoring.answers import AnswerSheet

__all__ = ["FORMATS", "Detection", "Format", "Loaded", "ReadResult", "detect", "formats", "load"]

# a module listed here offers `FORMAT` (a base.Format), or module functions `detect` and `read`
FORMATS = (
    "pmprb.readers.own_workbook",
    "pmprb.readers.kke",  # a Pemda's SAKIP KKE: sheets named like one, read by structure
    "pmprb.readers.sakip_export",  # a SAKIP evaluation application's export, by its header rows
    "pmprb.readers.lke_form",  # by structure and row numbers, with or without a header row
    "pmprb.readers.answer_table",  # plain answers, CSV or JSON: before PortalRB's JSON
    "pmprb.readers.portalrb_json",
    "pmprb.readers.sakip_other",  # last: a SAKIP workbook of another layout is named, not sent to ZI sheets
)


@dataclass
class Loaded:
    source: Source
    worksheet: Worksheet
    reason: str
    sheets: dict[str, AnswerSheet]  # layer -> answers, for the layers asked for that the file has
    format: str
    detection: Detection | None = None
    figures: dict[str, FormFigures | KkeFigures | ExportFigures] = field(
        default_factory=dict
    )  # layer -> the form's figures
    absent: tuple[str, ...] = ()  # layers asked for that the file does not have (when allowed)

    @property
    def layers(self) -> tuple[str, ...]:
        """Every layer the file holds, by name."""
        return self.detection.layers if self.detection is not None else tuple(self.sheets)


def formats() -> list[Format]:
    out: list[Format] = []
    for name in FORMATS:
        module = importlib.import_module(name)
        found: Format | None = getattr(module, "FORMAT", None)
        out.append(found if found is not None else ModuleFormat(name.rsplit(".", 1)[-1], module))
    return out


def warm_up() -> None:
    """Import every format and the workbook parser now: worker processes forked afterwards share them."""
    formats()
    import python_calamine  # noqa: F401


DEFAULT_LAYER = "unit"


def detect(source: Source, requested: Worksheet | None = None) -> tuple[Detection, Format]:
    """The format and worksheet of `source`: refused (UserError, exit 2) when its questions are found
    below REFUSE_BELOW, and named for what it looks like when no format reads it."""
    from pmprb.readers.identify import identify

    for fmt in formats():
        found = fmt.detect(source, requested)
        if found is None:
            continue
        if found.confidence < REFUSE_BELOW:
            raise UserError(*identify(source), _refusal(source, found))
        return found, fmt
    raise UserError(*(identify(source) or [_unknown(source, requested)]))


def load(
    path: Path,
    worksheet: Worksheet | None = None,
    layers: tuple[str, ...] | None = (DEFAULT_LAYER,),
    *,
    every_layer: bool = False,
    skip_absent: bool = False,
) -> Loaded:
    """Open `path`, find its format and worksheet (or use the one given), read the layers asked for
    (None: the layer the file says it holds, as a consensus workbook does, else the unit's; with
    `every_layer`, every layer the file has). A layer the file does not have is refused, or with
    `skip_absent` left out and named in `absent`."""
    source = Source.open(path)
    found, fmt = detect(source, worksheet)
    wanted = found.layers if every_layer else layers
    if wanted is None:
        kept = _remembered(fmt, source)
        wanted = (kept if kept is not None and kept in found.layers else DEFAULT_LAYER,)
    absent = tuple(layer for layer in wanted if layer not in found.layers)
    if absent and not skip_absent:
        # a layer neither the file nor its worksheet knows is unknown; one the worksheet has, absent
        code = "lkeform.layer-absent" if absent[0] in found.worksheet.layers else "layer.unknown"
        raise UserError(
            Problem(
                code,
                Location(source.name),
                params={"value": absent[0], "allowed": ", ".join(found.layers) or "-"},
            )
        )
    wanted = tuple(layer for layer in wanted if layer not in absent)
    result = fmt.read(source, found, wanted)
    notices = _notices(source, found, worksheet)
    for layer, sheet in result.sheets.items():
        hints = result.hints.get(layer, ReaderHints())
        sheet.problems[:0] = notices
        # hidden rows, merged or uncomputed answer cells, in any layout
        sheet.problems.extend(source.answer_warnings(sheet.answers, hints.alike_rows, hints.answer_places))
    return Loaded(
        source, found.worksheet, found.reason, result.sheets, fmt.name, found, result.figures, absent
    )


def _remembered(fmt: Format, source: Source) -> str | None:
    """The layer a file says it holds (a consensus workbook's cover), when its format can tell."""
    tell = getattr(fmt, "remembered_layer", None) or getattr(
        getattr(fmt, "module", None), "remembered_layer", None
    )
    return tell(source) if tell is not None else None


def _candidates(found: Detection) -> str:
    shown = [f"{ws} {n}/{total}" for ws, n, total in found.candidates[:3]]
    return ", ".join(shown) or "-"


def _refusal(source: Source, found: Detection) -> Problem:
    total = len(found.worksheet.questions)
    missing = found.missing[:5]
    texts = [f"{q} {found.worksheet.questions[q].text[:40]!r}" for q in missing]
    return Problem(
        "readers.too-few",
        Location(source.name),
        params={
            "worksheet": found.worksheet.id,
            "found": found.found if found.found is not None else round(found.confidence * total),
            "total": total,
            "share": f"{REFUSE_BELOW:.0%}",
            "candidates": _candidates(found),
            "missing": "; ".join(texts) or "-",
            "file": source.path.name,
        },
    )


def _notices(source: Source, found: Detection, requested: Worksheet | None) -> list[Problem]:
    """A --worksheet that fits clearly worse than another shipped worksheet: said, naming the better."""
    if requested is None or not found.candidates:
        return []
    mine = found.confidence
    better = [(ws, n, total) for ws, n, total in found.candidates if ws != requested.id and total]
    best = max(better, key=lambda c: c[1] / c[2], default=None)
    if best is None or best[1] / best[2] < mine + CLEARLY_WORSE:
        return []
    return [
        Problem(
            "readers.worksheet-worse",
            Location(source.name),
            "warning",
            params={
                "worksheet": requested.id,
                "found": found.found if found.found is not None else "-",
                "total": len(requested.questions),
                "better": best[0],
                "better_found": best[1],
                "better_total": best[2],
            },
        )
    ]


def _unknown(source: Source, requested: Worksheet | None) -> Problem:
    if source.kind not in ("json", "csv"):  # a workbook, but not the answer sheet we know: say what it holds
        expected = requested.excel.sheet if requested is not None and requested.excel else "Jawaban, LKE ZI"
        found = ", ".join(source.sheet_names) or "-"
        return Problem("sheet.missing", Location(source.name), params={"expected": expected, "found": found})
    return Problem("file.unknown-format", Location(source.name), params={"sheets": "Jawaban, LKE ZI"})
