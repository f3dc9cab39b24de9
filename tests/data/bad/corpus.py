"""Broken and hostile input files, built on demand from the shipped example (so the repo stays small).

Tests call `build(name, folder)`; `python tests/data/bad/corpus.py` regenerates the few committed files
that need outside tools: `old.xls` and `old.ods` (LibreOffice) and `encrypted.xlsx` (msoffcrypto-tool,
password "rahasia"). Every builder is deterministic.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
EXAMPLE_XLSX = ROOT / "examples" / "lke-zi-2026-unit.xlsx"
EXAMPLE_JSON = ROOT / "examples" / "portalrb-jawaban-2026.json"
SHEET = "xl/worksheets/sheet1.xml"
NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
COMMITTED = ("old.xls", "old.ods", "encrypted.xlsx", "far.xls")


def _members() -> dict[str, bytes]:
    with zipfile.ZipFile(EXAMPLE_XLSX) as zin:
        return {info.filename: zin.read(info) for info in zin.infolist()}


def _sheet() -> str:
    return _members()[SHEET].decode("utf-8")


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in members.items():
            zout.writestr(name, data)
    return path


def _with_sheet(path: Path, sheet_xml: str, **extra: bytes) -> Path:
    members = _members()
    members[SHEET] = sheet_xml.encode("utf-8")
    members.update(extra)
    return _zip(path, members)


def _set_cell(sheet_xml: str, ref: str, inner: str, attrs: str = "") -> str:
    """Replace (or add to its row) cell `ref` with raw XML content."""
    new = f'<c r="{ref}"{attrs}>{inner}</c>'
    pattern = re.compile(rf'<c r="{ref}"[^>]*?(/>|>.*?</c>)', re.S)
    if pattern.search(sheet_xml):
        return pattern.sub(lambda _: new, sheet_xml, count=1)
    row = re.sub(r"[A-Z]+", "", ref)
    match = re.search(rf'<row r="{row}"[^>]*>', sheet_xml)
    assert match, ref
    # keep cells in column order: K comes after the text columns, good enough for these cases
    end = sheet_xml.index("</row>", match.end())
    return sheet_xml[:end] + new + sheet_xml[end:]


def _inline(text: str) -> str:
    return f'<is><t xml:space="preserve">{text}</t></is>'


# --- cases ---------------------------------------------------------------------------------------


def empty(path: Path) -> Path:
    path.write_bytes(b"")
    return path


def not_a_zip(path: Path) -> Path:
    path.write_bytes(b"Ini bukan workbook, hanya teks biasa.\n" * 20)
    return path


def truncated_zip(path: Path) -> Path:
    data = EXAMPLE_XLSX.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def zip_without_workbook(path: Path) -> Path:
    return _zip(path, {"word/document.xml": b"<w/>", "[Content_Types].xml": b"<Types/>"})


def zip_bomb(path: Path, gib: int = 2) -> Path:
    """A sheet that inflates to `gib` GiB of spaces from a few MB: one deflate block repeated."""
    head = f'<?xml version="1.0"?><worksheet xmlns="{NS}"><sheetData>'.encode()
    tail = b"</sheetData></worksheet>"
    mib = 1 << 20
    co = zlib.compressobj(9, zlib.DEFLATED, -15)
    start = co.compress(head) + co.flush(zlib.Z_FULL_FLUSH)
    block = co.compress(b" " * mib) + co.flush(zlib.Z_FULL_FLUSH)
    end = co.compress(tail) + co.flush(zlib.Z_FINISH)
    count = gib * 1024
    body = start + block * count + end
    # the CRC of `count` MiB of spaces by doubling, so building the bomb never inflates it
    unit_crc, unit_len, spaces_crc, spaces_len, n = zlib.crc32(b" " * mib), mib, 0, 0, count
    while n:
        if n & 1:
            spaces_crc, spaces_len = _crc_combine(spaces_crc, unit_crc, unit_len), spaces_len + unit_len
        unit_crc, unit_len, n = _crc_combine(unit_crc, unit_crc, unit_len), unit_len * 2, n >> 1
    crc = zlib.crc32(tail, _crc_combine(zlib.crc32(head), spaces_crc, spaces_len))
    size = len(head) + count * mib + len(tail)
    members = _members()
    members.pop(SHEET)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in members.items():
            zout.writestr(name, data)
    _append_raw(buffer, SHEET, body, crc, size)
    path.write_bytes(buffer.getvalue())
    return path


def _crc_combine(crc1: int, crc2: int, len2: int) -> int:
    """zlib's crc32_combine (not exposed by Python's zlib): crc of A+B from crc(A), crc(B), len(B)."""

    def gf2_times(mat: list[int], vec: int) -> int:
        total = 0
        i = 0
        while vec:
            if vec & 1:
                total ^= mat[i]
            vec >>= 1
            i += 1
        return total

    def square(mat: list[int]) -> list[int]:
        return [gf2_times(mat, mat[n]) for n in range(32)]

    if len2 == 0:
        return crc1
    odd = [0xEDB88320] + [1 << n for n in range(31)]
    even = square(odd)
    odd = square(even)
    while True:
        even = square(odd)
        if len2 & 1:
            crc1 = gf2_times(even, crc1)
        len2 >>= 1
        if not len2:
            break
        odd = square(even)
        if len2 & 1:
            crc1 = gf2_times(odd, crc1)
        len2 >>= 1
        if not len2:
            break
    return crc1 ^ crc2


def _append_raw(buffer: io.BytesIO, name: str, body: bytes, crc: int, size: int) -> None:
    """Add an already-deflated member to a finished zip by rewriting its central directory."""
    import struct

    data = buffer.getvalue()
    eocd = data.rindex(b"PK\x05\x06")
    entries, cd_size, cd_offset = struct.unpack("<HII", data[eocd + 10 : eocd + 20])
    central = data[cd_offset : cd_offset + cd_size]
    raw_name = name.encode()
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(body), size, len(raw_name), 0)
    offset = cd_offset
    entry = struct.pack(
        "<IHHHHHHIIIHHHHHII",
        0x02014B50,
        20,
        20,
        0,
        8,
        0,
        0x21,
        crc,
        len(body),
        size,
        len(raw_name),
        0,
        0,
        0,
        0,
        0,
        offset,
    )
    out = data[:cd_offset] + local + raw_name + body
    new_cd_offset = len(out)
    new_central = central + entry + raw_name
    tail = struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, entries + 1, entries + 1, len(new_central), new_cd_offset, 0
    )
    buffer.seek(0)
    buffer.truncate()
    buffer.write(out + new_central + tail)


def billion_laughs(path: Path) -> Path:
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol;" if i == 1 else f"&lol{i - 1};") * 10}">' for i in range(1, 10)
    )
    xml = (
        f'<?xml version="1.0"?>\n<!DOCTYPE worksheet [{entities}]>\n<worksheet xmlns="{NS}"><sheetData>'
        '<row r="6"><c r="K6" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>'
    )
    return _with_sheet(path, xml)


def million_rows(path: Path) -> Path:
    rows = "".join(f'<row r="{i}"><c r="A{i}"><v>{i}</v></c></row>' for i in range(1, 1_048_577))
    return _with_sheet(path, f'<worksheet xmlns="{NS}"><sheetData>{rows}</sheetData></worksheet>')


def far_cell(path: Path) -> Path:
    """Tiny file, one cell at the last row and column: a reader that allocates the grid needs 0.5 TB."""
    xml = _sheet().replace(
        "</sheetData>", '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'
    )
    return _with_sheet(path, xml)


def wide_row(path: Path) -> Path:
    """Cells without references: a reader counts their position, so one long row is 16384 columns."""
    cells = "<c><v>1</v></c>" * 16_384
    xml = _sheet().replace("</sheetData>", f"<row>{cells}</row></sheetData>")
    return _with_sheet(path, xml)


def huge_dimension(path: Path) -> Path:
    """The dimension tag claims the whole sheet; the cells are the normal ones."""
    xml = re.sub(r'<dimension ref="[^"]*"\s*/>', '<dimension ref="A1:XFD1048576"/>', _sheet())
    return _with_sheet(path, xml)


def formula_uncached(path: Path) -> Path:
    """Answer cells K6 and K7 hold formulas without saved values (as written by a script, never opened)."""
    xml = _set_cell(_sheet(), "K6", '<f>IF(1=1,"Ya","Tidak")</f>', ' t="str"')
    xml = _set_cell(xml, "K7", "<f>CONCATENATE(&quot;A&quot;)</f>", ' t="str"')
    return _with_sheet(path, xml)


def merged_answers(path: Path) -> Path:
    """K6:K8 merged: only K6 holds a value; questions on rows 7 and 8 look answered on screen."""
    xml = _sheet()
    xml = re.sub(r'<c r="K7"[^>]*?(/>|>.*?</c>)', "", xml, count=1, flags=re.S)
    xml = re.sub(r'<c r="K8"[^>]*?(/>|>.*?</c>)', "", xml, count=1, flags=re.S)
    xml = xml.replace(
        "</sheetData>", '</sheetData><mergeCells count="1"><mergeCell ref="K6:K8"/></mergeCells>'
    )
    return _with_sheet(path, xml)


def hidden_rows(path: Path) -> Path:
    xml = re.sub(r'<row r="(6|7)"', r'<row r="\1" hidden="1"', _sheet())
    return _with_sheet(path, xml)


def hidden_sheet(path: Path) -> Path:
    members = _members()
    workbook = members["xl/workbook.xml"].decode()
    sheet = re.search(r'<sheet [^>]*name="Jawaban"[^>]*>', workbook)
    assert sheet
    tag = re.sub(r'\s*state="[^"]*"', "", sheet.group(0)).replace("<sheet ", '<sheet state="hidden" ')
    members["xl/workbook.xml"] = workbook.replace(sheet.group(0), tag).encode()
    return _zip(path, members)


def renamed_sheet(path: Path) -> Path:
    members = _members()
    members["xl/workbook.xml"] = members["xl/workbook.xml"].replace(b'name="Jawaban"', b'name="Jawaban (2)"')
    return _zip(path, members)


def duplicate_rows(path: Path) -> Path:
    """Question 1's row copied over row 7 (question 2's row): the same question text twice."""
    xml = _sheet()
    row6 = re.search(r'<row r="6".*?</row>', xml, re.S)
    assert row6
    copy = row6.group(0).replace('r="6"', 'r="7"')
    copy = re.sub(r'r="([A-Z]+)6"', r'r="\g<1>7"', copy)
    xml = re.sub(r'<row r="7".*?</row>', lambda _: copy, xml, count=1, flags=re.S)
    return _with_sheet(path, xml)


def bad_values(path: Path) -> Path:
    """Unknown options, negative and fractional counts, scales out of range, NaN and infinity."""
    from pmprb.catalog import get_worksheet

    worksheet = get_worksheet("zi-2026")
    kinds: dict[str, list[int]] = {}
    for q in worksheet.questions.values():
        assert q.source and q.source.excel_row
        kinds.setdefault(worksheet.answer_types[q.type].kind, []).append(q.source.excel_row)
    choice, count, scale = kinds["choice"], kinds["count"], kinds["scale"]
    cells = {
        f"K{choice[0]}": _inline("Z"),
        f"K{choice[1]}": _inline("sangat baik"),
        f"K{count[0]}": "<v>-3</v>",
        f"K{count[1]}": "<v>2.5</v>",
        f"K{scale[0]}": "<v>7</v>",
        f"K{scale[1]}": _inline("NaN"),
    }
    xml = _sheet()
    for ref, inner in cells.items():
        xml = _set_cell(xml, ref, inner, ' t="inlineStr"' if inner.startswith("<is>") else "")
    return _with_sheet(path, xml)


def json_not_utf8(path: Path) -> Path:
    text = EXAMPLE_JSON.read_text(encoding="utf-8").replace(
        "Kantor Pelayanan Contoh", "Kantor Pelayanan Contoh é"
    )
    path.write_bytes(text.encode("latin-1"))
    return path


def json_not_object(path: Path) -> Path:
    path.write_text('[{"soal_id": 1, "jawaban_unit": "Ya"}]', encoding="utf-8")
    return path


def json_huge(path: Path, mib: int = 12) -> Path:
    """Larger than any real answers file: a long padding string inside a valid document."""
    with path.open("w", encoding="utf-8") as fh:
        fh.write('{"tahun": 2026, "padding": "')
        block = "x" * (1 << 20)
        for _ in range(mib):
            fh.write(block)
        fh.write('", "answers": []}')
    return path


def json_deep(path: Path) -> Path:
    path.write_text('{"answers": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    return path


def json_unknown_ids(path: Path) -> Path:
    doc = json.loads(EXAMPLE_JSON.read_text(encoding="utf-8"))
    doc["answers"].append({"soal_id": 9999, "jawaban_unit": "A"})
    doc["answers"].append({"soal_id": "bukan-angka", "jawaban_unit": "A"})
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def json_bad_values(path: Path) -> Path:
    """NaN and Infinity are not JSON, but Python's json accepts them: they must not score."""
    doc = json.loads(EXAMPLE_JSON.read_text(encoding="utf-8"))
    text = json.dumps(doc)
    for soal in (125, 127):  # the survey scales 0..4
        text = re.sub(rf'("soal_id": {soal}, "jawaban_unit": )("[^"]*"|null)', r"\1NaN", text)
    text = re.sub(r'("soal_id": 88, "jawaban_unit": )("[^"]*"|null)', r"\1Infinity", text)
    path.write_text(text, encoding="utf-8")
    return path


