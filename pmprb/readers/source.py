"""An input file, opened once and lazily: sniffed by its bytes, not its name, and held to the limits
(README "Batas dan keamanan / Limits and safety") before any parser sees it.

Why each guard exists: calamine allocates a sheet's whole grid (rows x columns) and inflates XML parts
into memory, and a failed allocation aborts the process, so nothing it could raise would reach us.
For .xlsx we therefore read the zip's central directory (sizes, ratios), check the parts calamine will
read, and scan a sheet's cell references before calamine builds the grid. Formats whose cells cannot be
scanned cheaply (.xls, .xlsb, .ods) are read in a child process under a memory and time limit.
"""

from __future__ import annotations

import html
import io
import json
import os
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pmprb.errors import Location, Problem, UserError
from pmprb.i18n import Msg

if TYPE_CHECKING:
    from pmprb.scoring.answers import RawAnswer

MiB = 1 << 20
MAX_FILE_BYTES = 50 * MiB  # any input file
MAX_JSON_BYTES = 10 * MiB  # a PortalRB answers file is ~30 KB
MAX_UNPACKED_BYTES = 200 * MiB  # a workbook's parts, uncompressed, together
MAX_RATIO = 200  # uncompressed / compressed, for a part over RATIO_FROM bytes
RATIO_FROM = MiB
MAX_PARTS = 5_000
MAX_ROWS = 20_000
MAX_COLUMNS = 200
GUARDED_SECONDS = 30  # .xls / .xlsb / .ods, read in a child process
GUARDED_MEMORY = 512 * MiB

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, or an encrypted .xlsx
_SHEET_INDEX = ("xl/workbook.xml", "xl/_rels/workbook.xml.rels")
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
GUARDED_KINDS = ("xls", "xlsb", "ods")
# deflate cannot expand data more than 1032 times: a part this small, stored or deflated, inflates to at
# most ~1 MiB whatever its directory entry claims, so calamine may read it unchecked
DEFLATE_MAX_RATIO = 1032
SMALL_PART = 1024
# parts calamine does not read (or we check on demand): not inflated up front
_UNREAD_PARTS = (
    "xl/worksheets/",
    "xl/theme/",
    "xl/media/",
    "xl/drawings/",
    "xl/charts/",
    "docProps/",
    "xl/printerSettings/",
    "customXml/",
    "xl/externalLinks/",
)


def unreadable(path: str, reason: str, **where: Any) -> UserError:
    return UserError(Problem("file.unreadable", Location(path, **where), params={"reason": reason}))


