"""`pmprb import kke` and `score` measured on two KKE layouts built after the reader was written
(tests/sakip_kke_unseen.py): other column orders, merged cells, blank rows, three layers, Nilai
before Jawaban. The Kota workbook sums each sub-component over a whole row range, so where a
criterion has documents they count twice: pmprb must explain exactly those figures."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from openpyxl import load_workbook

from pmprb.api import score_layers
from pmprb.catalog import get_worksheet
from pmprb.lint import check_file
from tests.cli_runner import run
from tests.lke_form_helpers import recalculate
from tests.sakip_kke_unseen import KOTA, build_kabupaten, build_kota


def test_unseen_layouts_score_as_their_formulas(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], soffice: str
) -> None:
    built = [
        build_kabupaten(tmp_path / "kab.xlsx", random.Random(7)),
        build_kota(tmp_path / "kota.xlsx", random.Random(8)),
    ]
    recalculated = recalculate(soffice, [b.path for b in built], tmp_path)
    with_documents = {sub for _c, _t, subs in KOTA for sub, _s, _w, crit in subs if any(d for _x, d in crit)}
    for b, path in zip(built, recalculated, strict=True):
        variant = tmp_path / f"{path.stem}-variant.yaml"
        result = run(capsys, "import", "kke", str(path), "-o", str(variant))
        assert result.code == 0, result.out + result.err
        assert check_file(variant).errors == 0
        ws = get_worksheet(str(variant))
        assert list(ws.layers) == b.layers
        results, _ = score_layers(path, str(variant), tuple(ws.layers))
        book = load_workbook(path, data_only=True)
        kota = path.stem == "kota"
        for layer, res in results.items():
            scores = {n.id: n.score for n in res.nodes}
            blanks = sum(1 for v in b.answers[layer].values() if v is None)
            assert sum(1 for q in res.questions.values() if q.status == "missing") == blanks
            disagreeing = set()
            for code, ref in b.figures[layer].items():
                sheet, cell = ref.split("!")
                shown = float(book[sheet][cell].value) * 100
                engine = float(res.total if code == "total" else scores[code])
                if abs(engine - shown) >= 0.01:
                    disagreeing.add(code)
            findings = {
                (p.code, p.location.cell) for p in res.problems if p.code.startswith(("crosscheck", "kke"))
            }
            if not kota:
                assert not disagreeing and not findings
                continue
            # every disagreement lies on the path of a sub-component that counts its documents twice
            assert {c for c in disagreeing if c in with_documents} <= with_documents
            assert all(c == "total" or c[:3] in {s[:3] for s in with_documents} for c in disagreeing)
            meta_rows = {r.code: r.row for r in _layout_rows(path)}
            value_col = {"unit": "D", "verifikasi": "F", "akhir": "H"}[layer]
            assert findings == {("kke.wrong-range", f"{value_col}{meta_rows[s] + 1}") for s in with_documents}


def _layout_rows(path: Path) -> list:
    from pmprb.readers.kke_layout import penilaian_layout
    from pmprb.readers.source import Source

    layout = penilaian_layout(Source.open(path))
    assert layout is not None
    return [r for r in layout.rows if r.code]
