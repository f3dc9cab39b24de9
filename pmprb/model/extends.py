"""A worksheet that `extends` another is written as changes to it (a Pemda's variant of SAKIP): its
data is merged over the base's before validation. Mappings merge key by key; lists of mappings with
an `id` (nodes, children, questions, computed items, combined nodes) merge by id: an entry naming an
existing id changes it, `remove: true` drops it, a new id is added (after the entry `after` names, else
at the end); any other list or value replaces the base's. Plain data in, plain data out: the caller
reads the files.

`merge` also tells where each merged path came from in the variant, so a finding about a merged
worksheet can point at the variant's line that made it."""

from __future__ import annotations

from typing import Any

Path = tuple[str | int, ...]
REMOVE = "remove"
AFTER = "after"


class ExtendError(ValueError):
    """A variant that cannot be applied: `path` is where in the variant."""

    def __init__(self, message: str, path: Path) -> None:
        super().__init__(message)
        self.path = path


def merge(base: Any, variant: dict[str, Any]) -> tuple[dict[str, Any], dict[Path, Path]]:
    """The variant applied to `base`; and merged path -> variant path for what the variant wrote."""
    origin: dict[Path, Path] = {}
    if not isinstance(base, dict):
        raise ExtendError("the base worksheet is not a mapping", ("extends",))
    merged = _mapping(base, variant, (), (), origin)
    return merged, origin


def _by_id(items: list[Any]) -> bool:
    return bool(items) and all(isinstance(i, dict) and "id" in i for i in items)


def _value(base: Any, change: Any, mpath: Path, vpath: Path, origin: dict[Path, Path]) -> Any:
    if isinstance(base, dict) and isinstance(change, dict):
        return _mapping(base, change, mpath, vpath, origin)
    if isinstance(base, list) and isinstance(change, list) and _by_id(base) and _by_id(change):
        return _list(base, change, mpath, vpath, origin)
    _record(change, mpath, vpath, origin)
    return change


def _record(value: Any, mpath: Path, vpath: Path, origin: dict[Path, Path]) -> None:
    origin[mpath] = vpath
    if isinstance(value, dict):
        for key, item in value.items():
            _record(item, (*mpath, key), (*vpath, key), origin)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _record(item, (*mpath, i), (*vpath, i), origin)


def _mapping(
    base: dict[str, Any], change: dict[str, Any], mpath: Path, vpath: Path, origin: dict[Path, Path]
) -> dict[str, Any]:
    out = dict(base)
    for key, value in change.items():
        out[key] = _value(base[key], value, (*mpath, key), (*vpath, key), origin) if key in base else value
        if key not in base:
            _record(value, (*mpath, key), (*vpath, key), origin)
    origin.setdefault(mpath, vpath)
    return out


def _list(
    base: list[dict[str, Any]],
    change: list[dict[str, Any]],
    mpath: Path,
    vpath: Path,
    origin: dict[Path, Path],
) -> list[dict[str, Any]]:
    # entries keep their variant path by id until the list's final order is known
    out: list[tuple[dict[str, Any], Path | None, dict[Path, Path]]] = [(item, None, {}) for item in base]
    where: Path
    for j, entry in enumerate(change):
        ident = entry["id"]
        at = next((k for k, (item, _, _) in enumerate(out) if item["id"] == ident), None)
        where = (*vpath, j)
        if entry.get(REMOVE) is True:
            if at is None:
                raise ExtendError(f"nothing with id {ident!r} to remove", (*where, "id"))
            del out[at]
            continue
        local: dict[Path, Path] = {}
        if at is not None:
            changes = {k: v for k, v in entry.items() if k not in (REMOVE, AFTER)}
            out[at] = (_mapping(out[at][0], changes, (), where, local), where, local)
            continue
        item = {k: v for k, v in entry.items() if k not in (REMOVE, AFTER)}
        _record(item, (), where, local)
        after = entry.get(AFTER)
        if after is None:
            out.append((item, where, local))
            continue
        anchor = next((k for k, (it, _, _) in enumerate(out) if it["id"] == after), None)
        if anchor is None:
            raise ExtendError(f"nothing with id {after!r} to add {ident!r} after", (*where, AFTER))
        out.insert(anchor + 1, (item, where, local))
    origin[mpath] = vpath
    for k, (_, _where, local) in enumerate(out):
        for sub, vp in local.items():
            origin[(*mpath, k, *sub)] = vp
    return [item for item, _, _ in out]
