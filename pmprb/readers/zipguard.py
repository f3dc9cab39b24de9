"""Zip guards for .xlsx/.ods: sizes and ratios from the central directory (nothing inflated), the
kind of workbook by its parts, which parts calamine reads when it opens a workbook, and where each
sheet's part is."""

from __future__ import annotations

import html
import io
import re
import struct
import zipfile

from pmprb.i18n import Msg
from pmprb.readers.limits import MAX_PARTS, MAX_RATIO, MAX_UNPACKED_BYTES, RATIO_FROM, MiB, _error

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, or an encrypted .xlsx
_SHEET_INDEX = ("xl/workbook.xml", "xl/_rels/workbook.xml.rels")
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
GUARDED_KINDS = ("xls", "xlsb", "ods")
# deflate cannot expand data more than 1032 times: a part this small, stored or deflated, inflates to at
# most ~1 MiB whatever its directory entry claims, so calamine may read it unchecked
DEFLATE_MAX_RATIO = 1032
SMALL_PART = 1024
# parts calamine does not read (or we check on demand): not inflated up front
_UNREAD_PARTS = (
    "xl/worksheets/",
    "xl/theme/",
    "xl/media/",
    "xl/drawings/",
    "xl/charts/",
    "docProps/",
    "xl/printerSettings/",
    "customXml/",
    "xl/externalLinks/",
)


def _inspect_zip(name: str, raw: bytes) -> zipfile.ZipFile:
    """Sizes and ratios from the central directory only: nothing is inflated here."""
    tail = raw[-(0xFFFF + 22) :]
    end = tail.rfind(b"PK\x05\x06")
    if end < 0 or len(tail) < end + 22:
        raise _error("file.damaged", name, reason=Msg("reason.no-zip-directory"))
    # zipfile builds an object per entry before we could count them: count from the end record first
    entries, directory_size = struct.unpack_from("<HI", tail, end + 10)
    if entries > MAX_PARTS or directory_size > MAX_PARTS * 1024:
        raise _error("file.too-many-parts", name, count=entries, limit=MAX_PARTS)
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise _error("file.damaged", name, reason=_reason(exc)) from None
    _check_directory(name, infos)
    return archive


def _reason(exc: BaseException) -> str:
    """Why a part cannot be read: ours in the reader's language (a Msg), a library's as it says it."""
    said = exc.args[0] if len(exc.args) == 1 and isinstance(exc.args[0], Msg) else None
    return said if said is not None else str(exc)[:200]


def _check_directory(name: str, infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_PARTS:
        raise _error("file.too-many-parts", name, count=len(infos), limit=MAX_PARTS)
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise _error("file.encrypted", name)
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_FROM and ratio > MAX_RATIO:
            raise _error(
                "file.bomb",
                name,
                size=info.file_size // MiB,
                limit=MAX_UNPACKED_BYTES // MiB,
                detail=f"{info.filename}: {ratio:.0f}:1",
            )
        # deflate never grows data by more than a few bytes per block: a bigger stream hides more data
        if info.compress_size > info.file_size + info.file_size // 100 + 1024:
            raise _error(
                "file.damaged", name, reason=Msg("reason.part-sizes-inconsistent", part=info.filename)
            )
    if total > MAX_UNPACKED_BYTES:
        raise _error(
            "file.bomb",
            name,
            size=total // MiB,
            limit=MAX_UNPACKED_BYTES // MiB,
            detail=f"{len(infos)} parts",
        )


def _zip_kind(name: str, parts: dict[str, zipfile.ZipInfo]) -> str:
    if "xl/workbook.xml" in parts:
        return "xlsx"
    if "xl/workbook.bin" in parts:
        return "xlsb"
    if "content.xml" in parts:
        return "ods"
    raise _error("file.not-workbook", name, expected="xl/workbook.xml")


def _read_at_open(info: zipfile.ZipInfo) -> bool:
    """A part calamine may read when it opens the workbook, and whose directory entry could hide more
    than DEFLATE_MAX_RATIO * SMALL_PART bytes: only such parts need inflating first to be trusted."""
    part = info.filename
    if not part.endswith((".xml", ".rels")) or part.startswith(_UNREAD_PARTS):
        return False
    small = info.compress_size <= SMALL_PART and info.compress_type in (
        zipfile.ZIP_STORED,
        zipfile.ZIP_DEFLATED,
    )
    return part in _SHEET_INDEX or not small


_SHEET_TAG = re.compile(rb"<(?:\w+:)?sheet\s([^>]*)>")
_REL_TAG = re.compile(rb"<(?:\w+:)?Relationship\s([^>]*)>")
_ATTR = re.compile(rb'([\w:]+)\s*=\s*"([^"]*)"')


def _sheet_parts(parts: dict[str, bytes]) -> dict[str, str]:
    """Sheet name -> part path, from workbook.xml and its relationships."""
    rels: dict[str, str] = {}
    for attrs in _REL_TAG.findall(parts.get("xl/_rels/workbook.xml.rels", b"")):
        found = dict(_ATTR.findall(attrs))
        target = html.unescape(found.get(b"Target", b"").decode("utf-8", "replace"))
        rels[found.get(b"Id", b"").decode()] = (
            target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        )
    out: dict[str, str] = {}
    for attrs in _SHEET_TAG.findall(parts.get("xl/workbook.xml", b"")):
        found = {k.split(b":")[-1]: v for k, v in _ATTR.findall(attrs) if k.endswith((b":id", b"name"))}
        sheet = html.unescape(found.get(b"name", b"").decode("utf-8", "replace"))
        part = rels.get(found.get(b"id", b"").decode())
        if part:
            out[sheet] = part
    return out