BUILDERS: dict[str, tuple[str, Callable[[Path], Path]]] = {
    "empty": ("empty.xlsx", empty),
    "not-a-zip": ("not-a-zip.xlsx", not_a_zip),
    "truncated": ("truncated.xlsx", truncated_zip),
    "zip-without-workbook": ("document.xlsx", zip_without_workbook),
    "zip-bomb": ("bomb.xlsx", zip_bomb),
    "billion-laughs": ("laughs.xlsx", billion_laughs),
    "million-rows": ("million.xlsx", million_rows),
    "far-cell": ("far.xlsx", far_cell),
    "wide-row": ("wide.xlsx", wide_row),
    "huge-dimension": ("dimension.xlsx", huge_dimension),
    "formula-uncached": ("formula.xlsx", formula_uncached),
    "merged-answers": ("merged.xlsx", merged_answers),
    "hidden-rows": ("hidden-rows.xlsx", hidden_rows),
    "hidden-sheet": ("hidden-sheet.xlsx", hidden_sheet),
    "renamed-sheet": ("renamed.xlsx", renamed_sheet),
    "duplicate-rows": ("duplicate.xlsx", duplicate_rows),
    "bad-values": ("values.xlsx", bad_values),
    "json-not-utf8": ("latin1.json", json_not_utf8),
    "json-not-object": ("list.json", json_not_object),
    "json-huge": ("huge.json", json_huge),
    "json-deep": ("deep.json", json_deep),
    "json-unknown-ids": ("unknown-ids.json", json_unknown_ids),
    "json-bad-values": ("nan.json", json_bad_values),
}


