"""Name what a file is when no format reads it (or reads too little of it): an SAKIP/AKIP evaluation
workbook, an LKE RB of another generation, PortalRB's master question bank, JSON of another shape.
Each says what the file looks like, by the evidence seen, and what pmprb supports instead."""

from __future__ import annotations

from typing import Any

from pmprb.errors import Location, Problem, UserError
from pmprb.readers.source import Source

SCAN_ROWS = 30  # rows of each sheet searched for a telling header
SCAN_COLUMNS = 30
_SAKIP_SHEETS = ("resume", "penilaian", "kke", "lke akip", "lke sakip")
_SAKIP_HEADERS = (
    "komponen subkomponen kriteria",
    "nilai akuntabilitas kinerja",
    "penilaian mandiri unit kerja",
    "evaluasi apip",
    "perencanaan kinerja",
)
_RB_SHEETS = ("lke pusat", "lke unit", "lke pemda", "lke rb", "lke instansi")


def identify(source: Source) -> list[Problem]:
    """A problem naming the file's kind, or none when it looks like nothing pmprb knows."""
    try:
        if source.kind == "json":
            return _json(source)
        if source.kind == "csv":
            return []  # a table of plain answers: its reader says what is wrong
        return _workbook(source)
    except UserError:
        return []  # a part that cannot be read: the reader's own refusal says why


def _shipped() -> str:
    from pmprb.catalog import shipped_paths

    return ", ".join(shipped_paths())


def _workbook(source: Source) -> list[Problem]:
    from pmprb.readers.lke_form import normalise

    names = source.sheet_names
    folded = {normalise(n): n for n in names}
    where = Location(source.name)
    rb = [folded[n] for n in folded if n.startswith(_RB_SHEETS)]
    if rb:
        return [
            Problem(
                "readers.looks-lke-rb",
                where,
                params={"sheets": ", ".join(rb), "allowed": _shipped()},
            )
        ]
    evidence = [folded[n] for n in folded if n.startswith(_SAKIP_SHEETS)]
    for name in names[:8]:
        header = _header(source, name)
        if header:
            evidence.append(f"{name}: {header!r}")
            break
    sakip_sheets = sum(1 for n in folded if n.startswith(("resume", "penilaian")))
    if sakip_sheets >= 2 or any(": " in e for e in evidence):
        return [
            Problem(
                "readers.looks-sakip",
                where,
                params={"evidence": "; ".join(evidence), "allowed": _shipped(), "file": source.name},
            )
        ]
    return []


def _header(source: Source, sheet: str) -> str | None:
    from pmprb.readers.lke_form import normalise

    grid = source.rows(sheet)
    for line in grid[:SCAN_ROWS]:
        for value in line[:SCAN_COLUMNS]:
            if isinstance(value, str) and normalise(value).startswith(_SAKIP_HEADERS):
                return value.strip()
    return None


def _json(source: Source) -> list[Problem]:
    data = source.json
    where = Location(source.name)
    if isinstance(data, dict) and isinstance(data.get("answers"), list):
        return []  # PortalRB answers: its reader says what is wrong inside
    if is_master(data):
        assert isinstance(data, dict)
        return [
            Problem(
                "readers.portalrb-master",
                where,
                params={
                    "year": data.get("tahun", "-"),
                    "count": data.get("total_soal", "-"),
                    "file": source.name,
                },
            )
        ]
    if not isinstance(data, dict):
        return [
            Problem(
                "readers.json-not-object",
                Location(source.name, json_path="$"),
                params={"kind": _json_kind(data)},
            )
        ]
    keys = ", ".join(str(k) for k in list(data)[:8])
    return [Problem("readers.json-other", Location(source.name, json_path="$"), params={"keys": keys or "-"})]


def is_master(data: Any) -> bool:
    """PortalRB's master question bank: {"tahun", "total_soal", "data": [{"nama", "soals", "children"}]}."""
    if not isinstance(data, dict) or not isinstance(data.get("data"), list) or not data["data"]:
        return False
    first = data["data"][0]
    return isinstance(first, dict) and ("soals" in first or "children" in first)


def _json_kind(data: Any) -> str:
    if isinstance(data, list):
        return "array"
    if isinstance(data, str):
        return "string"
    if isinstance(data, bool) or data is None:
        return "literal"
    return "number"
