"""Answers as read from a file, before validation: the reader records where each came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

from pmprb.errors import Location, Problem

RawValue = str | int | float | bool | None


class RawAnswer(NamedTuple):
    """A tuple: one is built for every answer of every file read."""

    value: RawValue
    location: Location = Location()
    note: str | None = None
    evidence: str | None = None


@dataclass(frozen=True, slots=True)
class Identity:
    """Who the answers are about, as the file names it (PortalRB fields, a workbook's cover)."""

    unit_id: str | None = None
    nama_unit: str | None = None
    instansi: str | None = None
    tahun: int | str | None = None
    penilai: str | None = None
    lapisan: str | None = None

    @classmethod
    def of(cls, values: dict[str, Any]) -> Identity:
        def text(key: str) -> str | None:
            value = values.get(key)
            return str(value).strip() or None if value is not None and not isinstance(value, bool) else None

        year = values.get("tahun")
        if isinstance(year, str) and year.strip().isdigit():
            year = int(year.strip())
        if isinstance(year, float) and year.is_integer():
            year = int(year)
        return cls(
            unit_id=text("unit_id"),
            nama_unit=text("nama_unit"),
            instansi=text("instansi") or text("nama_instansi"),
            tahun=year if isinstance(year, int) and not isinstance(year, bool) else text("tahun"),
            penilai=text("penilai"),
            lapisan=text("lapisan"),
        )

    def as_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__slots__ if getattr(self, k) is not None}


@dataclass(slots=True)
class AnswerSheet:
    """One layer of one file: question id -> raw answer, plus problems met while reading."""

    file: str
    layer: str
    answers: dict[str, RawAnswer] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    worksheet_id: str | None = None
    identity: Identity = field(default_factory=Identity)

    @property
    def meta(self) -> dict[str, Any]:
        """The identity as the result's `meta` keeps it (unit_id, nama_unit, instansi, tahun ...)."""
        return self.identity.as_dict()
