"""An input file, opened once and lazily: sniffed by its bytes, not its name."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pmprb.errors import Location, Problem, UserError

# Limits: see README "Batas dan keamanan / Limits and safety".
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_ROWS = 20_000
MAX_COLUMNS = 200

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, or an encrypted .xlsx


def unreadable(path: str, reason: str, **where: Any) -> UserError:
    return UserError(Problem("file.unreadable", Location(path, **where), params={"reason": reason}))


@dataclass
class Source:
    path: Path
    kind: str  # "xlsx" | "xls" | "ods" | "json"
    _workbook: Any = field(default=None, repr=False)
    _json: Any = field(default=None, repr=False)
    _rows: dict[str, list[list[Any]]] = field(default_factory=dict, repr=False)

    @property
    def name(self) -> str:
        return str(self.path)

    @classmethod
    def open(cls, path: Path) -> Source:
        name = str(path)
        if not path.exists():
            raise UserError(Problem("file.not-found", Location(name), params={"path": name}))
        if path.is_dir():
            raise UserError(Problem("file.is-directory", Location(name), params={"path": name}))
        try:
            size = path.stat().st_size
            with path.open("rb") as fh:
                head = fh.read(8)
        except OSError as exc:
            raise unreadable(name, exc.strerror or str(exc)) from None
        if size == 0:
            raise unreadable(name, "berkas kosong / empty file")
        if size > MAX_FILE_BYTES:
            raise unreadable(name, f"lebih dari {MAX_FILE_BYTES // 2**20} MB / larger than the limit")
        if head.startswith(ZIP_MAGIC):
            return cls(path, "ods" if path.suffix.lower() == ".ods" else "xlsx")
        if head.startswith(OLE_MAGIC):
            return cls(path, "xls")
        stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
        if stripped[:1] in (b"{", b"[") or path.suffix.lower() == ".json":
            return cls(path, "json")
        raise UserError(Problem("file.unknown-format", Location(name), params={"sheets": "Jawaban"}))

    # --- spreadsheets -------------------------------------------------------------------------
    @property
    def workbook(self) -> Any:
        if self._workbook is None:
            from python_calamine import CalamineWorkbook

            try:
                self._workbook = CalamineWorkbook.from_path(str(self.path))
            except Exception as exc:  # calamine raises several types for broken files
                raise unreadable(self.name, _calamine_reason(exc)) from None
        return self._workbook

    @property
    def sheet_names(self) -> list[str]:
        if self.kind == "json":
            return []
        return list(self.workbook.sheet_names)

    def rows(self, sheet: str) -> list[list[Any]]:
        """The sheet as a grid anchored at A1 (calamine starts at the first used cell)."""
        if sheet not in self._rows:
            try:
                data = self.workbook.get_sheet_by_name(sheet)
                height, width = data.total_height, data.total_width
                if height > MAX_ROWS or width > MAX_COLUMNS:
                    raise unreadable(
                        self.name, f"sheet {sheet}: {height} baris x {width} kolom melebihi batas / over the limit"
                    )
                grid = data.to_python(skip_empty_area=False)
            except UserError:
                raise
            except Exception as exc:
                raise unreadable(self.name, _calamine_reason(exc), sheet=sheet) from None
            self._rows[sheet] = grid
        return self._rows[sheet]

    # --- json ---------------------------------------------------------------------------------
    @property
    def json(self) -> Any:
        if self._json is None:
            try:
                raw = self.path.read_bytes()
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError as exc:
                raise UserError(
                    Problem("json.invalid", Location(self.name), params={"reason": f"bukan UTF-8 / not UTF-8 ({exc.reason})"})
                ) from None
            try:
                self._json = json.loads(text)
            except json.JSONDecodeError as exc:
                raise UserError(
                    Problem("json.invalid", Location(self.name, line=exc.lineno, column=exc.colno), params={"reason": exc.msg})
                ) from None
        return self._json


def _calamine_reason(exc: Exception) -> str:
    kind = type(exc).__name__
    if kind == "PasswordError":
        return "berkas dilindungi kata sandi; buka di Excel, hapus kata sandi, lalu simpan ulang / password-protected"
    text = str(exc).splitlines()[0] if str(exc) else kind
    return f"{kind}: {text[:200]}"


def column_index(letter: str) -> int:
    index = 0
    for char in letter.strip().upper():
        index = index * 26 + (ord(char) - 64)
    return index - 1


def cell(grid: list[list[Any]], row: int, column: int) -> Any:
    """Value at 0-based (row, column), None where the grid ends or the cell is empty."""
    if row >= len(grid):
        return None
    line = grid[row]
    if column >= len(line):
        return None
    value = line[column]
    return None if value == "" else value
