"""Write a whole file or nothing: a temporary file beside the target, then an atomic rename. Missing
parent folders are created; a target that cannot be written is the user's problem, said as such."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO

from pmprb.errors import Location, Problem, UserError


def refuse_input_as_output(output: Path, inputs: Iterable[Path]) -> None:
    target = output.resolve()
    for item in inputs:
        if item.resolve() == target:
            raise UserError(
                Problem("output.exists-as-input", Location(str(output)), params={"path": str(output)})
            )


# why a write failed, as the OS says it (errno); each has its message: output.unwritable.<name>
REASONS = {
    errno.EACCES: "denied",
    errno.EPERM: "denied",
    errno.EROFS: "read-only",
    errno.ENOSPC: "full",
    errno.EDQUOT: "full",
    errno.EFBIG: "too-big",
    errno.ENOTDIR: "not-a-folder",
    errno.EEXIST: "not-a-folder",
    errno.EISDIR: "is-a-folder",
    errno.ENAMETOOLONG: "name-too-long",
    errno.EIO: "io",
}


def unwritable(output: Path, error: OSError) -> UserError:
    reason = REASONS.get(error.errno or 0, "other")
    return UserError(
        Problem(f"output.unwritable.{reason}", Location(str(output)), params={"path": str(output)})
    )


def check_writable(output: Path) -> None:
    """Refuse early, before any work, an output that cannot be written: a folder, a file where a folder
    should be, a folder without write permission. Creates nothing."""
    output = Path(output)
    if output.is_dir():
        raise unwritable(output, IsADirectoryError(errno.EISDIR, "is a directory"))
    folder = output.parent if str(output.parent) else Path(".")
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir():
        raise unwritable(output, NotADirectoryError(errno.ENOTDIR, "not a directory"))
    if not os.access(folder, os.W_OK | os.X_OK):
        raise unwritable(output, PermissionError(errno.EACCES, "permission denied"))


@contextlib.contextmanager
def atomic_path(output: Path) -> Iterator[Path]:
    """Yield a temporary path in the target's folder (created with its parents when missing); rename it
    onto `output` only on success."""
    output = Path(output)
    folder = output.parent if str(output.parent) else Path(".")
    if output.is_dir():
        raise unwritable(output, IsADirectoryError(errno.EISDIR, "is a directory"))
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise unwritable(output, exc) from None
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        try:
            yield tmp_path
        except OSError as exc:
            if exc.errno in REASONS:  # the disk, not the program: say so (a bare OSError is a bug)
                raise unwritable(output, exc) from None
            raise
        if output.exists():
            with contextlib.suppress(OSError):
                os.chmod(tmp_path, output.stat().st_mode & 0o777)
        else:
            with contextlib.suppress(OSError):
                umask = os.umask(0)
                os.umask(umask)
                os.chmod(tmp_path, 0o666 & ~umask)
        try:
            os.replace(tmp_path, output)
        except OSError as exc:
            raise unwritable(output, exc) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp_path.unlink()


def write_bytes(output: Path, data: bytes) -> None:
    with atomic_path(output) as tmp:
        tmp.write_bytes(data)


def write_text(output: Path, text: str) -> None:
    write_bytes(output, text.encode("utf-8"))


def write_with(output: Path, writer: Callable[[IO[bytes]], None]) -> None:
    with atomic_path(output) as tmp, tmp.open("wb") as fh:
        writer(fh)
