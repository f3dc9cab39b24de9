"""Load YAML once and keep where every key and value starts, so findings point at line:column.

PyYAML's composed node graph carries marks; we construct the data from that same graph and index
the marks by data path ('nodes', 0, 'weight'). Duplicate keys (PyYAML silently keeps the last) and
aliases that make a mapping contain itself are reported here, because only the node graph shows them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Path = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Mark:
    line: int  # 1-based
    column: int  # 1-based


@dataclass(slots=True)
class Marks:
    values: dict[Path, Mark] = field(default_factory=dict)
    keys: dict[Path, Mark] = field(default_factory=dict)

    def find(self, path: Path, *, key: bool = False) -> Mark | None:
        """The mark of `path` (its key when `key`), else of its deepest marked ancestor."""
        if key and path in self.keys:
            return self.keys[path]
        for end in range(len(path), -1, -1):
            mark = self.values.get(path[:end])
            if mark is not None:
                return mark
        return None


@dataclass(frozen=True, slots=True)
class YamlIssue:
    """A problem only the YAML text shows: 'syntax', 'duplicate-key' or 'cycle'."""

    kind: str
    mark: Mark
    detail: str = ""
    path: Path = ()


@dataclass(slots=True)
class Loaded:
    data: Any
    marks: Marks
    issues: list[YamlIssue]


def _mark(node: Any) -> Mark:
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1)


def load(text: str) -> Loaded:
    """Parse `text`; a syntax error comes back as an issue with no data (never raised)."""
    import yaml

    loader_cls = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    loader = loader_cls(text)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Mark(mark.line + 1, mark.column + 1) if mark is not None else Mark(1, 1)
        detail = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        return Loaded(None, Marks(), [YamlIssue("syntax", where, detail)])
    except yaml.YAMLError as exc:
        return Loaded(None, Marks(), [YamlIssue("syntax", Mark(1, 1), str(exc))])
    finally:
        loader.dispose()
    marks = Marks()
    issues: list[YamlIssue] = []
    if root is not None:
        _index(loader, root, (), marks, issues, set())
    return Loaded(data, marks, issues)


def _index(
    loader: Any, node: Any, path: Path, marks: Marks, issues: list[YamlIssue], stack: set[int]
) -> None:
    import yaml

    if id(node) in stack:
        issues.append(
            # the alias has no mark of its own in the node graph: point at the key that holds it
            YamlIssue("cycle", _holder(marks, path) or _mark(node), path=path)
        )
        return
    marks.values.setdefault(path, _mark(node))
    if isinstance(node, yaml.MappingNode):
        stack.add(id(node))
        seen: dict[Any, Mark] = {}
        for key_node, value_node in node.value:
            key = _key(loader, key_node)
            if key is None:
                continue
            if key in seen:
                issues.append(YamlIssue("duplicate-key", _mark(key_node), str(key), (*path, key)))
            seen[key] = _mark(key_node)
            child = (*path, key)
            marks.keys[child] = _mark(key_node)
            marks.values[child] = _mark(value_node)
            _index(loader, value_node, child, marks, issues, stack)
        stack.discard(id(node))
    elif isinstance(node, yaml.SequenceNode):
        stack.add(id(node))
        for i, item in enumerate(node.value):
            child = (*path, i)
            marks.values[child] = _mark(item)
            _index(loader, item, child, marks, issues, stack)
        stack.discard(id(node))


def _holder(marks: Marks, path: Path) -> Mark | None:
    for end in range(len(path), 0, -1):
        if path[:end] in marks.keys:
            return marks.keys[path[:end]]
    return None


def _key(loader: Any, node: Any) -> str | int | None:
    """The key as the constructed data spells it (YAML 1.1 turns `1:` into int 1)."""
    import yaml

    if not isinstance(node, yaml.ScalarNode):
        return None
    value = loader.construct_object(node)
    return value if isinstance(value, str | int) else str(value)
