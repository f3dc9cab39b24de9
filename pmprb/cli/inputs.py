"""What a batch command reads: files, folders searched recursively, and lists of paths (`--files-from`).

Everything comes in natural order (unit2 before unit10). A folder is walked twice, never held: once
to count its files (a batch says "312 of 600"), then again as its files are scored, each folder's
entries sorted by name on the way; so memory does not grow with the files in folders. The paths
named on the command line or in a list (`--files-from`) are held and sorted: a list of 100,000 costs
some 20 MB. A folder contributes the files pmprb reads (by their suffix); the rest are skipped and
counted, as are the lock files a spreadsheet program leaves beside an open workbook ("~$x.xlsx"). A
file named on the command line or in a list is always read, whatever its name: the user chose it.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pmprb.errors import Location, Problem, UserError

READABLE = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods", ".json")
LOCK_PREFIX = "~$"


@dataclass
class Inputs:
    """The files to read: `len()` of them, iterated in natural order, each once."""

    named: list[str]  # files and folders named, sorted; a folder inside another named one is left out
    count: int = 0  # files to read
    skipped: int = 0  # files inside folders that pmprb does not read
    folders: int = 0  # folders searched

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[str]:
        for path in self.named:
            if os.path.isdir(path):
                yield from _walk(path)
            else:
                yield path


_DIGITS = re.compile(r"\d+")


def _number(match: re.Match[str]) -> str:
    # a run of digits as \x01, its length, the digits: shorter numbers first, equal lengths by digit,
    # and a number before any letter at the same place ("a1" < "ab")
    digits = match.group().lstrip("0") or "0"
    return f"\x01{chr(0x30 + len(digits))}{digits}"


def name_key(name: str) -> str:
    """A file or folder name as people order them: digits as numbers (unit2 < unit10), case aside.
    One string, not a tuple of parts: 100,000 keys held while a list is sorted stay a few megabytes."""
    return _DIGITS.sub(_number, name.casefold())


def natural_key(path: str) -> str:
    """A path, component by component: the separator becomes \x00, below any character, so a folder's
    files stay together ("a/b" < "a1/b" < "a-b/c" as components). Not natsort's path key: that one
    costs 0.36 ms and hundreds of bytes a path."""
    return "\x00".join(name_key(part) for part in path.split(os.sep))


def readable(name: str) -> bool:
    return name.lower().endswith(READABLE) and not name.startswith((LOCK_PREFIX, "."))


def _listing(folder: str) -> Iterator[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: name_key(entry.name))
    except OSError as exc:  # a subfolder we may not list: say which, and stop
        raise UserError(
            Problem("input.folder-unreadable", Location(folder), params={"reason": exc.strerror})
        ) from None
    return iter(entries)


def _entries(folder: str) -> Iterator[os.DirEntry[str]]:
    """The files under `folder` in natural order: each folder's entries sorted by name, a subfolder's
    files where its name falls (the order of sorting whole paths, for the cost of sorting names)."""
    stack = [_listing(folder)]
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
        elif entry.is_dir():
            stack.append(_listing(entry.path))
        else:
            yield entry


def _walk(folder: str) -> Iterator[str]:
    return (entry.path for entry in _entries(folder) if readable(entry.name))


def _count(folder: str) -> tuple[int, int]:
    """(files pmprb reads, other files) under `folder`."""
    read = other = 0
    for entry in _entries(folder):
        if readable(entry.name):
            read += 1
        else:
            other += 1
    return read, other


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
    named = [str(a) for a in arguments]
    for source in lists:
        named.extend(read_list(source))
    named = list(dict.fromkeys(named))
    named.sort(key=natural_key)
    folders = [os.path.realpath(p) + os.sep for p in named if os.path.isdir(p)]

    def inside_another(path: str) -> bool:  # lke/ and lke/kanwil/ named: lke/kanwil once, in lke/
        real = os.path.realpath(path) + (os.sep if os.path.isdir(path) else "")
        return any(real != folder and real.startswith(folder) for folder in folders)

    if folders:
        named = [p for p in named if not inside_another(p)]
    inputs = Inputs(named)
    for path in named:
        if os.path.isdir(path):
            read, other = _count(path)
            inputs.count += read
            inputs.skipped += other
            inputs.folders += 1
        else:  # read even when it does not exist: the reader says so, located, in its row
            inputs.count += 1
    return inputs
