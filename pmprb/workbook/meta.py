"""What the workbook embeds about itself: a hidden sheet of key/value rows. Light on purpose: the
reader imports it while `pmprb score` detects formats."""

from __future__ import annotations

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


def fingerprint(worksheet: object) -> str:
    """A short hash of the worksheet definition: the same id and version with other content is caught."""
    import hashlib

    dump = worksheet.model_dump_json()  # type: ignore[attr-defined]
    return hashlib.sha256(dump.encode("utf-8")).hexdigest()[:16]
