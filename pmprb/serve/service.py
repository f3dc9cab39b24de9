"""What the server answers, apart from HTTP: the units table, the two proposal lists and each unit's
answers document, over the store's cached readings."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pmprb.errors import Location, Problem, UserError
from pmprb.model import Worksheet
from pmprb.serve.store import Log, Reading, Store, UnitFailed, with_unit
from pmprb.serve.units import MANIFEST, Unit, describe, id_from_name, inside, lke_files, read_manifest

LISTS = {"wbk": "WBK", "wbbm": "WBBM"}  # endpoint suffix -> predicate label of the worksheet


@dataclass(frozen=True, slots=True)
class Proposal:
    unit: Unit
    kategori: str | None  # None: not proposed
    reading: Reading | None
    problems: list[Problem]

    @property
    def list(self) -> str | None:
        if self.kategori is None:
            return None
        return "wbbm" if self.kategori == "WBBM" else "wbk"


class Service:
    def __init__(self, units: list[Unit], store: Store, manifest: Path | None) -> None:
        self.units = {u.id: u for u in units}
        self.store = store
        self.manifest = manifest

    @property
    def tahun(self) -> int:
        return self.store.tahun

    def unit(self, unit_id: str) -> Unit | None:
        return self.units.get(unit_id)

    def proposal(self, unit: Unit) -> Proposal:
        """A manifest's unit is proposed under its kategori; a unit found in DIR under the predicate
        its file reaches (WBBM or WBK), or not at all."""
        try:
            reading: Reading | None = self.store.get(unit)
            problems: list[Problem] = []
        except UnitFailed as exc:
            reading, problems = None, exc.problems
        if unit.kategori is not None:
            return Proposal(unit, unit.kategori, reading, problems)
        predicate = reading.predicate if reading is not None else None
        kategori = predicate if predicate in LISTS.values() else None
        return Proposal(unit, kategori, reading, problems)

    def listing(self, name: str) -> dict[str, Any]:
        units = []
        for unit in self.units.values():
            proposal = self.proposal(unit) if unit.kategori is None else None
            kategori = unit.kategori if proposal is None else proposal.kategori
            if kategori is None or ("wbbm" if kategori == "WBBM" else "wbk") != name:
                continue
            units.append({"id": unit.id, "nama": unit.nama, "kategori": kategori, "afirmasi": unit.afirmasi})
        return {"tahun": self.tahun, "units": units}

    def answers(self, unit: Unit) -> bytes:
        """The unit's answers document, serialised; raises UnitFailed."""
        return with_unit(self.store.get(unit).body, unit)


def worksheet_for(year: int | None) -> Worksheet:
    from pmprb.catalog import shipped_for_year, shipped_summaries

    worksheet = shipped_for_year(year)
    if worksheet is None or (year is not None and year not in (worksheet.year, *worksheet.years)):
        years = sorted({y for s in shipped_summaries().values() if s.portal for y in (s.year, *s.years)})
        allowed = ", ".join(map(str, years))
        raise UserError(Problem("serve.year-unknown", Location(), params={"value": year, "allowed": allowed}))
    return worksheet


def open_service(root: Path, units_file: Path | None, year: int | None, log: Log, lang: str) -> Service:
    """The units of DIR (manifest or discovery) over a store for the year's worksheet; every file is
    read once now so that mistakes show at start. Raises UserError on a folder or manifest that
    cannot be used."""
    if not root.is_dir():
        raise UserError(Problem("serve.not-a-folder", Location(str(root)), params={"path": str(root)}))
    root = root.resolve()
    worksheet = worksheet_for(year)
    store = Store(worksheet, year or worksheet.year, log, lang)
    manifest = units_file or (root / MANIFEST if (root / MANIFEST).is_file() else None)
    if manifest is not None:
        units = read_manifest(manifest, root)
        service = Service(units, store, manifest)
        for unit in units:
            service.proposal(unit)  # read now: failures are logged at start
        return service
    described: list[tuple[Path, str, str, str, bool]] = []  # path, relative, id, name, named by the file
    for path in lke_files(root):
        relative = str(path.relative_to(root))
        resolved = inside(root, path)
        assert resolved is not None
        try:
            meta = store.get(Unit(id_from_name(path.stem), path.stem, resolved, relative)).meta
        except UnitFailed:
            meta = {}
        unit_id, nama = describe(meta, path)
        described.append((resolved, relative, unit_id, nama, unit_id != id_from_name(path.stem)))
    # units kept one folder each hold files of the same name: those are told apart by their folder
    by_name = Counter(unit_id for _, _, unit_id, _, from_file in described if not from_file)
    found: list[Unit] = []
    seen: dict[str, Unit] = {}
    problems: list[Problem] = []
    for resolved, relative, unit_id, nama, from_file in described:
        if not from_file and by_name[unit_id] > 1:
            stem = str(Path(relative).with_suffix(""))
            unit_id, nama = id_from_name(stem), stem if nama == Path(relative).stem else nama
        if unit_id in seen:
            params = {"value": unit_id, "first": seen[unit_id].file}
            problems.append(Problem("serve.unit-duplicate", Location(relative), params=params))
            continue
        seen[unit_id] = Unit(unit_id, nama, resolved, relative)
        found.append(seen[unit_id])
    if problems:
        raise UserError(*problems)
    if not found:
        raise UserError(Problem("serve.no-units", Location(str(root)), params={"path": str(root)}))
    return Service(found, store, None)
