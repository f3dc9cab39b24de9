"""A Pemda's SAKIP KKE (docs/domain.md §7): `pmprb import kke` makes a variant from the workbook's own
structure and formulas, `pmprb score --worksheet` scores the workbook with it, and the workbook's own
figures (recalculated by LibreOffice) are the oracle for every node of every layer."""

from __future__ import annotations

import random
from fractions import Fraction
from pathlib import Path

import pytest
from openpyxl import load_workbook

from pmprb.api import score_layers
from pmprb.catalog import get_worksheet
from pmprb.lint import check_file
from tests.cli_runner import run
from tests.lke_form_helpers import recalculate
from tests.sakip_files import (
    KKE_LAYERS,
    KkeRows,
    build_kke,
    kke_expected,
    kke_tree,
    random_kke_answers,
)

LAYER_IDS = ("unit", "verifikasi", "penjaminan_kualitas", "akhir")


def _import(capsys: pytest.CaptureFixture[str], book: Path, out: Path) -> Path:
    result = run(capsys, "import", "kke", str(book), "-o", str(out))
    assert result.code == 0, result.out + result.err
    return out


def test_import_writes_a_variant_check_passes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = tmp_path / "kke.xlsx"
    build_kke(book)
    variant = _import(capsys, book, tmp_path / "kab-variant.yaml")
    report = check_file(variant)
    assert report.errors == 0, [p.code for p in report.problems]
    ws = get_worksheet(str(variant))
    tree = kke_tree()
    assert ws.id == "kab-variant"
    assert list(ws.layers) == list(LAYER_IDS)
    # the tree and weights of RESUME, scaled from fractions of 1 to 0-100
    assert [n.id for n in ws.nodes] == [c.code for c in tree]
    subs = {s.code: s for c in tree for s in c.subs}
    for code, sub in subs.items():
        assert ws.node_by_id[code].weight == Fraction(sub.weight) * 100
        assert [c.id for c in ws.node_by_id[code].children] == [c.code for c in sub.criteria]
    # answer types from the IF formulas: the grades' values as the workbook states them (0.66, not 2/3)
    types = {t.label: {o.key: o.value for o in t.options} for t in ws.answer_types.values()}
    assert types == {
        "Y/T": {"Y": 1, "T": 0},
        "A/B/C/D": {"A": 1, "B": Fraction("0.66"), "C": Fraction("0.33"), "D": 0},
    }
    documents = sum(len(c.documents) for s in subs.values() for c in s.criteria)
    graded = sum(1 for s in subs.values() for c in s.criteria if c.graded)
    assert len(ws.questions) == documents + graded
    # nothing a user made is overwritten
    again = run(capsys, "import", "kke", str(book), "-o", str(variant))
    assert again.code == 2 and "--force" in again.out + again.err


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_layer_scores_as_by_hand(tmp_path: Path, capsys: pytest.CaptureFixture[str], seed: int) -> None:
    """Without cached figures (never opened in a spreadsheet): scores computed by hand, no findings."""
    tree = kke_tree()
    answers = random_kke_answers(random.Random(seed), tree, blank=0.2)
    book = tmp_path / "kke.xlsx"
    build_kke(book, answers, tree)
    variant = _import(capsys, book, tmp_path / "variant.yaml")
    results, _ = score_layers(book, str(variant), LAYER_IDS)
    for header, layer in zip(KKE_LAYERS, LAYER_IDS, strict=True):
        expected = kke_expected(tree, answers[header])
        result = results[layer]
        scores = {n.id: n.score for n in result.nodes}
        for code, value in expected.items():
            got = result.total if code == "total" else scores[code]
            assert got == value * 100, (layer, code)
        missing = {q for q, r in result.questions.items() if r.status == "missing"}
        assert len(missing) == sum(1 for v in answers[header].values() if v is None)
        assert not [p for p in result.problems if p.code.startswith(("crosscheck", "kke"))]


def _cached(path: Path, rows: KkeRows) -> dict[str, dict[str, Fraction]]:
    """The workbook's own figures per layer: PENILAIAN's Nilai by code, RESUME's by code."""
    book = load_workbook(path, data_only=True)
    pen, resume = book["PENILAIAN"], book["RESUME"]
    out: dict[str, dict[str, Fraction]] = {}
    for i, layer in enumerate(LAYER_IDS):
        figures: dict[str, Fraction] = {}
        for code, row in rows.penilaian.items():
            if "#" not in code:
                figures[code] = Fraction(repr(float(pen[f"{rows.value_cols[i]}{row}"].value))) * 100
        for code, row in rows.resume.items():
            figures[f"resume:{code}"] = Fraction(repr(float(resume[f"{'EFGH'[i]}{row}"].value))) * 100
        out[layer] = figures
    return out


SETS = 6


