"""What pmprb's own workbook (`pmprb.workbook`) embeds about itself: a hidden sheet of key/value rows.
Here, below both, as the reader and the writer share it; light on purpose: the reader imports it
while `pmprb score` detects formats."""

from __future__ import annotations

from typing import Any

META_SHEET = "_pmprb"
ANSWER_SHEET = "LKE"
COVER_SHEET = "Sampul"
GUIDE_SHEET = "Petunjuk"
SUMMARY_SHEET = "Ringkasan"

FORMAT = "pmprb-workbook"
FORMAT_VERSION = "1"
KEY_COLUMN = "A"  # hidden column: q:<question id>, n:<node id>, c:<computed id>

# rows of the meta sheet: (key, meaning); the value sits in column B of the same row
WORKSHEET_ID = "worksheet_id"
WORKSHEET_VERSION = "worksheet_version"
FINGERPRINT = "worksheet_fingerprint"

# cover fields: AnswerSheet.meta key -> (cover row, i18n label code)
COVER_FIELDS: tuple[tuple[str, str], ...] = (
    ("instansi", "wb.cover.instansi"),
    ("nama_unit", "wb.cover.unit"),
    ("tahun", "wb.cover.year"),
    ("penilai", "wb.cover.assessor"),
    ("lapisan", "wb.cover.layer"),
)


def question_key(question_id: str) -> str:
    return f"q:{question_id}"


def parse_key(value: object) -> tuple[str, str] | None:
    """('q', id) for a key cell, None for anything else."""
    if not isinstance(value, str) or len(value) < 3 or value[1] != ":" or value[0] not in "qnc":
        return None
    return value[0], value[2:]


def read_meta(rows: list[list[object]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in rows:
        if len(line) >= 2 and isinstance(line[0], str) and line[0]:
            value = line[1]
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            out[line[0]] = "" if value is None else str(value)
    return out


def fingerprint(worksheet: Any) -> str:
    """A short hash of what decides the scores (answer types, tree, weights, computed items, combined
    nodes, predicates): the same id and version with other arithmetic is caught. Built from plain
    values, not from the model's serializer, so it is cheap and stable across library versions."""
    import dataclasses
    import hashlib

    def item_facts(item: Any) -> tuple[Any, ...]:
        return tuple(
            (name, str(getattr(item, name))) for name in sorted(f.name for f in dataclasses.fields(item))
        )

    facts: list[Any] = [worksheet.id, worksheet.version, list(worksheet.layers)]
    for key, atype in sorted(worksheet.answer_types.items()):
        options = [(o.key, str(o.value), tuple(o.aliases)) for o in atype.options]
        facts.append((key, atype.kind, str(atype.min), str(atype.max), options))
    for node in worksheet.all_nodes:
        facts.append((node.id, str(node.weight), [c.id for c in node.children]))
        facts.extend((q.id, q.type, str(q.weight)) for q in node.questions)
        facts.extend(item_facts(c) for c in node.computed)
    facts.extend((c.id, tuple(c.sum)) for c in worksheet.combined)
    for rule in worksheet.predicates:
        facts.append((rule.label, [(str(c.node), c.op, str(c.min), str(c.min_percent)) for c in rule.when]))
    return hashlib.sha256(repr(facts).encode("utf-8")).hexdigest()[:16]
