"""Issue 14, problems 3-6: files are named for what they are, a poor fit is refused instead of scored,
a worksheet `pmprb check` rejects is used by no command, a unit-only form can prefill, and every
catalog message renders without unfilled placeholders in both languages."""

from __future__ import annotations

import json
import re
import shutil
import string
from pathlib import Path
from typing import Any

import pytest

from pmprb.catalog import get_worksheet, shipped_paths
from pmprb.i18n import CATALOGS, messages, t
from tests.cli_runner import run
from tests.lke_form_helpers import fill, random_answers

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
EXAMPLE = EXAMPLES / "lke-zi-2026-unit.xlsx"
INDONESIAN = re.compile(r"\b(harus|bukan|berupa|tidak|lapisan|berkas|yang)\b", re.IGNORECASE)


# --- 3. other instruments are named --------------------------------------------------------------


def _sakip_kke(path: Path) -> Path:
    """A Pemda's KKE: RESUME (components with sub-components), PENILAIAN (criteria answered Y/T)."""
    from openpyxl import Workbook

    book = Workbook()
    resume = book.active
    resume.title = "RESUME"
    resume.append(["NO", "KOMPONEN/ SUBKOMPONEN/ KRITERIA", "BOBOT", "NILAI"])
    resume.append(["A", "Perencanaan Kinerja", 0.30, None])
    resume.append(["", "Pemenuhan", 0.06, "=VLOOKUP(...)"])
    penilaian = book.create_sheet("PENILAIAN")
    penilaian.append(["KODE", "KRITERIA", "MANDIRI", "VERIFIKASI", "PENJAMINAN KUALITAS", "FINAL"])
    penilaian.append(["AREN001.1", "Terdapat pedoman teknis perencanaan kinerja", "Y", "Y/T", "", ""])
    book.create_sheet("BUKTI DUKUNG")
    book.save(path)
    return path


def _sakip_export(path: Path) -> Path:
    """A ministry application's AKIP export: one sheet, its header rows."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    sheet.append(
        ["KOMPONEN/ SUBKOMPONEN/ KRITERIA", "BOBOT", "PENILAIAN MANDIRI UNIT KERJA", "", "EVALUASI APIP"]
    )
    sheet.append(["", "", "%TASE", "NILAI", "JAWABAN AKHIR"])
    sheet.append(["NILAI AKUNTABILITAS KINERJA", 100, "", 80, ""])
    book.save(path)
    return path


def _old_rb(path: Path) -> Path:
    """An LKE RB of the 2014-2019 generation: sheets `LKE Pusat` / `LKE Unit`, PROSES 60 / HASIL 40, in
    the LKE layout, with some questions worded like the ZI form's (what made --worksheet match 46)."""
    from openpyxl import Workbook

    ws = get_worksheet("zi-2021")
    book = Workbook()
    sheet = book.active
    sheet.title = "LKE Pusat"
    sheet.append(["No", "Komponen", "", "", "", "", "", "Bobot", "Penjelasan", "Pilihan Jawaban", "Jawaban"])
    sheet.append(["", "A.", "PROSES", "", "", "", "", 60])
    sheet.append(["", "", "I.", "MANAJEMEN PERUBAHAN", "", "", "", 5])
    for i, q in enumerate(list(ws.questions.values())[:50]):
        sheet.append(["", "", "", "", "", f"{i + 1}.", q.text, "", "", "Ya/Tidak", "Ya"])
    sheet.append(["", "B.", "HASIL", "", "", "", "", 40])
    book.create_sheet("LKE Unit")
    book.save(path)
    return path


