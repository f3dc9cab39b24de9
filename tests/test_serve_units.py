"""`pmprb serve`'s parts without a server: tokens, the rate limit, numbers as PortalRB takes them,
the units manifest, `pmprb token new`, `pmprb export portalrb` and `pmprb serve --check`."""

from __future__ import annotations

import hashlib
import json
import re
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from pmprb.errors import UserError
from pmprb.serve import tokens
from pmprb.serve.answers import decimal
from pmprb.serve.ratelimit import RateLimit
from pmprb.serve.units import id_from_name, read_manifest
from tests.serve_helpers import answers_for, run_pmprb, write_official, write_portalrb


def test_token_file_lines() -> None:
    token, line = tokens.new()
    text = f"# comment\n\n  {line.upper().replace('SHA256', 'sha256')}  \nplain-token-long-enough\n"
    found, problems = tokens.parse(text, "t")
    assert [t.plain for t in found] == [False, True]
    assert [(p.code, p.location.line) for p in problems] == [("serve.token-plain", 4)]
    assert tokens.Verifier(found).check(token) is found[0]
    assert tokens.Verifier(found).check("plain-token-long-enough") is found[1]
    assert tokens.Verifier(found).check(token + "x") is None
    assert found[0].id == hashlib.sha256(token.encode()).hexdigest()[:12]
    _, problems = tokens.parse("sha256:abc\nshort\nhas space in it ok\n", "t")
    assert [(p.code, p.location.line) for p in problems] == [
        ("serve.token-bad-digest", 1),
        ("serve.token-bad-plain", 2),
        ("serve.token-bad-plain", 3),
    ]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, None),
        ("", None),
        ("Bearer abc", "abc"),
        ("bearer  abc ", "abc"),
        ("Basic abc", None),
        ("Bearer", None),
    ],
)
def test_bearer_header(header: str | None, expected: str | None) -> None:
    assert tokens.bearer(header) == expected


def test_rate_limit_refills_evenly() -> None:
    now = [0.0]
    limit = RateLimit(60, clock=lambda: now[0])  # one a second, bursts of 60
    assert all(limit.take("a") == 0 for _ in range(60))
    assert limit.take("a") == 1 and limit.take("b") == 0
    now[0] += 2.5
    assert limit.take("a") == 0 and limit.take("a") == 0 and limit.take("a") == 1
    slow = RateLimit(1, clock=lambda: now[0])
    assert slow.take("a") == 0 and slow.take("a") == 60


@given(st.decimals(min_value=-(10**6), max_value=10**6, places=6, allow_nan=False, allow_infinity=False))
def test_numbers_are_written_exactly(value: Decimal) -> None:
    text = decimal(Fraction(value))
    assert Fraction(text) == Fraction(value)
    assert "e" not in text and not text.endswith(".") and (not text.endswith("0") or "." not in text)


def test_ids_from_file_names() -> None:
    assert id_from_name("Unit Kerja A (2026)") == "Unit-Kerja-A-2026"
    assert id_from_name("..") == "unit"
    assert id_from_name("Bagian Umum — Ünït") == "Bagian-Umum-n-t"


def test_manifest_mistakes_are_located(tmp_path: Path) -> None:
    root = tmp_path / "lke"
    root.mkdir()
    (root / "a.json").write_text("{}")
    (tmp_path / "outside.json").write_text("{}")
    manifest = root / "units.yaml"
    manifest.write_text(
        yaml.safe_dump(
            [
                {"id": "A", "nama": "Unit A", "kategori": "WBK", "file": "a.json"},
                {"id": "A", "nama": "", "kategori": "WBKK", "afirmasi": "ya", "file": "../outside.json"},
                {"id": "../b", "nama": "B", "kategori": "WBBM", "file": "/etc/passwd", "extra": 1},
            ]
        )
    )
    with pytest.raises(UserError) as caught:
        read_manifest(manifest, root.resolve())
    where = {(p.code, p.location.json_path) for p in caught.value.problems}
    assert where == {
        ("serve.manifest-duplicate", "$[1].id"),
        ("serve.manifest-required", "$[1].nama"),
        ("serve.manifest-kategori", "$[1].kategori"),
        ("serve.manifest-bool", "$[1].afirmasi"),
        ("serve.manifest-file", "$[1].file"),
        ("serve.manifest-field", "$[2].extra"),
        ("serve.manifest-id", "$[2].id"),
        ("serve.manifest-outside", "$[2].file"),
    }


