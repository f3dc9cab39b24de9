"""Each unit's file read whole and scored once per version: cached by the file's identity (device,
inode, size, mtime in ns). A file replaced on disk is read afresh on the next request; a file that
changes while it is read is read again; a file that fails to read while it is still being written
(changed in the last SETTLE seconds) is answered with its last good version, with a log line."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

import orjson

from pmprb.errors import Location, Problem, UserError
from pmprb.model import Worksheet
from pmprb.scoring.result import RuleResult
from pmprb.serve.answers import LAYERS, entries, proposal_layer
from pmprb.serve.units import Unit

Identity = tuple[int, int, int, int]
SETTLE = 10.0  # seconds: a file changed more recently may still be being written
ATTEMPTS = 3  # reads of a file that keeps changing while read


def identity(path: Path) -> Identity:
    st = os.stat(path)
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


@dataclass(frozen=True, slots=True)
class Reading:
    """One version of a unit's file: the answers document (serialised) and what proposes the unit."""

    identity: Identity
    body: bytes  # {"tahun", "answers"}: the unit's id and name go before it (`with_unit`)
    layer: str  # the layer the proposal is judged on
    predicate: str | None
    total: Fraction
    rules: list[RuleResult]
    meta: dict[str, Any]
    warnings: list[Problem] = field(default_factory=list)


class UnitFailed(Exception):
    """A unit's file cannot be read or holds invalid answers: its problems say where."""

    def __init__(self, unit: Unit, problems: list[Problem]) -> None:
        super().__init__(unit.id)
        self.unit = unit
        self.problems = problems


@dataclass
class _Entry:
    lock: threading.Lock = field(default_factory=threading.Lock)
    good: Reading | None = None
    failed: tuple[Identity, list[Problem]] | None = None


Log = Callable[[dict[str, Any]], None]


class Store:
    """Readings by the file's resolved path: units of a manifest may share a file."""

    def __init__(self, worksheet: Worksheet, tahun: int, log: Log, lang: str = "id") -> None:
        self.worksheet = worksheet
        self.tahun = tahun
        self.log = log
        self.lang = lang
        self._entries: dict[str, _Entry] = {}
        self._guard = threading.Lock()

    def _entry(self, unit: Unit) -> _Entry:
        with self._guard:
            return self._entries.setdefault(str(unit.path), _Entry())

    def cached(self, unit: Unit) -> Reading | None:
        """The reading of the file as it is now, when it is cached (no file is read)."""
        entry = self._entries.get(str(unit.path))
        if entry is None or entry.good is None:
            return None
        try:
            now = identity(unit.path)
        except OSError:
            return None
        return entry.good if entry.good.identity == now else None

    def get(self, unit: Unit) -> Reading:
        """The unit's current reading; raises UnitFailed."""
        entry = self._entry(unit)
        with entry.lock:
            try:
                now = identity(unit.path)
            except OSError as exc:
                problem = Problem(
                    "file.unreadable", Location(str(unit.path)), params={"reason": exc.strerror}
                )
                raise UnitFailed(unit, [problem]) from None
            if entry.good is not None and entry.good.identity == now:
                return entry.good
            if entry.failed is not None and entry.failed[0] == now and self._settled(now):
                raise UnitFailed(unit, entry.failed[1])
            try:
                reading = self._read(unit, now)
            except UserError as exc:
                return self._failed(unit, entry, now, exc.problems)
            entry.good, entry.failed = reading, None
            for problem in reading.warnings:
                self.log(_problem_line("unit.warning", unit, problem, self.lang))
            return reading

    def _read(self, unit: Unit, now: Identity) -> Reading:
        from pmprb.api import score_layers

        for _ in range(ATTEMPTS):
            try:
                results, _reason = score_layers(unit.path, self.worksheet, LAYERS, skip_absent=True)
                body = orjson.dumps({"tahun": self.tahun, "answers": entries(self.worksheet, results)})
            except UserError:
                after = _identity_or_none(unit.path)
                if after is not None and after != now:  # changed while read: read the new version
                    now = after
                    continue
                raise
            after = _identity_or_none(unit.path)
            if after == now:
                layer = proposal_layer(results)
                chosen = results[layer]
                warnings = [p for r in results.values() for p in r.warnings]
                return Reading(
                    now,
                    body,
                    layer,
                    chosen.predicate,
                    chosen.total,
                    chosen.rules,
                    dict(chosen.meta),
                    warnings,
                )
            if after is None:
                break
            now = after
        raise UserError(Problem("serve.file-changing", Location(str(unit.path))))

    def _failed(self, unit: Unit, entry: _Entry, now: Identity, problems: list[Problem]) -> Reading:
        first = entry.failed is None or entry.failed[0] != now
        entry.failed = (now, problems)
        if entry.good is not None and not self._settled(now):
            if first:
                for problem in problems:
                    self.log(_problem_line("unit.stale", unit, problem, self.lang))
            return entry.good
        if first:
            for problem in problems:
                self.log(_problem_line("unit.failed", unit, problem, self.lang))
        raise UnitFailed(unit, problems)

    @staticmethod
    def _settled(now: Identity) -> bool:
        return time.time_ns() - now[3] > SETTLE * 1e9


def _identity_or_none(path: Path) -> Identity | None:
    try:
        return identity(path)
    except OSError:
        return None


def with_unit(body: bytes, unit: Unit) -> bytes:
    """The answers document: the unit's id and name, then the reading's `tahun` and `answers`."""
    head = orjson.dumps({"unit_id": unit.id, "nama_unit": unit.nama})
    return head[:-1] + b"," + body[1:]


def _problem_line(event: str, unit: Unit, problem: Problem, lang: str) -> dict[str, Any]:
    """A log line naming the unit and where in its file (the cell, the JSON path)."""
    return {
        "event": event,
        "unit": unit.id,
        "file": unit.file,
        "where": str(problem.location),
        "code": problem.code,
        "severity": problem.severity,
        "message": problem.message(lang),
    }
