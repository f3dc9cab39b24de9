"""What is worked out once per worksheet object and reused for every file scored against it (the
scoring plan, answers already validated, a recognised layout): one bounded memo type, all of them
cleared by `clear_memos()`.

Entries are found by the object's identity (a worksheet is a tree of lists: it has no hash) and hold
the object, so its id is not reused while remembered. When full, the oldest entry goes: a run uses a
few worksheets, a test run builds hundreds.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

V = TypeVar("V")

_memos: list[Memo[Any]] = []


class Memo(Generic[V]):
    def __init__(self, maxsize: int) -> None:
        self.maxsize = maxsize
        self._entries: dict[tuple[int, Hashable], tuple[object, V]] = {}
        _memos.append(self)

    def get(self, owner: object, key: Hashable, make: Callable[[], V]) -> V:
        """The value remembered for `owner` (by identity) and `key`, else `make()`, remembered."""
        entry = self._entries.get((id(owner), key))
        if entry is not None and entry[0] is owner:
            return entry[1]
        value = make()
        if len(self._entries) >= self.maxsize:
            del self._entries[next(iter(self._entries))]
        self._entries[(id(owner), key)] = (owner, value)
        return value

    def clear(self) -> None:
        self._entries.clear()


def clear_memos() -> None:
    """Forget everything remembered (tests that change a worksheet file or a layout between runs)."""
    for memo in _memos:
        memo.clear()
