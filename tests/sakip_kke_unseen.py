"""Two KKE workbooks built independently of `sakip_files.build_kke` (written after the reader, to
measure it on layouts it was not developed against): other column orders, title rows and blank rows
between sections, merged text and header cells, three or four layers, Nilai before Jawaban, other
codes and criteria. Each returns the cells of its own figures, for the workbook-as-oracle test."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

# (component code, title, [(sub code, title, weight, [(criterion, [documents] or None)])])
KOTA = [
    (
        "PRC",
        "Perencanaan Kinerja",
        [
            (
                "PRC01",
                "Pemenuhan Perencanaan",
                "0.06",
                [
                    ("Renstra telah ditetapkan", ["SK Renstra", "Reviu Renstra"]),
                    ("Renja telah ditetapkan", ["Renja"]),
                    ("PK telah disusun", ["PK Kepala", "PK Sekretaris"]),
                ],
            ),
            (
                "PRC02",
                "Kualitas Perencanaan",
                "0.09",
                [("Sasaran berorientasi hasil", None), ("Indikator SMART", None)],
            ),
            ("PRC03", "Pemanfaatan Perencanaan", "0.15", [("Renstra menjadi acuan", None)]),
        ],
    ),
    (
        "UKR",
        "Pengukuran Kinerja",
        [
            ("UKR01", "Pemenuhan Pengukuran", "0.06", [("Ada pedoman pengukuran", ["Pedoman", "SOP"])]),
            (
                "UKR02",
                "Kualitas Pengukuran",
                "0.09",
                [
                    ("Pengukuran berjenjang", None),
                    ("Data kinerja andal", None),
                    ("Pengukuran memakai TI", None),
                ],
            ),
            (
                "UKR03",
                "Pemanfaatan Pengukuran",
                "0.15",
                [("Hasil untuk reward", ["SK Penghargaan"]), ("Hasil untuk perbaikan", None)],
            ),
        ],
    ),
    (
        "LAP",
        "Pelaporan Kinerja",
        [
            ("LAP01", "Pemenuhan Pelaporan", "0.03", [("LKjIP disusun", ["LKjIP", "Tanda terima"])]),
            ("LAP02", "Kualitas Pelaporan", "0.045", [("LKjIP tepat waktu", None)]),
            (
                "LAP03",
                "Pemanfaatan Pelaporan",
                "0.075",
                [("LKjIP untuk perbaikan", None), ("LKjIP dipublikasikan", ["Tautan situs"])],
            ),
        ],
    ),
    (
        "EVL",
        "Evaluasi Akuntabilitas Kinerja Internal",
        [
            ("EVL01", "Pemenuhan Evaluasi", "0.05", [("Ada evaluasi program", ["Laporan evaluasi"])]),
            ("EVL02", "Kualitas Evaluasi", "0.075", [("Evaluasi memberi rekomendasi", None)]),
            (
                "EVL03",
                "Pemanfaatan Evaluasi",
                "0.125",
                [("Rekomendasi ditindaklanjuti", None), ("Perbaikan tercatat", ["Matriks TL"])],
            ),
        ],
    ),
]


@dataclass
class Built:
    path: Path
    layers: list[str]  # layer ids as pmprb names them, in order
    figures: dict[str, dict[str, str]] = field(default_factory=dict)  # layer -> code -> cell (sheet!ref)
    answers: dict[str, dict[str, str | None]] = field(default_factory=dict)


def _answer(rng: random.Random, graded: bool) -> str | None:
    if rng.random() < 0.15:
        return None
    return rng.choice("ABCD") if graded else rng.choice("YT")


def build_kabupaten(path: Path, rng: random.Random) -> Built:
    """Four layers; NO | KODE | criterion text merged over C:E | BOBOT; each layer Jawaban then Nilai,
    a CATATAN column between layers; blank rows between components; criterion and document numbers
    in the NO column; RESUME with BOBOT before KODE."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    layer_names = ["PENILAIAN MANDIRI", "VERIFIKASI INSPEKTORAT", "QUALITY ASSURANCE", "NILAI FINAL"]
    layer_ids = ["unit", "verifikasi_inspektorat", "quality_assurance", "final"]
    book = Workbook()
    resume = book.active
    assert resume is not None
    resume.title = "RESUME"
    pen = book.create_sheet("PENILAIAN")
    book.create_sheet("BUKTI DUKUNG")["A1"] = "DAFTAR BUKTI DUKUNG"
    for r, text in enumerate(
        [
            "PEMERINTAH KABUPATEN CONTOH",
            "INSPEKTORAT DAERAH",
            "KERTAS KERJA EVALUASI SAKIP TAHUN 2024",
            "OPD: DINAS X",
        ],
        start=1,
    ):
        pen.cell(row=r, column=1, value=text)
        pen.merge_cells(start_row=r, start_column=1, end_row=r, end_column=10)
    head = 6
    pen.cell(row=head, column=1, value="NO")
    pen.cell(row=head, column=2, value="KODE")
    pen.cell(row=head, column=3, value="KOMPONEN/SUB KOMPONEN/KRITERIA")
    pen.merge_cells(start_row=head, start_column=3, end_row=head + 1, end_column=5)
    pen.cell(row=head, column=6, value="BOBOT")
    cols: list[tuple[int, int]] = []
    c = 7
    for i, name in enumerate(layer_names):
        pen.cell(row=head, column=c, value=name)
        pen.merge_cells(start_row=head, start_column=c, end_row=head, end_column=c + 1)
        pen.cell(row=head + 1, column=c, value="Jawaban")
        pen.cell(row=head + 1, column=c + 1, value="Nilai")
        cols.append((c, c + 1))
        c += 2
        if i == 0:
            pen.cell(row=head, column=c, value="CATATAN OPD")
            c += 1
    pen.cell(row=head, column=c, value="CATATAN EVALUATOR")
    built = Built(path, layer_ids)
    for lid in layer_ids:
        built.figures[lid] = {}
        built.answers[lid] = {}
    L = get_column_letter
    r = head + 2
    comp_rows = []
    for comp_code, comp_title, subs in KOTA:
        r += 1  # a blank row before each component
        comp_row = r
        comp_rows.append(r)
        pen.cell(row=r, column=2, value=comp_code)
        pen.cell(row=r, column=3, value=comp_title.upper())
        pen.merge_cells(start_row=r, start_column=3, end_row=r, end_column=5)
        r += 1
        sub_rows = []
        for n, (sub_code, sub_title, weight, criteria) in enumerate(subs, start=1):
            sub_row = r
            sub_rows.append(r)
            pen.cell(row=r, column=1, value=n)
            pen.cell(row=r, column=2, value=sub_code)
            pen.cell(row=r, column=3, value=sub_title)
            pen.merge_cells(start_row=r, start_column=3, end_row=r, end_column=5)
            pen.cell(row=r, column=6, value=float(weight))
            r += 1
            crit_rows = []
            for k, (text, docs) in enumerate(criteria, start=1):
                code = f"{sub_code}.{k}"
                crit_row = r
                crit_rows.append(r)
                pen.cell(row=r, column=1, value=f"{k}.")
                pen.cell(row=r, column=2, value=code)
                pen.cell(row=r, column=3, value=text)
                pen.merge_cells(start_row=r, start_column=3, end_row=r, end_column=5)
                pen.cell(row=r, column=6, value=f"=$F${sub_row}/{len(criteria)}")
                if docs is None:
                    for i, (a, v) in enumerate(cols):
                        ans = _answer(rng, True)
                        built.answers[layer_ids[i]][code] = ans
                        pen.cell(row=r, column=a, value=ans or "A/B/C/D")
                        ref = f"{L(a)}{r}"
                        pen.cell(
                            row=r,
                            column=v,
                            value=f'=IF({ref}="A",1,IF({ref}="B",0.66,IF({ref}="C",0.33,IF({ref}="D",0,0))))*F{r}',
                        )
                    r += 1
                    continue
                first = r + 1
                for j, doc in enumerate(docs, start=1):
                    r += 1
                    pen.cell(row=r, column=1, value=f"{'abcdefgh'[j - 1]}.")
                    pen.cell(row=r, column=3, value=doc)
                    pen.merge_cells(start_row=r, start_column=3, end_row=r, end_column=5)
                    pen.cell(row=r, column=6, value=f"=F{crit_row}/{len(docs)}")
                    for i, (a, v) in enumerate(cols):
                        ans = _answer(rng, False)
                        built.answers[layer_ids[i]][f"{code}#{j}"] = ans
                        pen.cell(row=r, column=a, value=ans or "Y/T")
                        pen.cell(row=r, column=v, value=f'=IF({L(a)}{r}="Y",$F{r},0)')
                for _a, v in cols:
                    pen.cell(row=crit_row, column=v, value=f"=SUM({L(v)}{first}:{L(v)}{r})")
                r += 1
            for i, (_a, v) in enumerate(cols):
                pen.cell(row=sub_row, column=v, value=f"=SUM({','.join(f'{L(v)}{x}' for x in crit_rows)})")
                built.figures[layer_ids[i]][sub_code] = f"PENILAIAN!{L(v)}{sub_row}"
                for k, x in enumerate(crit_rows, start=1):
                    built.figures[layer_ids[i]][f"{sub_code}.{k}"] = f"PENILAIAN!{L(v)}{x}"
        for i, (_a, v) in enumerate(cols):
            pen.cell(row=comp_row, column=v, value=f"=SUM({','.join(f'{L(v)}{x}' for x in sub_rows)})")
            built.figures[layer_ids[i]][comp_code] = f"PENILAIAN!{L(v)}{comp_row}"
    r += 2
    pen.cell(row=r, column=3, value="NILAI AKIP")
    for i, (_a, v) in enumerate(cols):
        pen.cell(row=r, column=v, value=f"=SUM({','.join(f'{L(v)}{x}' for x in comp_rows)})")
        built.figures[layer_ids[i]]["total"] = f"PENILAIAN!{L(v)}{r}"
    # RESUME: NO | KOMPONEN | BOBOT | KODE | one column per layer
    resume["A1"] = "RESUME NILAI EVALUASI AKIP"
    resume.append([])
    resume.append(["NO", "KOMPONEN", "BOBOT", "KODE", "OPD", "VERIFIKASI", "QA", "FINAL"])
    value_of = [cols[i][1] for i in range(4)]
    rr = 4
    total_rows = []
    for letter, (comp_code, comp_title, subs) in zip("ABCD", KOTA, strict=True):
        comp_r = rr
        total_rows.append(rr)
        resume.cell(row=rr, column=1, value=letter)
        resume.cell(row=rr, column=2, value=comp_title)
        resume.cell(row=rr, column=4, value=comp_code)
        rr += 1
        for n, (sub_code, sub_title, weight, _c) in enumerate(subs, start=1):
            resume.cell(row=rr, column=1, value=n)
            resume.cell(row=rr, column=2, value=sub_title)
            resume.cell(row=rr, column=3, value=float(weight))
            resume.cell(row=rr, column=4, value=sub_code)
            for i in range(4):
                resume.cell(
                    row=rr, column=5 + i, value=f"=VLOOKUP($D{rr},PENILAIAN!$B:$T,{value_of[i] - 1},FALSE)"
                )
            rr += 1
        for col in range(3, 9):
            if col == 4:
                continue
            resume.cell(row=comp_r, column=col, value=f"=SUM({L(col)}{comp_r + 1}:{L(col)}{rr - 1})")
    resume.cell(row=rr, column=2, value="NILAI AKIP")
    for col in (3, 5, 6, 7, 8):
        resume.cell(row=rr, column=col, value=f"=SUM({','.join(f'{L(col)}{x}' for x in total_rows)})")
    book.save(path)
    return built


