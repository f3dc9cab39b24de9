"""Write a whole file or nothing: a temporary file beside the target, then an atomic rename."""

from __future__ import annotations

import contextlib
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


@contextlib.contextmanager
def atomic_path(output: Path) -> Iterator[Path]:
    """Yield a temporary path in the target's folder; rename it onto `output` only on success."""
    output = Path(output)
    folder = output.parent if str(output.parent) else Path(".")
    if not folder.is_dir():
        raise UserError(
            Problem(
                "file.unreadable", Location(str(output)), params={"reason": f"folder {folder} does not exist"}
            )
        )
    fd, tmp = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp", dir=folder)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        if output.exists():
            with contextlib.suppress(OSError):
                os.chmod(tmp_path, output.stat().st_mode & 0o777)
        else:
            with contextlib.suppress(OSError):
                umask = os.umask(0)
                os.umask(umask)
                os.chmod(tmp_path, 0o666 & ~umask)
        os.replace(tmp_path, output)
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
