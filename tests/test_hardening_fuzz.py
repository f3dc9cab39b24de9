"""Reader fuzzing, bounded by example counts (hypothesis on bytes): whatever the bytes, reading and scoring
either succeeds or raises the tool's own UserError. Anything else (or a crashed process) is a bug.

Inputs: random bytes, and mutations of the shipped examples (the xlsx's bytes, its sheet XML inside a
valid zip, the answers JSON): flipped bytes, cuts and splices keep the fuzzer near real formats."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmprb.api import score_layers
from pmprb.errors import UserError
from tests.conftest import EXAMPLES

XLSX = (EXAMPLES / "lke-zi-2026-unit.xlsx").read_bytes()
JSON = (EXAMPLES / "portalrb-jawaban-2026.json").read_bytes()
with zipfile.ZipFile(io.BytesIO(XLSX)) as _zip:
    MEMBERS = {info.filename: _zip.read(info) for info in _zip.infolist()}
SHEET = "xl/worksheets/sheet1.xml"
FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@st.composite
def mutated(draw: st.DrawFn, base: bytes) -> bytes:
    data = bytearray(base)
    for _ in range(draw(st.integers(1, 6))):
        action = draw(st.sampled_from(["flip", "cut", "splice", "insert"]))
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        if action == "flip":
            data[at] = draw(st.integers(0, 255))
        elif action == "cut":
            del data[at : at + draw(st.integers(1, 4096))]
        elif action == "splice":
            chunk = draw(st.binary(min_size=1, max_size=64))
            data[at : at + len(chunk)] = chunk
        else:
            data[at:at] = draw(
                st.sampled_from([b"<", b'r="XFD1048576"', b"&lol;", b"<!DOCTYPE x>", b"\x00" * 8])
            )
    return bytes(data)


def rezip(sheet: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in MEMBERS.items():
            out.writestr(name, sheet if name == SHEET else data)
    return buffer.getvalue()


def read_only_user_errors(path: Path, data: bytes) -> None:
    path.write_bytes(data)
    try:
        score_layers(path, None, ("unit",))
    except UserError as exc:
        assert exc.problems, "a UserError carries its problems"
        assert all(p.location.file == str(path) for p in exc.problems)
        for problem in exc.problems:
            problem.message("id")
            problem.message("en")


@FUZZ
@given(data=st.binary(max_size=4096), suffix=st.sampled_from([".xlsx", ".json", ".xls", ".ods", ""]))
def test_random_bytes(tmp_path: Path, data: bytes, suffix: str) -> None:
    read_only_user_errors(tmp_path / f"fuzz{suffix}", data)


@FUZZ
@given(data=mutated(XLSX))
def test_mutated_workbook_bytes(tmp_path: Path, data: bytes) -> None:
    read_only_user_errors(tmp_path / "fuzz.xlsx", data)


@FUZZ
@given(sheet=mutated(MEMBERS[SHEET]))
def test_mutated_sheet_xml_in_a_valid_zip(tmp_path: Path, sheet: bytes) -> None:
    read_only_user_errors(tmp_path / "fuzz.xlsx", rezip(sheet))


@FUZZ
@given(data=mutated(JSON))
def test_mutated_answers_json(tmp_path: Path, data: bytes) -> None:
    read_only_user_errors(tmp_path / "fuzz.json", data)
