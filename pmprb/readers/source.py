"""An input file, opened once and lazily: sniffed by its bytes, not its name, and held to the limits
(README "Batas dan keamanan / Limits and safety") before any parser sees it.

Why each guard exists: calamine allocates a sheet's whole grid (rows x columns) and inflates XML parts
into memory, and a failed allocation aborts the process, so nothing it could raise would reach us.
For .xlsx we therefore read the zip's central directory (sizes, ratios), check the parts calamine will
read, and scan a sheet's cell references before calamine builds the grid. Formats whose cells cannot be
scanned cheaply (.xls, .xlsb, .ods) are read in a child process under a memory and time limit.

One module per job: sniffing (sniff.py), the limits (limits.py), zip guards (zipguard.py), the
sheet-extent guard (extent.py), the sandbox (sandbox.py), warnings about answer cells
(cell_warnings.py), cell coordinates (cells.py). This one holds the file and what was read from it.
"""

from __future__ import annotations

import io
import json
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pmprb.errors import Location, Problem, UserError
from pmprb.i18n import Msg
from pmprb.readers.cells import cell, column_index, column_letter
from pmprb.readers.extent import (
    _HIDDEN,
    _ROW_NUMBER,
    _ROW_TAG,
    _check_size,
    _extent,
    _too_large_params,
    _TooLarge,
    _uncached,
)
from pmprb.readers.limits import (
    GUARDED_MEMORY,
    GUARDED_SECONDS,
    MAX_COLUMNS,
    MAX_FILE_BYTES,
    MAX_JSON_BYTES,
    MAX_PARTS,
    MAX_ROWS,
    MAX_UNPACKED_BYTES,
    MiB,
    _error,
    unreadable,
)
from pmprb.readers.sandbox import _run_guarded
from pmprb.readers.sniff import _read_whole
from pmprb.readers.zipguard import (
    _SHEET_INDEX,
    DEFLATE_MAX_RATIO,
    ENCRYPTED_STREAM,
    GUARDED_KINDS,
    OLE_MAGIC,
    SMALL_PART,
    ZIP_MAGIC,
    _inspect_zip,
    _read_at_open,
    _reason,
    _sheet_parts,
    _zip_kind,
)

if TYPE_CHECKING:
    from pmprb.scoring.answers import RawAnswer

# what other modules and tests import from here
__all__ = [
    "DEFLATE_MAX_RATIO",
    "GUARDED_MEMORY",
    "GUARDED_SECONDS",
    "MAX_COLUMNS",
    "MAX_FILE_BYTES",
    "MAX_JSON_BYTES",
    "MAX_PARTS",
    "MAX_ROWS",
    "MAX_UNPACKED_BYTES",
    "SMALL_PART",
    "SheetNotes",
    "Source",
    "_extent",
    "_too_large_params",
    "cell",
    "column_index",
    "column_letter",
    "unreadable",
]


@dataclass
class SheetNotes:
    """What the cell values alone do not tell: rows hidden, formulas never computed, merged ranges."""

    hidden_rows: set[int] = field(default_factory=set)  # 0-based
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    # the sheet's XML, searched for formulas only when an answer cell reads empty (a computed value is
    # no warning): most files have none, and the search costs as much as the scan for the limits
    xml: bytes = field(default=b"", repr=False)
    _uncached: set[tuple[int, int]] | None = field(default=None, repr=False)

    @property
    def uncached(self) -> set[tuple[int, int]]:
        """Cells (0-based row, column) holding a formula and no value."""
        if self._uncached is None:
            self._uncached = _uncached(self.xml) if b"<f" in self.xml else set()
            self.xml = b""
        return self._uncached