def build_kota(path: Path, rng: random.Random) -> Built:
    """Three layers, each Nilai then Jawaban; KODE | URAIAN | BOBOT; a two-row title block; empty rows
    between sub-components; the document's text indented with "•"; RESUME: KODE | URAIAN | BOBOT."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter as L

    names = ["HASIL PENILAIAN OPD", "HASIL VERIFIKASI", "NILAI AKHIR"]
    ids = ["unit", "verifikasi", "akhir"]
    book = Workbook()
    pen = book.active
    assert pen is not None
    pen.title = "PENILAIAN"
    resume = book.create_sheet("RESUME", 0)
    book.create_sheet("BUKTI DUKUNG")
    pen["A1"] = "LEMBAR KERJA EVALUASI AKIP 2025"
    pen["A2"] = "Perangkat Daerah: Badan Y"
    pen["A4"], pen["B4"], pen["C4"] = "KODE", "URAIAN", "BOBOT"
    cols = []
    c = 4
    for name in names:
        pen.cell(row=4, column=c, value=name)
        pen.merge_cells(start_row=4, start_column=c, end_row=4, end_column=c + 1)
        pen.cell(row=5, column=c, value="NILAI")
        pen.cell(row=5, column=c + 1, value="JAWABAN")
        cols.append((c + 1, c))  # (answer, value)
        c += 2
    pen.cell(row=4, column=c, value="KETERANGAN")
    built = Built(path, ids)
    for lid in ids:
        built.figures[lid] = {}
        built.answers[lid] = {}
    r = 6
    comp_rows = []
    for comp_code, comp_title, subs in KOTA:
        comp_row = r
        comp_rows.append(r)
        pen.cell(row=r, column=1, value=comp_code)
        pen.cell(row=r, column=2, value=comp_title)
        r += 1
        sub_rows = []
        for sub_code, sub_title, weight, criteria in subs:
            sub_row = r
            sub_rows.append(r)
            pen.cell(row=r, column=1, value=sub_code)
            pen.cell(row=r, column=2, value=sub_title)
            pen.cell(row=r, column=3, value=float(weight))
            r += 1
            crit_rows = []
            for k, (text, docs) in enumerate(criteria, start=1):
                code = f"{sub_code}.{k}"
                crit_row = r
                crit_rows.append((code, r))
                pen.cell(row=r, column=1, value=code)
                pen.cell(row=r, column=2, value=text)
                pen.cell(row=r, column=3, value=f"=C{sub_row}/{len(criteria)}")
                if docs is None:
                    for i, (a, v) in enumerate(cols):
                        ans = _answer(rng, True)
                        built.answers[ids[i]][code] = ans
                        pen.cell(row=r, column=a, value=ans or "A/B/C/D")
                        ref = f"{L(a)}{r}"
                        pen.cell(
                            row=r,
                            column=v,
                            value=f'=C{r}*IF({ref}="A",1,IF({ref}="B",0.66,IF({ref}="C",0.33,0)))',
                        )
                    r += 1
                    continue
                first = r + 1
                for j, doc in enumerate(docs, start=1):
                    r += 1
                    pen.cell(row=r, column=2, value=f"• {doc}")
                    pen.cell(row=r, column=3, value=f"=C{crit_row}/{len(docs)}")
                    for i, (a, v) in enumerate(cols):
                        ans = _answer(rng, False)
                        built.answers[ids[i]][f"{code}#{j}"] = ans
                        pen.cell(row=r, column=a, value=ans or "Y/T")
                        pen.cell(row=r, column=v, value=f'=IF({L(a)}{r}="Y",C{r},0)')
                for _a, v in cols:
                    pen.cell(row=crit_row, column=v, value=f"=SUM({L(v)}{first}:{L(v)}{r})")
                r += 1
            r += 1  # an empty row after each sub-component
            for i, (_a, v) in enumerate(cols):
                pen.cell(row=sub_row, column=v, value=f"=SUM({L(v)}{sub_row + 1}:{L(v)}{r - 1})")
                built.figures[ids[i]][sub_code] = f"PENILAIAN!{L(v)}{sub_row}"
                for code, x in crit_rows:
                    built.figures[ids[i]][code] = f"PENILAIAN!{L(v)}{x}"
        for i, (_a, v) in enumerate(cols):
            pen.cell(row=comp_row, column=v, value=f"=SUM({','.join(f'{L(v)}{x}' for x in sub_rows)})")
            built.figures[ids[i]][comp_code] = f"PENILAIAN!{L(v)}{comp_row}"
    pen.cell(row=r, column=2, value="TOTAL NILAI")
    for i, (_a, v) in enumerate(cols):
        pen.cell(row=r, column=v, value=f"=SUM({','.join(f'{L(v)}{x}' for x in comp_rows)})")
        built.figures[ids[i]]["total"] = f"PENILAIAN!{L(v)}{r}"
    resume["A1"] = "RESUME"
    resume.append([])
    resume.append(["KODE", "URAIAN", "BOBOT", "OPD", "VERIFIKASI", "AKHIR"])
    rr = 4
    for comp_code, comp_title, subs in KOTA:
        resume.cell(row=rr, column=1, value=comp_code)
        resume.cell(row=rr, column=2, value=comp_title)
        comp_r = rr
        rr += 1
        for sub_code, sub_title, weight, _c in subs:
            resume.cell(row=rr, column=1, value=sub_code)
            resume.cell(row=rr, column=2, value=sub_title)
            resume.cell(row=rr, column=3, value=float(weight))
            for i, (_a, v) in enumerate(cols):
                resume.cell(row=rr, column=4 + i, value=f"=VLOOKUP(A{rr},PENILAIAN!A:K,{v},0)")
            rr += 1
        resume.cell(row=comp_r, column=3, value=f"=SUM(C{comp_r + 1}:C{rr - 1})")
    book.save(path)
    return built