def test_token_new_appends_and_prints_once(tmp_path: Path) -> None:
    path = tmp_path / "tokens"
    path.write_text("# made by hand\nplain-token-long-enough")
    done = run_pmprb("token", "new", "--token-file", str(path), "--lang", "en")
    assert done.returncode == 0
    token = done.stdout.strip()
    lines = path.read_text().splitlines()
    assert lines[:2] == ["# made by hand", "plain-token-long-enough"]
    assert lines[-1] == "sha256:" + hashlib.sha256(token.encode()).hexdigest()
    assert token not in path.read_text() and "Register this token" in done.stderr
    broken = tmp_path / "broken"
    broken.write_text("sha256:nothex\n")
    done = run_pmprb("token", "new", "--token-file", str(broken))
    assert done.returncode == 2 and broken.read_text() == "sha256:nothex\n"


def test_export_writes_the_served_document_and_overwrites_nothing(tmp_path: Path) -> None:
    wbk = answers_for("WBK", 2)
    excel = write_official(tmp_path / "Unit A.xlsx", wbk, wbk)
    portal = write_portalrb(tmp_path / "b.json", "UK-B", "Unit B", wbk, wbk)
    out = tmp_path / "out"
    out.mkdir()
    done = run_pmprb("export", "portalrb", str(excel), str(portal), "-o", str(out))
    assert done.returncode == 0, done.stderr
    a, b = (json.loads((out / name).read_text()) for name in ("Unit-A.json", "UK-B.json"))
    assert (a["unit_id"], a["nama_unit"], a["tahun"]) == ("Unit-A", "Unit A", 2026)
    assert (b["unit_id"], b["nama_unit"]) == ("UK-B", "Unit B")

    def answered(doc: dict[str, list[dict[str, str]]]) -> list[tuple[str, str]]:
        return [(x["jawaban_unit"], x["jawaban_tpi"]) for x in doc["answers"]]

    assert answered(a) == answered(b) and len(a["answers"]) == 127
    assert a["answers"][0]["bukti_dukung_unit"] == "https://drive.example.go.id/sk.pdf"
    before = (out / "UK-B.json").read_bytes()
    done = run_pmprb("export", "portalrb", str(portal), "-o", str(out), "--lang", "en")
    assert (
        done.returncode == 2
        and "already exists" in done.stderr
        and (out / "UK-B.json").read_bytes() == before
    )
    invalid = json.loads(portal.read_text())
    invalid["answers"][1]["jawaban_unit"] = "F"
    portal.write_text(json.dumps(invalid))
    done = run_pmprb("export", "portalrb", str(portal), "-o", str(out), "--overwrite")
    assert done.returncode == 1 and "$.answers[1].jawaban_unit" in done.stderr
    assert (out / "UK-B.json").read_bytes() == before


def test_check_lists_units_scores_and_failing_conditions(tmp_path: Path) -> None:
    root = tmp_path / "lke"
    root.mkdir()
    write_official(root / "wbbm.xlsx", answers_for("WBBM", 1), answers_for("WBBM", 1))
    write_official(root / "none.xlsx", answers_for(None, 3), {})
    (root / "broken.xlsx").write_bytes(b"PK\x03\x04 broken")
    for lang, words in (
        ("id", ("tidak diusulkan", "syarat WBK", "gagal dibaca: 1")),
        ("en", ("not proposed", "WBK conditions", "unreadable: 1")),
    ):
        done = run_pmprb("serve", str(root), "--check", "--lang", lang)
        assert done.returncode == 1, done.stderr
        for word in words:
            assert word in done.stdout
        assert "wbbm  wbbm  (wbbm.xlsx)" in done.stdout and "WBBM" in done.stdout
        # figures in the language's digits: a decimal comma in Indonesian, a point in English
        total = re.search(r"Total (\d+[.,]\d\d) ", done.stdout)
        assert total is not None and total.group(1)[-3] == ("," if lang == "id" else "."), done.stdout