def _error(code: str, path: str, sheet: str | None = None, **params: Any) -> UserError:
    return UserError(Problem(code, Location(path, sheet=sheet), params=params))


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
        if self.kind == "json":
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
        """Warnings about the cells answers were read from: the sheet hidden, the row hidden, the cell
        inside a merged range or holding a formula never computed, two questions on copies of a row
        (looked for among `alike_rows` only, when the reader knows which rows can be copies).
        `answer_places`: the answer cells per sheet, when the reader knows them (else found from
        `answers`)."""
        if self.kind in ("json", "csv"):
            return []
        if answer_places is not None:
            cells = {sheet: found for sheet, found in answer_places.items() if sheet in self._rows}
        else:
            cells = self._answer_places(answers)
        out: list[Problem] = []
        hidden = self.hidden_sheets if cells else set()
        for sheet in sorted(cells.keys() & hidden):
            out.append(
                Problem("sheet.hidden", Location(self.name, sheet=sheet), "warning", params={"sheet": sheet})
            )
        for sheet, places in cells.items():
            out.extend(self._cell_problems(sheet, places))
        for sheet, places in cells.items():
            if alike_rows is not None:
                places = [place for place in places if place[1] in alike_rows]
            out.extend(self._duplicate_rows(sheet, places))
        return out

    def _answer_places(self, answers: dict[str, RawAnswer]) -> dict[str, list[tuple[str, int, int]]]:
        cells: dict[str, list[tuple[str, int, int]]] = {}  # sheet -> (question, row, column), 0-based
        for qid, answer in answers.items():
            where = answer.location
            if where.sheet is None or where.cell is None or where.sheet not in self._rows:
                continue
            place = _cell_place(where.cell)
            if place is not None:
                cells.setdefault(where.sheet, []).append((qid, *place))
        return cells

    def _cell_problems(self, sheet: str, places: list[tuple[str, int, int]]) -> list[Problem]:
        """Hidden rows, merged ranges, formulas never computed: checked against what the sheet has,
        which is usually nothing, rather than answer by answer."""
        notes = self.notes(sheet)
        columns = {column for _, _, column in places}
        merged = [m for m in notes.merged if any(m[0][1] <= c <= m[1][1] for c in columns)]
        if not (notes.hidden_rows or merged or (self._any_blank(sheet, places) and notes.uncached)):
            return []
        out: list[Problem] = []
        for qid, row, column in places:
            out.extend(self.cell_problems(sheet, row, column, qid, merged))
        return out

    def _any_blank(self, sheet: str, places: list[tuple[str, int, int]]) -> bool:
        grid = self._rows[sheet]
        height = len(grid)
        for _, row, column in places:  # `cell`, inline: once for every answer of every file
            line = grid[row] if row < height else ()
            if column >= len(line) or (value := line[column]) is None or value == "":
                return True
        return False

    def _duplicate_rows(self, sheet: str, places: list[tuple[str, int, int]]) -> list[Problem]:
        """Two questions read from rows whose cells (all but the answer columns) are the same: a row
        was copied over another, or rows shifted."""
        grid = self._rows[sheet]
        skip = {column for _, _, column in places}
        out: list[Problem] = []
        seen: dict[tuple[Any, ...], int] = {}
        for qid, row, _ in places:
            if row >= len(grid):
                continue
            line = list(grid[row])
            for column in skip:
                if column < len(line):
                    line[column] = ""
            other = seen.setdefault(tuple(line), row)
            # a lone number or code is not a question's text
            if other != row and sum(1 for v in line if str(v).strip()) >= 2:
                where = Location(self.name, sheet=sheet, cell=f"A{row + 1}")
                out.append(
                    Problem("cell.duplicate-row", where, "warning", qid, {"row": row + 1, "other": other + 1})
                )
        return out

    def cell_problems(
        self,
        sheet: str,
        row: int,
        column: int,
        question: str,
        merged: list[tuple[tuple[int, int], tuple[int, int]]] | None = None,
    ) -> list[Problem]:
        """Warnings about one answer cell (0-based): hidden row, merged range, formula never computed."""
        notes = self.notes(sheet)
        ref = f"{column_letter(column)}{row + 1}"
        where = Location(self.name, sheet=sheet, cell=ref)
        out: list[Problem] = []
        if row in notes.hidden_rows:
            out.append(Problem("cell.hidden-row", where, "warning", question, {"row": row + 1}))
        if (row, column) in notes.uncached:
            out.append(Problem("cell.formula-uncached", where, "warning", question))
        for (r0, c0), (r1, c1) in notes.merged if merged is None else merged:
            if r0 <= row <= r1 and c0 <= column <= c1 and (row, column) != (r0, c0):
                span = f"{column_letter(c0)}{r0 + 1}:{column_letter(c1)}{r1 + 1}"
                out.append(Problem("cell.merged", where, "warning", question, {"range": span}))
        return out

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


# --- zip directory ---------------------------------------------------------------------------------


