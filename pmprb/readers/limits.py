"""The limits every input is held to (README "Batas dan keamanan / Limits and safety"), and the
errors that say a file broke one."""

from __future__ import annotations

from typing import Any

from pmprb.errors import Location, Problem, UserError

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


def unreadable(path: str, reason: str, **where: Any) -> UserError:
    return UserError(Problem("file.unreadable", Location(path, **where), params={"reason": reason}))


def _error(code: str, path: str, sheet: str | None = None, **params: Any) -> UserError:
    return UserError(Problem(code, Location(path, sheet=sheet), params=params))
