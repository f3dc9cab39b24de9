"""Read answers from the files users hold. Each format module offers `detect` and `read`;
`FORMATS` orders them (most specific first). A format never guesses silently: it says which
worksheet it chose and why."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from pmprb.errors import Location, Problem, UserError
from pmprb.model import Worksheet
from pmprb.readers.source import Source
from pmprb.scoring.answers import AnswerSheet

FORMATS = (
    "pmprb.readers.own_workbook",
    "pmprb.readers.kke",  # a Pemda's SAKIP KKE: sheets named like one, read by structure
    "pmprb.readers.sakip_export",  # a SAKIP evaluation application's export, by its header rows
    "pmprb.readers.lke_form",  # by structure: before fixed rows, so moved rows are still found
    "pmprb.readers.official_excel",
    "pmprb.readers.answer_table",  # plain answers, CSV or JSON: before PortalRB's JSON
    "pmprb.readers.portalrb_json",
    "pmprb.readers.sakip_other",  # last: a SAKIP workbook of another layout is named, not sent to ZI sheets
)


@dataclass
class Detection:
    worksheet: Worksheet
    reason: str  # shown to the user: why this worksheet


@dataclass
class Loaded:
    source: Source
    worksheet: Worksheet
    reason: str
    sheets: dict[str, AnswerSheet]
    format: str


def _modules() -> list[ModuleType]:
    return [importlib.import_module(name) for name in FORMATS]


def warm_up() -> None:
    """Import every format and the workbook parser now: worker processes forked afterwards share them."""
    _modules()
    import python_calamine  # noqa: F401


DEFAULT_LAYER = "unit"


def load(
    path: Path,
    worksheet: Worksheet | None = None,
    layers: tuple[str, ...] | None = (DEFAULT_LAYER,),
    *,
    every_layer: bool = False,
) -> Loaded:
    """Open `path`, find its format and worksheet (or use the one given), read the layers asked for
    (None: the layer the file says it holds, as a consensus workbook does, else the unit's; with
    `every_layer`, every layer of the worksheet found)."""
    source = Source.open(path)
    for module in _modules():
        found = module.detect(source, worksheet)
        if found is None:
            continue
        wanted = tuple(found.worksheet.layers) if every_layer else layers
        if wanted is None:
            remembered = getattr(module, "remembered_layer", None)
            kept: str | None = remembered(source) if remembered is not None else None
            wanted = (kept if kept is not None and kept in found.worksheet.layers else DEFAULT_LAYER,)
        for layer in wanted:
            if layer not in found.worksheet.layers:
                raise UserError(
                    Problem(
                        "layer.unknown",
                        Location(source.name),
                        params={"value": layer, "allowed": ", ".join(found.worksheet.layers)},
                    )
                )
        sheets = module.read(source, found.worksheet, wanted)
        for sheet in sheets.values():  # hidden rows, merged or uncomputed answer cells, in any layout
            sheet.problems.extend(
                source.answer_warnings(sheet.answers, sheet.alike_rows, sheet.answer_places)
            )
        return Loaded(source, found.worksheet, found.reason, sheets, module.__name__.rsplit(".", 1)[-1])
    if source.kind not in ("json", "csv"):  # a workbook, but not the answer sheet we know: say what it holds
        expected = worksheet.excel.sheet if worksheet is not None and worksheet.excel else "Jawaban, LKE ZI"
        found = ", ".join(source.sheet_names) or "-"
        params = {"expected": expected, "found": found}
        raise UserError(Problem("sheet.missing", Location(source.name), params=params))
    raise UserError(
        Problem("file.unknown-format", Location(source.name), params={"sheets": "Jawaban, LKE ZI"})
    )
