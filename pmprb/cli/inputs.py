"""What a batch command reads: files, folders searched recursively, and lists of paths (`--files-from`).

Paths are gathered and put in natural order up front (unit2 before unit10): a path is a few dozen
bytes, so even a national batch of 100,000 files costs a few megabytes here, while the results, which
are large, stream. A folder contributes the files pmprb reads (by their suffix); the rest are skipped
and counted, as are the lock files a spreadsheet program leaves beside an open workbook ("~$x.xlsx").
A file named on the command line or in a list is always read, whatever its name: the user chose it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from pmprb.errors import Location, Problem, UserError

READABLE = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods", ".json")
LOCK_PREFIX = "~$"


@dataclass
class Inputs:
    paths: list[str]  # natural order, each once
    skipped: int = 0  # files inside folders that pmprb does not read
    folders: int = 0  # folders searched

    def __len__(self) -> int:
        return len(self.paths)


@cache
def _natural() -> Any:
    from natsort import natsort_keygen, ns

    # by path component, digits as numbers, case folded: unit2 < unit10, A/x < a/y as people read them
    return natsort_keygen(alg=ns.PATH | ns.IGNORECASE)


def natural_key(text: str) -> Any:
    return _natural()(text)


def readable(name: str) -> bool:
    return name.lower().endswith(READABLE) and not name.startswith((LOCK_PREFIX, "."))


def _walk(folder: str, found: list[str]) -> int:
    """Add the readable files under `folder` to `found`; return how many others were skipped."""
    skipped = 0

    def unreachable(exc: OSError) -> None:  # a subfolder we may not list: say so, do not stop
        raise UserError(
            Problem("input.folder-unreadable", Location(str(exc.filename)), params={"reason": exc.strerror})
        )

    for root, _dirs, files in os.walk(folder, onerror=unreachable):
        for name in files:
            if readable(name):
                found.append(os.path.join(root, name))
            else:
                skipped += 1
    return skipped


def read_list(source: str) -> Iterator[str]:
    """One path a line, from a file or standard input ("-"); blank lines skipped, line ends stripped
    (a list written on Windows ends its lines with \\r\\n)."""
    if source == "-":
        stream: Iterable[str] = sys.stdin
    else:
        try:
            stream = Path(source).read_text(encoding="utf-8-sig").splitlines()
        except OSError as exc:
            raise UserError(
                Problem("input.list-unreadable", Location(source), params={"reason": exc.strerror})
            ) from None
        except UnicodeDecodeError:
            raise UserError(
                Problem("input.list-unreadable", Location(source), params={"reason": "UTF-8"})
            ) from None
    for line in stream:
        path = line.rstrip("\r\n")
        if path.strip():
            yield path


def gather(arguments: Iterable[Path | str], lists: Iterable[str] = ()) -> Inputs:
    """Files and folders given, plus the paths in each list, in natural order, each once."""
    found: list[str] = []
    skipped = folders = 0
    named = [str(a) for a in arguments]
    for source in lists:
        named.extend(read_list(source))
    for path in named:
        if os.path.isdir(path):
            folders += 1
            skipped += _walk(path, found)
        else:  # read even when it does not exist: the reader says so, located, in its row
            found.append(path)
    unique = list(dict.fromkeys(found))
    unique.sort(key=natural_key)
    return Inputs(unique, skipped, folders)