def _read_whole(path: Path) -> bytes:
    """The file's bytes, read once and only when within MAX_FILE_BYTES; why it cannot be read otherwise
    (checked after the fact: the common case costs one open and one read)."""
    name = str(path)
    try:
        with path.open("rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            # the size told, and a byte more to see growth: asking for MAX_FILE_BYTES allocates that
            # much first (4x the time of a whole 20 KB read); a size of 0 may be a pipe or a device
            raw = fh.read(size + 1 if size else MAX_FILE_BYTES + 1) if size <= MAX_FILE_BYTES else b""
            if size and len(raw) > size:  # grew while read
                raw += fh.read(MAX_FILE_BYTES + 1 - len(raw))
    except OSError as exc:
        if path.is_dir():
            raise UserError(Problem("file.is-directory", Location(name), params={"path": name})) from None
        if not path.exists():
            raise UserError(Problem("file.not-found", Location(name), params={"path": name})) from None
        raise unreadable(name, exc.strerror or str(exc)) from None
    size = max(size, len(raw))  # a file that grew while read, or a device that tells no size
    if size > MAX_FILE_BYTES:
        raise _error(
            "file.too-large", name, size=size // MiB, limit=MAX_FILE_BYTES // MiB, what=Msg("reason.a-file")
        )
    return raw


def _inspect_zip(name: str, raw: bytes) -> zipfile.ZipFile:
    """Sizes and ratios from the central directory only: nothing is inflated here."""
    tail = raw[-(0xFFFF + 22) :]
    end = tail.rfind(b"PK\x05\x06")
    if end < 0 or len(tail) < end + 22:
        raise _error("file.damaged", name, reason=Msg("reason.no-zip-directory"))
    # zipfile builds an object per entry before we could count them: count from the end record first
    entries, directory_size = struct.unpack_from("<HI", tail, end + 10)
    if entries > MAX_PARTS or directory_size > MAX_PARTS * 1024:
        raise _error("file.too-many-parts", name, count=entries, limit=MAX_PARTS)
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise _error("file.damaged", name, reason=_reason(exc)) from None
    _check_directory(name, infos)
    return archive


def _reason(exc: BaseException) -> str:
    """Why a part cannot be read: ours in the reader's language (a Msg), a library's as it says it."""
    said = exc.args[0] if len(exc.args) == 1 and isinstance(exc.args[0], Msg) else None
    return said if said is not None else str(exc)[:200]


def _check_directory(name: str, infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_PARTS:
        raise _error("file.too-many-parts", name, count=len(infos), limit=MAX_PARTS)
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise _error("file.encrypted", name)
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_FROM and ratio > MAX_RATIO:
            raise _error(
                "file.bomb",
                name,
                size=info.file_size // MiB,
                limit=MAX_UNPACKED_BYTES // MiB,
                detail=f"{info.filename}: {ratio:.0f}:1",
            )
        # deflate never grows data by more than a few bytes per block: a bigger stream hides more data
        if info.compress_size > info.file_size + info.file_size // 100 + 1024:
            raise _error(
                "file.damaged", name, reason=Msg("reason.part-sizes-inconsistent", part=info.filename)
            )
    if total > MAX_UNPACKED_BYTES:
        raise _error(
            "file.bomb",
            name,
            size=total // MiB,
            limit=MAX_UNPACKED_BYTES // MiB,
            detail=f"{len(infos)} parts",
        )


def _zip_kind(name: str, parts: dict[str, zipfile.ZipInfo]) -> str:
    if "xl/workbook.xml" in parts:
        return "xlsx"
    if "xl/workbook.bin" in parts:
        return "xlsb"
    if "content.xml" in parts:
        return "ods"
    raise _error("file.not-workbook", name, expected="xl/workbook.xml")


def _read_at_open(info: zipfile.ZipInfo) -> bool:
    """A part calamine may read when it opens the workbook, and whose directory entry could hide more
    than DEFLATE_MAX_RATIO * SMALL_PART bytes: only such parts need inflating first to be trusted."""
    part = info.filename
    if not part.endswith((".xml", ".rels")) or part.startswith(_UNREAD_PARTS):
        return False
    small = info.compress_size <= SMALL_PART and info.compress_type in (
        zipfile.ZIP_STORED,
        zipfile.ZIP_DEFLATED,
    )
    return part in _SHEET_INDEX or not small


_SHEET_TAG = re.compile(rb"<(?:\w+:)?sheet\s([^>]*)>")
_REL_TAG = re.compile(rb"<(?:\w+:)?Relationship\s([^>]*)>")
_ATTR = re.compile(rb'([\w:]+)\s*=\s*"([^"]*)"')


def _sheet_parts(parts: dict[str, bytes]) -> dict[str, str]:
    """Sheet name -> part path, from workbook.xml and its relationships."""
    rels: dict[str, str] = {}
    for attrs in _REL_TAG.findall(parts.get("xl/_rels/workbook.xml.rels", b"")):
        found = dict(_ATTR.findall(attrs))
        target = html.unescape(found.get(b"Target", b"").decode("utf-8", "replace"))
        rels[found.get(b"Id", b"").decode()] = (
            target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        )
    out: dict[str, str] = {}
    for attrs in _SHEET_TAG.findall(parts.get("xl/workbook.xml", b"")):
        found = {k.split(b":")[-1]: v for k, v in _ATTR.findall(attrs) if k.endswith((b":id", b"name"))}
        sheet = html.unescape(found.get(b"name", b"").decode("utf-8", "replace"))
        part = rels.get(found.get(b"id", b"").decode())
        if part:
            out[sheet] = part
    return out


# --- a sheet's extent, from its cell references --------------------------------------------------

# a row's r="7" or a cell's r="K7", however XML lets it be written (any space, either quote)
_REF = re.compile(rb"""\sr\s*=\s*["']\$?([A-Za-z]*)\$?(\d+)["']""")


def _over(limit: int, digits: str, first: str) -> bytes:
    """A regex for numerals (digits in `digits`, no leading `first`-digit) naming a value above `limit`:
    a scan for the rare offending reference instead of a Python loop over every cell."""
    base = len(digits)
    text = ""
    n = limit
    while n:
        n, rest = divmod(n - 1, base) if digits[0] == "A" else divmod(n, base)
        text = digits[rest] + text
    cls = f"[{digits[0]}-{digits[-1]}]"
    longer = f"[{first}-{digits[-1]}]{cls}{{{len(text)},}}"
    same = [
        f"{text[:i]}[{digits[digits.index(ch) + 1]}-{digits[-1]}]{cls}{{{len(text) - i - 1}}}"
        for i, ch in enumerate(text)
        if ch != digits[-1]
    ]
    return "|".join([longer, *same]).encode()


_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_WIDE = re.compile(rb' r="(' + _over(MAX_COLUMNS, _UPPER, "A") + rb")\d")
_TALL = re.compile(rb' r="[A-Z]{0,3}(' + _over(MAX_ROWS, "0123456789", "1") + rb')"')
_OVER = re.compile(_TALL.pattern + rb"|" + _WIDE.pattern)
# two letters or five digits: what every reference over the limits has, found in half _OVER's time
_SUSPECT = re.compile(rb' r="[A-Z]?+(?:[A-Z]|\d{5})')
# a cell tag not opening with a reference of at most one letter and four digits (within both limits):
# absent from the usual sheet, whose extent is then known to fit from this one scan. Row tags need no
# look: a cell with a reference is placed by it alone, and a row without cells allocates nothing.
_IRREGULAR = re.compile(rb'<c(?! r="[A-Z]?\d{1,4}")[\s>/]')
_PREFIXED = re.compile(rb"<\w+:worksheet\b")
# calamine knows cells and rows by their local name, whatever prefix (or namespace) they carry: a sheet
# with `<x:c r="XFD1048576">` is not the usual sheet (found from the colon, which is rare, in a tenth
# of the time a prefix-aware _IRREGULAR would take)
_PREFIXED_TAG = re.compile(rb":(?:c|row)[\s>/]")
_ROW_SPLIT = re.compile(rb"<(?:\w+:)?row[\s>/]")
_CELL_TAG = re.compile(rb"<(?:\w+:)?c[\s>/]")
_CELL_REF = re.compile(r"\$?([A-Z]{1,3})\$?(\d+)$")
_ROW_TAG = re.compile(rb"<(?:\w+:)?row\s([^>]*)>")
_ROW_NUMBER = re.compile(rb'\br="(\d+)"')
_HIDDEN = re.compile(rb'\bhidden="(?:1|true)"')
_UNCACHED = re.compile(rb'<c r="([A-Z]{1,3})(\d+)"[^>]*>\s*<f\b[^>]*(?:/>|>[^<]*</f>)\s*</c>')
# a cell or row tag not opening with a reference written exactly ` r="K7"`, the one form the scans
# below read: any other (no reference, other spacing or quotes, lower case) is counted instead
_UNREFERENCED = re.compile(rb'<(?:c|row)(?=[\s>/])(?! r="[A-Z]{0,3}\d+")')
_FORMULA_THEN_CELL_END = re.compile(rb"</f>\s*</c>")
_EMPTY_FORMULA_THEN_CELL_END = re.compile(rb"<f\b[^>]*/>\s*</c>")


def _uncached(data: bytes) -> set[tuple[int, int]]:
    """Cells (0-based) holding a formula and no value: found from the formula's end, which is rare,
    rather than by trying a pattern at every cell."""
    out: set[tuple[int, int]] = set()
    for pattern in (_FORMULA_THEN_CELL_END, _EMPTY_FORMULA_THEN_CELL_END):
        for match in pattern.finditer(data):
            start = data.rfind(b"<c ", 0, match.start())
            cell = _UNCACHED.match(data, start, match.end()) if start >= 0 else None
            if cell is not None and cell.end() == match.end():
                out.add((int(cell.group(2)) - 1, column_index(cell.group(1).decode())))
    return out


def _width(letters: bytes) -> int:
    return column_index(letters.decode()) + 1


class _TooLarge(Exception):
    def __init__(self, rows: int, columns: int) -> None:
        super().__init__(rows, columns)
        self.rows, self.columns = rows, columns

    def error(self, path: str, sheet: str) -> UserError:
        return _error("sheet.too-large", path, sheet, **_too_large_params(self.rows, self.columns))


def _too_large_params(rows: int, columns: int) -> dict[str, Any]:
    extent = []
    if rows > MAX_ROWS:
        extent.append(f"baris/row {rows}")
    if columns > MAX_COLUMNS:
        extent.append(f"kolom/column {column_letter(columns - 1)} ({columns})")
    return {"extent": ", ".join(extent), "max_rows": MAX_ROWS, "max_columns": MAX_COLUMNS}


def _check_size(rows: int, columns: int) -> None:
    if rows > MAX_ROWS or columns > MAX_COLUMNS:
        raise _TooLarge(rows, columns)


def _extent(data: bytes) -> tuple[int, int]:
    """Upper bounds of the rows and columns a reader would allocate for this sheet XML.

    Common case: every cell opens with its reference (`<c r="K7"`), so one scan finds an offending
    row, an offending column, or a cell without a reference. Otherwise (prefixed
    elements, CDATA, cells without references) rows and cells are counted from their position, as
    readers do: slower, and only for such files."""
    plain = not _PREFIXED.search(data[:2048]) and b"<![CDATA[" not in data and not _PREFIXED_TAG.search(data)
    if plain and not _IRREGULAR.search(data):  # the usual sheet: one pass
        return 0, 0
    if plain and not _UNREFERENCED.search(data):
        if not _SUSPECT.search(data) or not _OVER.search(data):
            return 0, 0
        tall, wide = _TALL.search(data), _WIDE.search(data)
        return (int(tall.group(1)) if tall else 0), (_width(wide.group(1)) if wide else 0)
    explicit = [(letters, int(number)) for letters, number in _REF.findall(data)]
    # a reference over a limit is a cell there, said as it is; otherwise the bound adds what
    # unreferenced rows and cells could add
    rows = max((n for _, n in explicit), default=0)
    columns = max((_width(c) for c, _ in explicit if c), default=0)
    if rows > MAX_ROWS or columns > MAX_COLUMNS:
        return rows, columns
    widest = 0
    for chunk in _ROW_SPLIT.split(data):
        widest = max(widest, len(_CELL_TAG.findall(chunk)))
    return rows + len(_ROW_SPLIT.findall(data)), columns + widest


# --- the child process for .xls / .xlsb / .ods -----------------------------------------------------


def _run_guarded(path: Path) -> dict[str, Any]:
    import multiprocessing

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context: Any = multiprocessing.get_context(method)
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_guarded_child, args=(str(path), sender), daemon=True)
    child.start()
    sender.close()
    timeout = {
        "code": "file.timeout",
        "params": {"seconds": GUARDED_SECONDS, "memory": GUARDED_MEMORY // MiB},
    }
    try:
        if not receiver.poll(GUARDED_SECONDS):
            return {"error": timeout}
        result: dict[str, Any] = receiver.recv()
        return result
    except (EOFError, OSError):  # the child died: out of memory, or the reader crashed
        return {"error": timeout}
    finally:
        if child.is_alive():
            child.kill()
        child.join(5)
        receiver.close()


def _limit_memory() -> None:
    try:
        import resource

        with open("/proc/self/status", encoding="ascii") as fh:
            vm = next(int(line.split()[1]) * 1024 for line in fh if line.startswith("VmSize:"))
        limit = vm + GUARDED_MEMORY
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, OSError, StopIteration, ValueError):
        pass  # no /proc or no rlimit (not Linux): the time limit still holds


def _guarded_child(path: str, sender: Any) -> None:
    import faulthandler
    import os

    # a reader that aborts prints a Rust backtrace (and Python's fault handler its own, on any fd it
    # was given): the parent reports it in the user's words instead
    faulthandler.disable()
    os.dup2(os.open(os.devnull, os.O_WRONLY), 2)
    _limit_memory()
    try:
        from python_calamine import CalamineWorkbook, SheetVisibleEnum

        with open(path, "rb") as fh:
            workbook = CalamineWorkbook.from_filelike(fh)
        names = list(workbook.sheet_names)
        hidden = [m.name for m in workbook.sheets_metadata if m.visible != SheetVisibleEnum.Visible]
        grids: dict[str, Any] = {}
        merged: dict[str, Any] = {}
        for name in names:
            try:
                data = workbook.get_sheet_by_name(name)
                _check_size(data.total_height, data.total_width)
                grids[name] = data.to_python(skip_empty_area=False)
                merged[name] = list(data.merged_cell_ranges or [])
            except _TooLarge as exc:
                grids[name] = {"code": "sheet.too-large", "params": _too_large_params(exc.rows, exc.columns)}
        sender.send({"names": names, "hidden": hidden, "grids": grids, "merged": merged})
    except MemoryError:
        sender.send(
            {
                "error": {
                    "code": "file.timeout",
                    "params": {"seconds": GUARDED_SECONDS, "memory": GUARDED_MEMORY // MiB},
                }
            }
        )
    except Exception as exc:  # calamine's own errors: the file's fault, reported as such
        kind = type(exc).__name__
        text = (str(exc).splitlines() or [kind])[0][:200]
        if kind == "PasswordError":
            sender.send({"error": {"code": "file.encrypted", "params": {}}})
        else:
            sender.send({"error": {"code": "file.unreadable", "params": {"reason": f"{kind}: {text}"}}})
    finally:
        sender.close()


# --- cells -----------------------------------------------------------------------------------------


@lru_cache(maxsize=4096)  # the same answer cells in every file of a batch
def _cell_place(ref: str) -> tuple[int, int] | None:
    """'K12' -> (11, 10): 0-based row and column."""
    match = _CELL_REF.match(ref)
    return (int(match.group(2)) - 1, column_index(match.group(1))) if match else None


def column_index(letter: str) -> int:
    index = 0
    for char in letter.strip().upper():
        index = index * 26 + (ord(char) - 64)
    return index - 1


def column_letter(index: int) -> str:
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(65 + rest) + out
    return out


def cell(grid: list[list[Any]], row: int, column: int) -> Any:
    """Value at 0-based (row, column), None where the grid ends or the cell is empty."""
    if row >= len(grid):
        return None
    line = grid[row]
    if column >= len(line):
        return None
    value = line[column]
    return None if value == "" else value