def test_a_file_changed_while_read_is_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    import pmprb.api
    from pmprb.catalog import get_worksheet
    from pmprb.serve.store import Store, identity
    from pmprb.serve.units import Unit

    wbk, none = answers_for("WBK", 2), answers_for(None, 3)
    path = write_portalrb(tmp_path / "u.json", "u", "U", wbk, wbk)
    changed = write_portalrb(tmp_path / "changed.json", "u", "U", none, none)
    real = pmprb.api.score_layers
    calls: list[int] = []

    def score_while_saved(*args: object, **kwargs: object) -> object:
        result = real(*args, **kwargs)  # type: ignore[arg-type]
        if not calls:  # the unit saves its file while the first read is under way
            os.replace(changed, path)
        calls.append(1)
        return result

    monkeypatch.setattr(pmprb.api, "score_layers", score_while_saved)
    lines: list[dict[str, object]] = []
    store = Store(get_worksheet("zi-2026"), 2026, lines.append)
    reading = store.get(Unit("u", "U", path.resolve(), "u.json"))
    assert len(calls) == 2 and reading.identity == identity(path)
    assert reading.predicate is None  # the saved version's, not the one read first (WBK)
    assert store.get(Unit("u", "U", path.resolve(), "u.json")) is reading and len(calls) == 2  # cached


def test_units_found_in_folders_of_the_same_file_name(tmp_path: Path) -> None:
    """Each unit's folder holding `LKE ZI 2026.json`: ids and names come from the folders."""
    from pmprb.serve.service import open_service

    wbk = answers_for("WBK", 2)
    for folder in ("Bagian Umum", "Bagian Keuangan"):
        (tmp_path / folder).mkdir()
        path = write_portalrb(tmp_path / folder / "LKE ZI 2026.json", "x", "x", wbk, wbk)
        doc = json.loads(path.read_text())
        del doc["unit_id"], doc["nama_unit"]
        path.write_text(json.dumps(doc))
    write_portalrb(tmp_path / "kpp.json", "UK-9", "KPP Contoh", wbk, wbk)
    service = open_service(tmp_path, None, None, lambda line: None, "id")
    assert {u.id: u.nama for u in service.units.values()} == {
        "Bagian-Keuangan-LKE-ZI-2026": "Bagian Keuangan/LKE ZI 2026",
        "Bagian-Umum-LKE-ZI-2026": "Bagian Umum/LKE ZI 2026",
        "UK-9": "KPP Contoh",
    }
    write_portalrb(tmp_path / "Bagian Umum" / "again.json", "UK-9", "Lagi", wbk, wbk)  # an id told twice
    with pytest.raises(UserError) as caught:
        open_service(tmp_path, None, None, lambda line: None, "id")
    [problem] = caught.value.problems
    assert (problem.code, problem.location.file, problem.params["first"]) == (
        "serve.unit-duplicate",
        "Bagian Umum/again.json",
        "kpp.json",
    )


def test_a_file_without_a_tpi_layer_is_served_with_null_tpi_answers(tmp_path: Path) -> None:
    """A unit's own 2026 form, before the TPI has answered: its answers, and null for the TPI's."""
    import random

    from tests.jawaban_2026_helpers import Variant, build, random_answers

    rng = random.Random(5)
    variant = Variant(header=False, third_layer=False)
    path = build(tmp_path / "unit-only.xlsx", {"unit": random_answers(rng)}, variant, rng).path
    out = tmp_path / "out"
    done = run_pmprb("export", "portalrb", str(path), "-o", str(out))
    assert done.returncode == 0, done.stderr
    (written,) = out.glob("*.json")
    answers = json.loads(written.read_text())["answers"]
    assert len(answers) == 127
    assert all(a["jawaban_tpi"] is None and a["catatan_tpi"] is None for a in answers)
    assert sum(a["jawaban_unit"] is not None for a in answers) > 100