@pytest.mark.parametrize("build", [_sakip_kke, _sakip_export])
def test_an_sakip_workbook_is_named_as_such(
    build: Any, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = build(tmp_path / "kke.xlsx")
    for lang in ("id", "en"):
        r = run(capsys, "score", str(path), "--lang", lang)
        assert r.code == 2
        text = " ".join(r.err.split())
        assert "SAKIP/AKIP" in text and "restore" not in text.lower() and "kembalikan" not in text.lower()
        assert not _PLACEHOLDER.search(text)
    assert "KOMPONEN/ SUBKOMPONEN/ KRITERIA" in " ".join(run(capsys, "score", str(path)).err.split()) or (
        "RESUME" in run(capsys, "score", str(path)).err
    )


def test_an_older_lke_rb_is_named_and_refused_even_with_worksheet(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = _old_rb(tmp_path / "lke-rb-2018.xlsx")
    r = run(capsys, "score", str(path), "--lang", "en")
    assert r.code == 2
    text = " ".join(r.err.split())
    assert "Reformasi Birokrasi of another generation" in text and "LKE Pusat" in text
    forced = run(capsys, "score", str(path), "--worksheet", "zi-2021", "--lang", "en")
    assert forced.code == 2  # was: exit 0 with 46/127 questions and hundreds of warnings
    text = " ".join(forced.err.split())
    assert "of the 129 questions of worksheet zi-2021" in text and "refused" in text


# --- 4. a wrong or broken worksheet --------------------------------------------------------------


def test_a_clearly_wrong_worksheet_is_refused_naming_the_right_one(
    capsys: pytest.CaptureFixture[str],
) -> None:
    r = run(capsys, "score", str(EXAMPLE), "--worksheet", "rb-2020", "--lang", "en")
    assert r.code == 2
    text = " ".join(r.err.split())
    assert "worksheet rb-2020" in text and "zi-2026 127/127" in text and "pmprb inspect" in text


def test_a_worse_worksheet_that_still_fits_is_warned_about(capsys: pytest.CaptureFixture[str]) -> None:
    r = run(capsys, "score", str(EXAMPLE), "--worksheet", "zi-2021", "--format", "json", "--lang", "en")
    data = json.loads(r.out)
    worse = [w for w in data["warnings"] if w["code"] == "readers.worksheet-worse"]
    assert len(worse) == 1 and "zi-2026" in worse[0]["message"] and "127/127" in worse[0]["message"]
    plain = json.loads(run(capsys, "score", str(EXAMPLE), "--format", "json").out)
    assert not [w for w in plain["warnings"] if w["code"] == "readers.worksheet-worse"]


def _broken(tmp_path: Path) -> Path:
    text = shipped_paths()["zi-2026"].read_text(encoding="utf-8")
    broken = tmp_path / "zi-2026-edited.yaml"
    # the first area's weight changed, its children not: weights no longer add up
    broken.write_text(text.replace("weight: 4\n", "weight: 6\n", 1), encoding="utf-8")
    return broken


def test_a_worksheet_check_rejects_is_used_by_no_command(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    broken = _broken(tmp_path)
    assert run(capsys, "check", str(broken)).code == 1
    scored = run(capsys, "score", str(EXAMPLE), "--worksheet", str(broken), "--lang", "en")
    assert scored.code == 2 and "fails `pmprb check`" in " ".join(scored.err.split())
    # the finding's line and column as written (a console once drew "file:100:13" as an emoji)
    assert f"{broken.name}:100:13" in scored.err.replace("\n", "") and "\U0001f4af" not in scored.err
    assert "check." not in scored.out
    out = tmp_path / "lke.xlsx"
    written = run(capsys, "template", str(broken), "-o", str(out), "--lang", "en")
    assert written.code == 2 and not out.exists()
    assert "fails `pmprb check`" in " ".join(written.err.split())
    inspected = run(capsys, "inspect", str(EXAMPLE), "--worksheet", str(broken))
    assert inspected.code == 2


# --- 5. PortalRB's master, other JSON ------------------------------------------------------------


def test_the_portalrb_master_points_to_import(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    master = tmp_path / "master-soal.json"
    node = {"id": 1, "nama": "A. PENGUNGKIT", "level": "komponen", "children": [], "soals": []}
    master.write_text(json.dumps({"tahun": 2026, "total_soal": 127, "data": [node]}), encoding="utf-8")
    for lang in ("id", "en"):
        r = run(capsys, "score", str(master), "--lang", lang)
        text = " ".join(r.err.split())
        assert r.code == 2 and f"pmprb import portalrb {master}" in text and not _PLACEHOLDER.search(text)
    english = " ".join(run(capsys, "score", str(master), "--lang", "en").err.split())
    assert not INDONESIAN.search(english.replace(str(master), "")), english


def test_the_real_master_is_named_too(reference_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    r = run(capsys, "score", str(reference_dir / "portalrb-master-soal-lke-zi-2026.json"), "--lang", "en")
    assert r.code == 2 and "master question bank (year 2026, 127 questions)" in " ".join(r.err.split())


def test_json_of_another_shape_says_what_it_holds(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"units": [], "kategori": "WBK"}), encoding="utf-8")
    r = run(capsys, "score", str(other), "--lang", "en")
    text = " ".join(r.err.split())
    assert r.code == 2 and "units, kategori" in text and '"answers"' in text


# --- 6. a unit-only form prefills; the layer message is filled -------------------------------------


def test_prefill_from_a_unit_only_form(
    reference_dir: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import random

    form = fill(reference_dir, tmp_path / "lke-2025.xlsx", random_answers(random.Random(6)))
    out = tmp_path / "lke-2026.xlsx"
    r = run(capsys, "template", "zi-2026", "--prefill", str(form), "-o", str(out))
    assert r.code == 0, r.err
    assert out.exists() and not _PLACEHOLDER.search(r.out + r.err)
    absent = run(capsys, "score", str(form), "--layer", "tpi")
    assert absent.code == 2
    text = " ".join(absent.err.split())
    assert "lapisan 'tpi'" in text and "yang ada: unit" in text and not _PLACEHOLDER.search(text)
    english = " ".join(run(capsys, "compare", str(form), "--lang", "en").err.split())
    assert not _PLACEHOLDER.search(english) and "layer 'tpi'" in english and "it has: unit" in english


class _Sample:
    """A parameter value for any field: plain, with a conversion, or with a format spec (check's
    `{where:id}`)."""

    def __format__(self, spec: str) -> str:
        return "1"

    def __str__(self) -> str:
        return "1"

    def __repr__(self) -> str:
        return "'1'"


# the codes whose producers add `X_id` (figures with a decimal comma) beside `X`
LOCALISED = ("crosscheck.", "kke.", "sakipexport.")
_PLACEHOLDER = re.compile(r"\{[A-Za-z_]+(?:![rsa])?(?::[^{}]*)?\}")


def _all_fields(text: str | dict[str, str]) -> set[str]:
    """The fields of a message, or of every plural form of it ({one: ..., other: ...})."""
    forms = list(text.values()) if isinstance(text, dict) else [text]
    return set().union(*(_fields(form) for form in forms))


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_message_renders_in_both_languages_without_placeholders() -> None:
    """Every catalog message, with sample values for its parameters, renders in both languages; a
    parameter only one language names (beside the figures the cross-checks localise as `X_id`) is a
    placeholder that would be shown unfilled."""
    checked = 0
    for catalog in CATALOGS:
        for code, entry in messages(catalog).items():
            if not isinstance(entry, dict) or "id" not in entry or "en" not in entry:
                continue
            ids, ens = _all_fields(entry["id"]), _all_fields(entry["en"])
            localised = code.startswith(LOCALISED)
            for field in ids - ens:
                assert field.endswith("_id") and field[:-3] in ens, (code, field)
                assert localised, (code, field)  # no one else passes `X_id`: it would show unfilled
            params: dict[str, Any] = {f: _Sample() for f in ens | {"question"}}
            params |= {f"{f}_id": _Sample() for f in ens if localised}
            for lang in ("id", "en"):
                text = t(code, lang, **params)
                # a field left in braces: the template was shown as it is (a literal {{x}} is fine)
                assert not [f for f in _all_fields(entry[lang]) if "{" + f in text], (code, lang, text)
            if len(str(entry["en"]).split()) > 3:
                assert entry["id"] != entry["en"], code
            checked += 1
    assert checked > 100


def test_inspect_names_what_it_cannot_read(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = _sakip_kke(tmp_path / "kke.xlsx")
    r = run(capsys, "inspect", str(path), "--format", "json", "--lang", "en")
    assert r.code == 2
    data = json.loads(r.out)
    assert data["format"] is None and data["problems"][0]["code"] == "readers.looks-sakip"
    copy = tmp_path / "copy.xlsx"
    shutil.copy(EXAMPLE, copy)
    r = run(capsys, "inspect", str(copy), "--worksheet", "rb-2020", "--format", "json")
    data = json.loads(r.out)
    assert r.code == 2 and data["refused"] and data["candidates"][0]["worksheet"] == "zi-2026"
