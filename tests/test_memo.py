"""The one memo: found by the owner's identity and a key, bounded, forgotten by one call."""

from __future__ import annotations

from pmprb.memo import Memo, clear_memos


class Owner:
    """Unhashable, as a worksheet is (a tree of lists)."""

    __hash__ = None  # type: ignore[assignment]


def test_found_by_identity_and_key() -> None:
    memo: Memo[str] = Memo(maxsize=8)
    a, b = Owner(), Owner()
    made: list[str] = []

    def make(text: str) -> str:
        made.append(text)
        return text

    assert memo.get(a, "k", lambda: make("a-k")) == "a-k"
    assert memo.get(a, "k", lambda: make("again")) == "a-k"
    assert memo.get(b, "k", lambda: make("b-k")) == "b-k"
    assert memo.get(a, "other", lambda: make("a-other")) == "a-other"
    assert made == ["a-k", "b-k", "a-other"]


def test_bounded_oldest_first() -> None:
    memo: Memo[int] = Memo(maxsize=3)
    owners = [Owner() for _ in range(5)]
    for i, owner in enumerate(owners):
        memo.get(owner, None, lambda i=i: i)
    assert memo.get(owners[0], None, lambda: -1) == -1  # forgotten
    assert memo.get(owners[4], None, lambda: -1) == 4  # kept


def test_remembered_values_include_none() -> None:
    memo: Memo[None] = Memo(maxsize=2)
    owner, calls = Owner(), []
    for _ in range(3):
        memo.get(owner, "k", lambda: calls.append(1))
    assert calls == [1]


def test_clear_memos_forgets_every_memo() -> None:
    first: Memo[int] = Memo(maxsize=2)
    second: Memo[int] = Memo(maxsize=2)
    owner = Owner()
    first.get(owner, None, lambda: 1)
    second.get(owner, None, lambda: 2)
    clear_memos()
    assert first.get(owner, None, lambda: 10) == 10
    assert second.get(owner, None, lambda: 20) == 20