@dataclass
class Source:
    path: Path
    kind: str  # "xlsx" | "xlsb" | "xls" | "ods" | "json" | "csv"
    parts: dict[str, zipfile.ZipInfo] = field(default_factory=dict, repr=False)
    _workbook: Any = field(default=None, repr=False)
    _json: Any = field(default=None, repr=False)
    _rows: dict[str, list[list[Any]]] = field(default_factory=dict, repr=False)
    _notes: dict[str, SheetNotes] = field(default_factory=dict, repr=False)
    _guarded: dict[str, Any] | None = field(default=None, repr=False)
    _sheet_parts: dict[str, str] | None = field(default=None, repr=False)
    _inflated: dict[str, bytes] = field(default_factory=dict, repr=False)
    _archive: zipfile.ZipFile | None = field(default=None, repr=False)  # over _raw
    _raw: bytes = field(default=b"", repr=False)  # the whole file, read once: parts and parser read from it

    @property
    def name(self) -> str:
        return str(self.path)

    @classmethod
    def open(cls, path: Path) -> Source:
        name = str(path)
        raw = _read_whole(path)
        size = len(raw)
        if size == 0:
            raise unreadable(name, Msg("reason.empty-file"))
        head = raw[:8]
        if head.startswith(ZIP_MAGIC):
            archive = _inspect_zip(name, raw)
            parts = {info.filename: info for info in archive.infolist()}
            return cls(path, _zip_kind(name, parts), parts, _archive=archive, _raw=raw)
        if head.startswith(OLE_MAGIC):
            if ENCRYPTED_STREAM in raw:  # an encrypted .xlsx is an OLE container with this stream
                raise _error("file.encrypted", name)
            return cls(path, "xls", _raw=raw)
        stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
        if stripped[:1] in (b"{", b"[") or path.suffix.lower() == ".json":
            if size > MAX_JSON_BYTES:
                raise _error(
                    "file.too-large", name, size=size // MiB, limit=MAX_JSON_BYTES // MiB, what="JSON"
                )
            return cls(path, "json", _raw=raw)
        from pmprb.readers.answer_header import looks_like_table

        if looks_like_table(raw):  # plain answers: a header naming question and answer columns
            if size > MAX_JSON_BYTES:
                raise _error(
                    "file.too-large", name, size=size // MiB, limit=MAX_JSON_BYTES // MiB, what="CSV"
                )
            return cls(path, "csv", _raw=raw)
        raise UserError(Problem("file.unknown-format", Location(name), params={"sheets": "Jawaban"}))

    # --- spreadsheets -------------------------------------------------------------------------
    @property
    def workbook(self) -> Any:
        if self._workbook is None:
            from python_calamine import CalamineWorkbook

            checked = self._check_parts([n for n, info in self.parts.items() if _read_at_open(info)])
            self._inflated = {k: v for k, v in checked.items() if k in _SHEET_INDEX}
            try:
                # by content: an .xls renamed .xlsx still opens
                self._workbook = CalamineWorkbook.from_filelike(io.BytesIO(self._raw))
            except Exception as exc:  # calamine raises several types for broken files
                raise self._calamine_error(exc) from None
        return self._workbook

    @property
    def sheet_names(self) -> list[str]:
        if self.kind in ("json", "csv"):
            return []
        if self.kind in GUARDED_KINDS:
            return list(self._guarded_read()["names"])
        return list(self.workbook.sheet_names)

    @property
    def hidden_sheets(self) -> set[str]:
        if self.kind in ("json", "csv"):
            return set()
        if self.kind in GUARDED_KINDS:
            return set(self._guarded_read()["hidden"])
        from python_calamine import SheetVisibleEnum

        return {m.name for m in self.workbook.sheets_metadata if m.visible != SheetVisibleEnum.Visible}

    def rows(self, sheet: str) -> list[list[Any]]:
        """The sheet as a grid anchored at A1 (calamine starts at the first used cell)."""
        if sheet in self._rows:
            return self._rows[sheet]
        if self.kind in GUARDED_KINDS:
            found = self._guarded_read()
            grid = found["grids"].get(sheet)
            if isinstance(grid, dict):  # the child's reason for refusing it
                raise UserError(
                    Problem(grid["code"], Location(self.name, sheet=sheet), params=grid["params"])
                )
            self._notes[sheet] = SheetNotes(merged=found["merged"].get(sheet) or [])
        else:
            notes = self._scan_sheet(sheet)
            try:
                data = self.workbook.get_sheet_by_name(sheet)
                _check_size(data.total_height, data.total_width)
                grid = data.to_python(skip_empty_area=False)
                notes.merged = list(data.merged_cell_ranges or [])
            except _TooLarge as exc:
                raise exc.error(self.name, sheet) from None
            except Exception as exc:
                raise self._calamine_error(exc, sheet) from None
            self._notes[sheet] = notes
        self._rows[sheet] = grid
        return grid

    def notes(self, sheet: str) -> SheetNotes:
        self.rows(sheet)
        return self._notes[sheet]

    def answer_warnings(
        self,
        answers: dict[str, RawAnswer],
        alike_rows: frozenset[int] | None = None,
        answer_places: dict[str, list[tuple[str, int, int]]] | None = None,
    ) -> list[Problem]:
        """Warnings about the cells answers were read from (pmprb.readers.cell_warnings)."""
        from pmprb.readers.cell_warnings import answer_warnings

        return answer_warnings(self, answers, alike_rows, answer_places)

    def cell_problems(
        self,
        sheet: str,
        row: int,
        column: int,
        question: str,
        merged: list[tuple[tuple[int, int], tuple[int, int]]] | None = None,
    ) -> list[Problem]:
        """Warnings about one answer cell (0-based): hidden row, merged range, formula never computed."""
        from pmprb.readers.cell_warnings import cell_problems

        return cell_problems(self, sheet, row, column, question, merged)

    def _calamine_error(self, exc: Exception, sheet: str | None = None) -> UserError:
        kind = type(exc).__name__
        if kind == "PasswordError":
            return _error("file.encrypted", self.name, sheet)
        text = (str(exc).splitlines() or [kind])[0][:200]
        if kind == "XmlError":
            return _error("file.xml-invalid", self.name, sheet, reason=text)
        if kind == "ZipError":
            return _error("file.damaged", self.name, sheet, reason=text)
        return unreadable(self.name, f"{kind}: {text}", sheet=sheet)

    # --- xlsx guards ----------------------------------------------------------------------------
    def _check_parts(self, names: list[str]) -> dict[str, bytes]:
        """Inflate parts through zipfile, which stops at the declared size and checks the CRC: a part
        whose directory entry lies about its size fails here, not inside calamine."""
        out = {name: self._inflated[name] for name in names if name in self._inflated}
        if len(out) == len(names):
            return out
        try:
            for name in names:
                if name not in out:
                    out[name] = self._inflate(self.parts[name])
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
            raise _error("file.damaged", self.name, reason=_reason(exc)) from None
        except Exception as exc:  # zlib.error and friends
            raise _error("file.damaged", self.name, reason=f"{type(exc).__name__}: {exc}"[:200]) from None
        return out

    def _inflate(self, info: zipfile.ZipInfo) -> bytes:
        """A part's bytes, never more than its directory entry declares. Deflated parts are inflated
        here with zlib: zipfile would also compute their CRC, which calamine checks again when it
        reads them (a third of the cost for the sheet)."""
        raw, offset = self._raw, info.header_offset
        if info.compress_type != zipfile.ZIP_DEFLATED or raw[offset : offset + 4] != ZIP_MAGIC:
            if self._archive is None:
                self._archive = zipfile.ZipFile(io.BytesIO(raw))
            return self._archive.read(info)  # stored, other methods, or a header zipfile explains
        name_length, extra_length = struct.unpack_from("<HH", raw, offset + 26)
        start = offset + 30 + name_length + extra_length
        from zlib_ng import zlib_ng  # inflates three times faster than zlib, same interface

        stream = zlib_ng.decompressobj(-zlib.MAX_WBITS)
        # one byte more than declared: a stream that goes on shows itself without inflating further
        data = stream.decompress(memoryview(raw)[start : start + info.compress_size], info.file_size + 1)
        if len(data) != info.file_size or not stream.eof:
            raise ValueError(Msg("reason.part-size-differs", part=info.filename))
        return data

    def _part_of(self, sheet: str) -> str | None:
        if self._sheet_parts is None:
            self._sheet_parts = _sheet_parts(self._check_parts([n for n in _SHEET_INDEX if n in self.parts]))
        return self._sheet_parts.get(sheet)

    def _scan_sheet(self, sheet: str) -> SheetNotes:
        notes = SheetNotes()
        part = self._part_of(sheet) if self.kind == "xlsx" else None
        if part is None or part not in self.parts:
            return notes
        data = self._check_parts([part])[part]
        try:
            rows, columns = _extent(data)
            _check_size(rows, columns)
        except _TooLarge as exc:
            raise exc.error(self.name, sheet) from None
        if b'hidden="' in data:
            for attrs in _ROW_TAG.findall(data):
                number = _ROW_NUMBER.search(attrs)
                if number and _HIDDEN.search(attrs):
                    notes.hidden_rows.add(int(number.group(1)) - 1)
        notes.xml = data
        return notes

    # --- .xls / .xlsb / .ods: in a child process --------------------------------------------------
    def _guarded_read(self) -> dict[str, Any]:
        if self._guarded is None:
            self._guarded = _run_guarded(self.path)
            if "error" in self._guarded:
                error = self._guarded["error"]
                raise UserError(Problem(error["code"], Location(self.name), params=error["params"]))
        return self._guarded

    @property
    def raw(self) -> bytes:
        return self._raw

    # --- json ---------------------------------------------------------------------------------
    @property
    def json(self) -> Any:
        if self._json is None:
            try:
                text = self._raw.decode("utf-8-sig")
            except UnicodeDecodeError as exc:
                raise UserError(
                    Problem(
                        "json.invalid",
                        Location(self.name),
                        params={"reason": f"bukan UTF-8 / not UTF-8 ({exc.reason})"},
                    )
                ) from None
            try:
                self._json = json.loads(text, parse_constant=_no_constant)
            except json.JSONDecodeError as exc:
                raise UserError(
                    Problem(
                        "json.invalid",
                        Location(self.name, line=exc.lineno, column=exc.colno),
                        params={"reason": exc.msg},
                    )
                ) from None
            except RecursionError:
                raise UserError(Problem("json.too-deep", Location(self.name))) from None
        return self._json


def _no_constant(name: str) -> str:
    """NaN and Infinity are not JSON: keep them as the text written, which no answer type accepts."""
    return name