def test_workbook_is_the_oracle(tmp_path: Path, capsys: pytest.CaptureFixture[str], soffice: str) -> None:
    """Copies filled with random answers (some cells left "Y/T"), recalculated by LibreOffice: the
    imported variant scores every node of every layer as the workbook's formulas do, to 0.01."""
    tree = kke_tree()
    rng = random.Random(19)
    sets = [random_kke_answers(rng, tree, blank=rng.choice([0.0, 0.1, 0.3])) for _ in range(SETS)]
    files, where = [], []
    for n, answers in enumerate(sets):
        path = tmp_path / f"kke-{n}.xlsx"
        where.append(build_kke(path, answers, tree))
        files.append(path)
    recalculated = recalculate(soffice, files, tmp_path)
    variant = _import(capsys, recalculated[0], tmp_path / "variant.yaml")
    compared = 0
    for path, rows in zip(recalculated, where, strict=True):
        cached = _cached(path, rows)
        results, _ = score_layers(path, str(variant), LAYER_IDS)
        for layer, result in results.items():
            scores = {n.id: n.score for n in result.nodes}
            for key, shown in cached[layer].items():
                code = key.removeprefix("resume:")
                engine = result.total if code == "total" else scores[code]
                assert abs(float(engine - shown)) < 0.01, (path.name, layer, key, float(engine), float(shown))
                compared += 1
            assert not [p for p in result.problems if p.code.startswith(("crosscheck", "kke"))]
    assert compared == SETS * len(LAYER_IDS) * (
        len(where[0].penilaian) - _documents(tree) + len(where[0].resume)
    )


def _documents(tree: list) -> int:
    return sum(len(c.documents) for comp in tree for s in comp.subs for c in s.criteria)


def test_findings_are_explained_with_their_cells(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], soffice: str
) -> None:
    """What units do to a KKE, each found at its cell: an answer the IF does not match (" y"), a value
    formula overwritten by a number, a RESUME lookup reading another layer's column."""
    tree = kke_tree()
    answers = random_kke_answers(random.Random(5), tree, blank=0.0)
    answers[KKE_LAYERS[0]]["AREN001.2#1"] = "T"
    answers[KKE_LAYERS[0]]["AUKR002.1"] = "B"
    book = tmp_path / "kke.xlsx"
    rows = build_kke(book, answers, tree)
    clean = recalculate(soffice, [book], tmp_path)[0]
    variant = _import(capsys, clean, tmp_path / "variant.yaml")
    edited = load_workbook(book)
    pen, resume = edited["PENILAIAN"], edited["RESUME"]
    spaced = f"D{rows.penilaian['AREN001.2#1']}"
    pen[spaced] = " y"  # read as Y by the rules; the workbook's ="Y" does not match it
    typed = f"E{rows.penilaian['AUKR002.1']}"
    pen[typed] = 0.09  # the formula replaced by a number (a grade of A typed over B)
    lookup = f"E{rows.resume['ALAP002']}"
    resume[lookup] = f"=VLOOKUP($C{rows.resume['ALAP002']},PENILAIAN!$A$1:$M$500,7,FALSE)"
    edited_path = tmp_path / "edited" / "kke.xlsx"
    edited_path.parent.mkdir()
    edited.save(edited_path)
    recalculated = recalculate(soffice, [edited_path], tmp_path / "edited")[0]
    results, _ = score_layers(recalculated, str(variant), ("unit",))
    found = sorted(
        (p.code, p.location.sheet, p.location.cell)
        for p in results["unit"].problems
        if p.code.startswith(("crosscheck", "kke"))
    )
    assert found == sorted(
        [
            ("kke.answer-not-matched", "PENILAIAN", spaced),
            ("crosscheck.formula-overwritten", "PENILAIAN", typed),
            ("kke.resume-differs", "RESUME", lookup),
        ]
    )
    for problem in results["unit"].problems:
        for lang in ("id", "en"):
            text = problem.message(lang)
            assert "{" not in text and text


def test_a_kke_without_its_variant_is_named_and_told_what_to_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = tmp_path / "kke.xlsx"
    build_kke(book)
    for lang, words in (("id", "Buat dulu varian"), ("en", "First make its worksheet variant")):
        result = run(capsys, "score", str(book), "--lang", lang)
        assert result.code == 2
        assert "SAKIP KKE" in result.out + result.err or "KKE SAKIP" in result.out + result.err
        assert words in " ".join((result.out + result.err).split())
        assert "pmprb import kke" in " ".join((result.out + result.err).split())


def test_import_refuses_with_the_cell_in_both_languages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = tmp_path / "kke.xlsx"
    rows = build_kke(book)
    edited = load_workbook(book)
    cell = f"E{rows.penilaian['AREN002.2']}"
    edited["PENILAIAN"][cell] = 0.03  # the answer's formula typed over: its values cannot be read
    edited.save(book)
    texts = []
    for lang in ("id", "en"):
        result = run(capsys, "import", "kke", str(book), "-o", str(tmp_path / "v.yaml"), "--lang", lang)
        assert result.code == 2
        text = " ".join((result.out + result.err).split())
        assert f"PENILAIAN!{cell}" in text
        texts.append(text)
    assert "rumus" in texts[0] and "formula" in texts[1] and texts[0] != texts[1]
    assert not (tmp_path / "v.yaml").exists()


def test_inspect_shows_the_kke_layers_and_columns(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    book = tmp_path / "kke.xlsx"
    build_kke(book)
    variant = _import(capsys, book, tmp_path / "variant.yaml")
    data = json.loads(run(capsys, "inspect", str(book), "--worksheet", str(variant), "--format", "json").out)
    assert data["format"] == "kke" and data["sheet"] == "PENILAIAN" and data["header_row"] == 4
    assert [(x["name"], x["header"], x["answer"], x["value"]) for x in data["layers"]] == [
        (lid, header, a, v)
        for lid, header, a, v in zip(
            LAYER_IDS, KKE_LAYERS, KkeRows.answer_cols, KkeRows.value_cols, strict=True
        )
    ]
    assert data["missing"] == []
