"""What a file is, by its bytes rather than its name: a zip (xlsx, xlsb, ods), an OLE container
(.xls, or an encrypted .xlsx), JSON; read once, and only when within the size limits."""

from __future__ import annotations

import os
from pathlib import Path

from pmprb.errors import Location, Problem, UserError
from pmprb.i18n import Msg
from pmprb.readers.limits import MAX_FILE_BYTES, MiB, _error, unreadable


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