def build(case: str, folder: Path) -> Path:
    name, builder = BUILDERS[case]
    return builder(folder / name)


# --- committed files (need LibreOffice / msoffcrypto-tool) ----------------------------------------


def _small_official(path: Path) -> Path:
    """A minimal official workbook: the answer sheet with the example's answers, no texts (keeps it small)."""
    from openpyxl import Workbook
    from python_calamine import CalamineWorkbook

    grid = (
        CalamineWorkbook.from_path(str(EXAMPLE_XLSX))
        .get_sheet_by_name("Jawaban")
        .to_python(skip_empty_area=False)
    )
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Jawaban"
    for r, row in enumerate(grid, start=1):
        for c in (11, 14):  # K and N: unit and TPI answers
            if c - 1 < len(row) and row[c - 1] != "" and r > 3:
                sheet.cell(r, c, row[c - 1])
    book.save(path)
    return path


def far_xls(out: Path, work: Path) -> None:
    """An .xls whose last cell is IV65536: 20 KB that a reader turns into a 16-million-cell grid."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Jawaban"
    sheet["K6"] = "Ya"
    sheet["IV65536"] = 1
    book.save(work / "far.xlsx")
    soffice = shutil.which("soffice") or "soffice"
    subprocess.run(
        [soffice, "--headless", "--convert-to", "xls", "--outdir", str(work), str(work / "far.xlsx")],
        check=True,
        capture_output=True,
        timeout=180,
    )
    shutil.move(work / "far.xls", out / "far.xls")


def regenerate(out: Path = HERE) -> None:
    work = out / "_work"
    work.mkdir(exist_ok=True)
    try:
        far_xls(out, work)
        base = _small_official(work / "old.xlsx")
        soffice = shutil.which("soffice") or "soffice"
        for ext in ("xls", "ods"):
            subprocess.run(
                [soffice, "--headless", "--convert-to", ext, "--outdir", str(work), str(base)],
                check=True,
                capture_output=True,
                timeout=180,
            )
            shutil.move(work / f"old.{ext}", out / f"old.{ext}")
        from msoffcrypto.format.ooxml import OOXMLFile  # to regenerate only: pip install msoffcrypto-tool

        with base.open("rb") as plain, (out / "encrypted.xlsx").open("wb") as encrypted:
            OOXMLFile(plain).encrypt("rahasia", encrypted)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    regenerate()
    for name in COMMITTED:
        print(name, (HERE / name).stat().st_size, "bytes")
