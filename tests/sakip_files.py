"""SAKIP files as instansi hold them (docs/domain.md §7, "Files instansi hold"), built with openpyxl, never
with pmprb's own writer:

- `build_kke`: a Pemda Inspektorat's KKE with live formulas: RESUME (components A-D, sub-components
  with weights as fractions of 1, values pulled from PENILAIAN by code with VLOOKUP), PENILAIAN (a code
  per criterion such as AREN001.1, the required documents under it answered Y/T, graded criteria
  A/B/C/D = 1 / 0.66 / 0.33 / 0 by IF formulas, criterion weight = sub-component weight / criteria,
  document weight = criterion weight / documents, unanswered cells holding the option list "Y/T",
  four layers) and BUKTI DUKUNG.
- `build_export`: an evaluation application's export: one sheet, values only, both layers side by side.

The specs are plain data so that tests compute the expected figures by hand from the same answers."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

# --- the KKE ---------------------------------------------------------------------------------------

KKE_LAYERS = ("PENILAIAN MANDIRI OPD", "VERIFIKASI", "PENJAMINAN KUALITAS", "NILAI AKHIR")
GRADE_VALUES = {"A": Fraction(1), "B": Fraction("0.66"), "C": Fraction("0.33"), "D": Fraction(0)}
YT_VALUES = {"Y": Fraction(1), "T": Fraction(0)}


@dataclass
class KkeCriterion:
    code: str
    text: str
    documents: list[str] = field(default_factory=list)  # empty: a graded criterion (A/B/C/D)

    @property
    def graded(self) -> bool:
        return not self.documents


@dataclass
class KkeSub:
    code: str
    title: str
    weight: str  # as the RESUME shows it, a fraction of 1 ("0.06")
    criteria: list[KkeCriterion]


@dataclass
class KkeComponent:
    letter: str
    code: str
    title: str
    subs: list[KkeSub]

    @property
    def weight(self) -> Fraction:
        return sum((Fraction(s.weight) for s in self.subs), Fraction(0))


def _c(code: str, text: str, *docs: str) -> KkeCriterion:
    return KkeCriterion(code, text, list(docs))


def kke_tree() -> list[KkeComponent]:
    """A KKE shaped like a kabupaten's: Pemenuhan criteria split into documents, Kualitas and
    Pemanfaatan graded, Evaluasi internal with a fourth sub-component (Capaian) and its own weights."""
    return [
        KkeComponent(
            "A",
            "AREN",
            "PERENCANAAN KINERJA",
            [
                KkeSub(
                    "AREN001",
                    "Pemenuhan",
                    "0.06",
                    [
                        _c(
                            "AREN001.1", "Terdapat dokumen perencanaan kinerja jangka menengah", "Renstra OPD"
                        ),
                        _c(
                            "AREN001.2",
                            "Terdapat dokumen perencanaan kinerja jangka pendek",
                            "Renja OPD",
                            "DPA OPD",
                        ),
                        _c(
                            "AREN001.3",
                            "Terdapat dokumen perjanjian kinerja",
                            "Perjanjian Kinerja Kepala OPD",
                            "Perjanjian Kinerja Eselon III",
                            "Perjanjian Kinerja Eselon IV",
                        ),
                    ],
                ),
                KkeSub(
                    "AREN002",
                    "Kualitas",
                    "0.09",
                    [
                        _c("AREN002.1", "Dokumen perencanaan kinerja telah diformalkan"),
                        _c("AREN002.2", "Dokumen perencanaan kinerja telah dipublikasikan tepat waktu"),
                        _c("AREN002.3", "Indikator kinerja utama telah berorientasi hasil"),
                    ],
                ),
                KkeSub(
                    "AREN003",
                    "Pemanfaatan",
                    "0.15",
                    [
                        _c("AREN003.1", "Anggaran yang ditetapkan telah mengacu pada kinerja"),
                        _c("AREN003.2", "Setiap unit memahami dan peduli atas target kinerja"),
                    ],
                ),
            ],
        ),
        KkeComponent(
            "B",
            "AUKR",
            "PENGUKURAN KINERJA",
            [
                KkeSub(
                    "AUKR001",
                    "Pemenuhan",
                    "0.06",
                    [
                        _c(
                            "AUKR001.1",
                            "Terdapat pedoman teknis pengukuran kinerja",
                            "SK Pedoman Pengukuran",
                            "SOP Pengumpulan Data",
                        ),
                        _c("AUKR001.2", "Terdapat definisi operasional indikator kinerja", "Manual IKU"),
                    ],
                ),
                KkeSub(
                    "AUKR002",
                    "Kualitas",
                    "0.09",
                    [
                        _c("AUKR002.1", "Pengukuran kinerja telah dilakukan secara berjenjang"),
                        _c("AUKR002.2", "Pengukuran kinerja telah menggunakan teknologi informasi"),
                    ],
                ),
                KkeSub(
                    "AUKR003",
                    "Pemanfaatan",
                    "0.15",
                    [
                        _c("AUKR003.1", "Hasil pengukuran kinerja dijadikan dasar pemberian penghargaan"),
                        _c("AUKR003.2", "Hasil pengukuran kinerja digunakan untuk penyesuaian strategi"),
                        _c("AUKR003.3", "Hasil pengukuran kinerja mempengaruhi penyesuaian anggaran"),
                    ],
                ),
            ],
        ),
        KkeComponent(
            "C",
            "ALAP",
            "PELAPORAN KINERJA",
            [
                KkeSub(
                    "ALAP001",
                    "Pemenuhan",
                    "0.03",
                    [
                        _c(
                            "ALAP001.1",
                            "Terdapat laporan kinerja",
                            "LKjIP tahun lalu",
                            "Bukti penyampaian LKjIP",
                        )
                    ],
                ),
                KkeSub(
                    "ALAP002",
                    "Kualitas",
                    "0.045",
                    [
                        _c("ALAP002.1", "Laporan kinerja disusun tepat waktu"),
                        _c("ALAP002.2", "Laporan kinerja menyajikan pembandingan data kinerja"),
                    ],
                ),
                KkeSub(
                    "ALAP003",
                    "Pemanfaatan",
                    "0.075",
                    [
                        _c(
                            "ALAP003.1",
                            "Informasi dalam laporan kinerja digunakan untuk perbaikan perencanaan",
                        )
                    ],
                ),
            ],
        ),
        KkeComponent(
            "D",
            "AEVA",
            "EVALUASI AKUNTABILITAS KINERJA INTERNAL",
            [
                KkeSub(
                    "AEVA001",
                    "Pemenuhan",
                    "0.04",
                    [
                        _c(
                            "AEVA001.1",
                            "Terdapat pedoman teknis evaluasi internal",
                            "Pedoman evaluasi",
                            "SK Tim evaluasi",
                        )
                    ],
                ),
                KkeSub(
                    "AEVA002",
                    "Kualitas",
                    "0.06",
                    [
                        _c("AEVA002.1", "Evaluasi internal dilaksanakan secara berjenjang"),
                        _c("AEVA002.2", "Evaluasi internal memberikan rekomendasi perbaikan"),
                    ],
                ),
                KkeSub(
                    "AEVA003",
                    "Pemanfaatan",
                    "0.10",
                    [_c("AEVA003.1", "Rekomendasi hasil evaluasi telah ditindaklanjuti")],
                ),
                KkeSub(
                    "AEVA004",
                    "Capaian",
                    "0.05",
                    [_c("AEVA004.1", "Capaian kinerja OPD meningkat dibanding tahun lalu")],
                ),
            ],
        ),
    ]


KkeAnswers = dict[str, dict[str, str | None]]  # layer header -> item key -> answer (None: "Y/T" left)


def kke_items(tree: list[KkeComponent]) -> list[tuple[str, bool]]:
    """Every answer cell's key, in sheet order: `CODE` for a graded criterion, `CODE#k` for its k-th
    document (1-based); with whether it is graded."""
    out: list[tuple[str, bool]] = []
    for comp in tree:
        for sub in comp.subs:
            for crit in sub.criteria:
                if crit.graded:
                    out.append((crit.code, True))
                else:
                    out.extend((f"{crit.code}#{k}", False) for k in range(1, len(crit.documents) + 1))
    return out


def random_kke_answers(rng: random.Random, tree: list[KkeComponent], blank: float = 0.1) -> KkeAnswers:
    out: KkeAnswers = {}
    for layer in KKE_LAYERS:
        answers: dict[str, str | None] = {}
        for key, graded in kke_items(tree):
            if rng.random() < blank:
                answers[key] = None
            else:
                answers[key] = rng.choice("ABCD") if graded else rng.choice("YT")
        out[layer] = answers
    return out


def kke_expected(tree: list[KkeComponent], answers: dict[str, str | None]) -> dict[str, Fraction]:
    """By hand (docs/domain.md §7): document = criterion weight / documents if Y; graded = value x criterion
    weight; sub-component = sum; component = sum; total. Figures in the workbook's units (fractions of 1)."""
    out: dict[str, Fraction] = {}
    total = Fraction(0)
    for comp in tree:
        comp_sum = Fraction(0)
        for sub in comp.subs:
            crit_weight = Fraction(sub.weight) / len(sub.criteria)
            sub_sum = Fraction(0)
            for crit in sub.criteria:
                if crit.graded:
                    value = GRADE_VALUES.get(answers.get(crit.code) or "", Fraction(0)) * crit_weight
                else:
                    doc_weight = crit_weight / len(crit.documents)
                    value = Fraction(0)
                    for k in range(1, len(crit.documents) + 1):
                        answer = answers.get(f"{crit.code}#{k}")
                        value += YT_VALUES.get(answer or "", Fraction(0)) * doc_weight
                out[crit.code] = value
                sub_sum += value
            out[sub.code] = sub_sum
            comp_sum += sub_sum
        out[comp.code] = comp_sum
        total += comp_sum
    out["total"] = total
    return out


@dataclass
class KkeRows:
    """Where build_kke put things (1-based rows), for tests that look at cells."""

    penilaian: dict[str, int] = field(default_factory=dict)  # code or CODE#k -> row
    resume: dict[str, int] = field(default_factory=dict)  # component/sub code or "total" -> row
    answer_cols: tuple[str, ...] = ("D", "F", "H", "J")
    value_cols: tuple[str, ...] = ("E", "G", "I", "K")


def build_kke(
    path: Path,
    answers: KkeAnswers | None = None,
    tree: list[KkeComponent] | None = None,
    *,
    opd: str = "Dinas Pendidikan",
) -> KkeRows:
    """The KKE workbook with live formulas (no cached values: recalculate it in LibreOffice)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.datavalidation import DataValidation

    tree = tree or kke_tree()
    answers = answers or {}
    rows = KkeRows()
    book = Workbook()
    resume = book.active
    assert resume is not None
    resume.title = "RESUME"
    pen = book.create_sheet("PENILAIAN")
    bukti = book.create_sheet("BUKTI DUKUNG")

    # PENILAIAN: two header rows, one pair of columns (Jawaban, Nilai) per layer
    pen["A1"] = "KERTAS KERJA EVALUASI (KKE) AKUNTABILITAS KINERJA INSTANSI PEMERINTAH"
    pen["A2"] = f"PERANGKAT DAERAH: {opd.upper()}"
    pen["A1"].font = Font(bold=True)
    pen["A4"], pen["B4"], pen["C4"] = "KODE", "KOMPONEN / SUB KOMPONEN / KRITERIA", "BOBOT"
    for i, layer in enumerate(KKE_LAYERS):
        answer_col, value_col = rows.answer_cols[i], rows.value_cols[i]
        pen[f"{answer_col}4"] = layer
        pen.merge_cells(f"{answer_col}4:{value_col}4")
        pen[f"{answer_col}5"], pen[f"{value_col}5"] = "JAWABAN", "NILAI"
    pen["L4"], pen["M4"] = "CATATAN", "LINK BUKTI DUKUNG"
    for col in "ABC":
        pen.merge_cells(f"{col}4:{col}5")
    yt = DataValidation(type="list", formula1='"Y,T"', allow_blank=True)
    abcd = DataValidation(type="list", formula1='"A,B,C,D"', allow_blank=True)
    pen.add_data_validation(yt)
    pen.add_data_validation(abcd)

    row = 6
    comp_rows: list[int] = []
    for comp in tree:
        comp_row = row
        comp_rows.append(comp_row)
        rows.penilaian[comp.code] = comp_row
        pen[f"A{row}"], pen[f"B{row}"] = comp.code, f"{comp.letter}. {comp.title}"
        pen[f"C{row}"] = float(comp.weight)
        pen[f"A{row}"].font = pen[f"B{row}"].font = Font(bold=True)
        row += 1
        sub_rows: list[int] = []
        for sub in comp.subs:
            sub_row = row
            sub_rows.append(sub_row)
            rows.penilaian[sub.code] = sub_row
            pen[f"A{row}"], pen[f"B{row}"], pen[f"C{row}"] = sub.code, sub.title, float(sub.weight)
            row += 1
            crit_rows: list[int] = []
            for crit in sub.criteria:
                crit_row = row
                crit_rows.append(crit_row)
                rows.penilaian[crit.code] = crit_row
                pen[f"A{row}"], pen[f"B{row}"] = crit.code, crit.text
                pen[f"C{row}"] = f"=C{sub_row}/{len(sub.criteria)}"
                pen[f"B{row}"].alignment = Alignment(wrap_text=True)
                if crit.graded:
                    for i, layer in enumerate(KKE_LAYERS):
                        a, v = rows.answer_cols[i], rows.value_cols[i]
                        given = answers.get(layer, {}).get(crit.code)
                        pen[f"{a}{row}"] = given if given is not None else "A/B/C/D"
                        abcd.add(f"{a}{row}")
                        pen[f"{v}{row}"] = (
                            f'=IF({a}{row}="A",1,IF({a}{row}="B",0.66,IF({a}{row}="C",0.33,0)))*C{row}'
                        )
                    row += 1
                    continue
                first = row + 1
                for k, doc in enumerate(crit.documents, start=1):
                    row += 1
                    rows.penilaian[f"{crit.code}#{k}"] = row
                    pen[f"B{row}"] = f"- {doc}"
                    pen[f"C{row}"] = f"=C{crit_row}/{len(crit.documents)}"
                    for i, layer in enumerate(KKE_LAYERS):
                        a, v = rows.answer_cols[i], rows.value_cols[i]
                        given = answers.get(layer, {}).get(f"{crit.code}#{k}")
                        pen[f"{a}{row}"] = given if given is not None else "Y/T"
                        yt.add(f"{a}{row}")
                        pen[f"{v}{row}"] = f'=IF({a}{row}="Y",C{row},0)'
                for v in rows.value_cols:
                    pen[f"{v}{crit_row}"] = f"=SUM({v}{first}:{v}{row})"
                row += 1
            for v in rows.value_cols:
                pen[f"{v}{sub_row}"] = "=" + "+".join(f"{v}{r}" for r in crit_rows)
        for v in rows.value_cols:
            pen[f"{v}{comp_row}"] = "=" + "+".join(f"{v}{r}" for r in sub_rows)
    rows.penilaian["total"] = row
    pen[f"B{row}"] = "NILAI AKIP"
    pen[f"C{row}"] = f"=SUM({','.join(f'C{r}' for r in comp_rows)})"
    for v in rows.value_cols:
        pen[f"{v}{row}"] = f"=SUM({','.join(f'{v}{r}' for r in comp_rows)})"
    pen.column_dimensions["B"].width = 60

    # RESUME: the tree and its weights; each layer's value looked up from PENILAIAN by code
    resume["A1"] = "RESUME HASIL EVALUASI AKIP PERANGKAT DAERAH"
    resume["A2"] = opd
    header = [
        "NO",
        "KOMPONEN / SUB KOMPONEN",
        "KODE",
        "BOBOT",
        "MANDIRI",
        "VERIFIKASI",
        "PENJAMINAN KUALITAS",
    ]
    for i, text in enumerate([*header, "AKHIR"]):
        resume.cell(row=4, column=i + 1, value=text)
    lookup_cols = [5, 7, 9, 11]  # E, G, I, K of PENILAIAN
    r = 5
    resume_comp_rows: list[int] = []
    for comp in tree:
        comp_row = r
        resume_comp_rows.append(r)
        rows.resume[comp.code] = r
        resume[f"A{r}"], resume[f"B{r}"], resume[f"C{r}"] = comp.letter, comp.title.title(), comp.code
        r += 1
        first = r
        for n, sub in enumerate(comp.subs, start=1):
            rows.resume[sub.code] = r
            resume[f"A{r}"], resume[f"B{r}"], resume[f"C{r}"] = n, sub.title, sub.code
            resume[f"D{r}"] = float(sub.weight)
            for i, col in enumerate("EFGH"):
                resume[f"{col}{r}"] = f"=VLOOKUP($C{r},PENILAIAN!$A$1:$M$500,{lookup_cols[i]},FALSE)"
            r += 1
        for col in "DEFGH":
            resume[f"{col}{comp_row}"] = f"=SUM({col}{first}:{col}{r - 1})"
    rows.resume["total"] = r
    resume[f"B{r}"] = "NILAI AKIP"
    for col in "DEFGH":
        resume[f"{col}{r}"] = f"=SUM({','.join(f'{col}{x}' for x in resume_comp_rows)})"
    resume[f"B{r + 1}"] = "NILAI AKIP (SKALA 100)"
    for col in "EFGH":
        resume[f"{col}{r + 1}"] = f"={col}{r}*100"

    # BUKTI DUKUNG: the documents with a place for their links
    bukti.append(["KODE", "DOKUMEN", "TAUTAN"])
    for comp in tree:
        for sub in comp.subs:
            for crit in sub.criteria:
                for doc in crit.documents:
                    bukti.append([crit.code, doc, None])
    book.save(path)
    return rows


# --- the evaluation application's export -----------------------------------------------------------

EXPORT_LAYERS = ("PENILAIAN MANDIRI UNIT KERJA", "EVALUASI APIP")
EXPORT_SUBHEADERS = (
    "%TASE",
    "NILAI",
    "JAWABAN ANTARA ATAS PEMENUHAN KRITERIA",
    "JAWABAN AKHIR",
    "NILAI AKIP",
    "%",
    "KETERANGAN",
)
UNIT_VALUES = {"Ya": 100, "Tidak": 0}
APIP_VALUES = {"A": 100, "B": 50}  # as observed in the real file (docs/domain.md §7)
GRADES = {"AA": 100, "A": 90, "BB": 80, "B": 70, "CC": 60, "C": 50, "D": 30, "E": 0}


def ladder(percent: Fraction) -> str:
    """The grade the share met gives when nothing is flagged maintained (docs/domain.md §7)."""
    if percent >= 100:
        return "BB"
    if percent > 75:
        return "B"
    if percent > 50:
        return "CC"
    if percent > 25:
        return "C"
    if percent > 0:
        return "D"
    return "E"


@dataclass
class ExportSub:
    code: str  # "1.a"
    title: str
    weight: Fraction
    criteria: list[tuple[str, str]]  # (code as the worksheet has it, text)


@dataclass
class ExportComponent:
    number: str
    title: str
    subs: list[ExportSub]


@dataclass
class ExportLayer:
    answers: dict[str, str]  # criterion code -> answer (absent: the row is missing or empty)
    grades: dict[str, str] = field(default_factory=dict)  # sub code -> stored intermediate grade
    final: dict[str, str] = field(default_factory=dict)  # sub code -> JAWABAN AKHIR
    show_grades: bool = True  # False: grade columns empty


def export_tree_from_worksheet(worksheet: Any) -> list[ExportComponent]:
    """The export's rows as the application prints them for a worksheet with grade items (sakip-2021):
    components 1-4, sub-components 1.a ..., their criteria (not the flags nor the direct grade)."""
    from pmprb.model import GradeItem

    out: list[ExportComponent] = []
    for comp in worksheet.nodes:
        subs = []
        for sub in comp.children:
            item = next(c for c in sub.computed if isinstance(c, GradeItem))
            criteria = [(q, worksheet.questions[q].text) for q in item.criteria]
            subs.append(ExportSub(sub.id, sub.title, Fraction(sub.weight), criteria))
        out.append(ExportComponent(comp.id, comp.title, subs))
    return out


def export_tree_from_csv(csv_path: Path) -> list[ExportComponent]:
    import csv

    comps: dict[str, ExportComponent] = {}
    with csv_path.open(encoding="utf-8") as fh:
        for rec in csv.DictReader(fh):
            number, letter, _ = rec["code"].split(".")
            comp = comps.setdefault(number, ExportComponent(number, rec["komponen"], []))
            sub_code = f"{number}.{letter}"
            if not comp.subs or comp.subs[-1].code != sub_code:
                comp.subs.append(ExportSub(sub_code, rec["sub_komponen"], Fraction(rec["bobot_sub"]), []))
            comp.subs[-1].criteria.append((rec["code"], rec["kriteria"]))
    return list(comps.values())


def export_expected(
    tree: list[ExportComponent], layer: ExportLayer, values: dict[str, int]
) -> dict[str, Any]:
    """By hand: fulfilment % = mean of the criteria's values (a missing criterion counts 0), grade by
    the ladder unless a grade is stored (the assessor's), value = grade / 100 x weight."""
    out: dict[str, Any] = {}
    total = Fraction(0)
    for comp in tree:
        comp_sum = Fraction(0)
        for sub in comp.subs:
            got = [Fraction(values.get(layer.answers.get(code, ""), 0)) for code, _ in sub.criteria]
            percent = sum(got, Fraction(0)) / len(got)
            derived = ladder(percent)
            grade = layer.final.get(sub.code) or layer.grades.get(sub.code) or derived
            value = Fraction(GRADES[grade], 100) * sub.weight
            out[sub.code] = {"percent": percent, "derived": derived, "grade": grade, "value": value}
            comp_sum += value
        out[comp.number] = comp_sum
        total += comp_sum
    out["total"] = total
    return out


def build_export(
    path: Path,
    tree: list[ExportComponent],
    unit: ExportLayer,
    apip: ExportLayer,
    *,
    drop: tuple[str, ...] = (),
    stored: dict[tuple[str, str], Any] | None = None,
    sheet: str = "Sheet1",
    leading_rows: int = 0,
) -> dict[str, int]:
    """The export: values only (what the application computed, written as numbers). `drop` leaves
    criteria rows out; `stored[(layer index, key)]` overrides a stored figure (to plant a disagreement).
    Returns code -> 1-based row."""
    from openpyxl import Workbook

    stored = stored or {}
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = sheet
    top = 1 + leading_rows
    ws.cell(row=top, column=1, value="LEMBAR KERJA EVALUASI AKUNTABILITAS KINERJA INSTANSI PEMERINTAH")
    ws.cell(row=top + 1, column=1, value="UNIT KERJA: BIRO PERENCANAAN")
    h1, h2 = top + 3, top + 4
    ws.cell(row=h1, column=1, value="NO")
    ws.cell(row=h1, column=2, value="KOMPONEN/ SUBKOMPONEN/ KRITERIA")
    ws.cell(row=h1, column=3, value="BOBOT")
    starts = (4, 4 + len(EXPORT_SUBHEADERS))
    for start, name in zip(starts, EXPORT_LAYERS, strict=True):
        ws.cell(row=h1, column=start, value=name)
        ws.merge_cells(
            start_row=h1, start_column=start, end_row=h1, end_column=start + len(EXPORT_SUBHEADERS) - 1
        )
        for k, text in enumerate(EXPORT_SUBHEADERS):
            ws.cell(row=h2, column=start + k, value=text)
    after = starts[1] + len(EXPORT_SUBHEADERS)
    ws.cell(row=h1, column=after, value="CATATAN EVALUATOR")
    ws.cell(row=h1, column=after + 1, value="REKOMENDASI EVALUATOR")
    layers = ((unit, UNIT_VALUES), (apip, APIP_VALUES))
    expected = [export_expected(tree, layer, values) for layer, values in layers]
    where: dict[str, int] = {}

    def put(r: int, li: int, offset: int, key: str, value: Any) -> None:
        value = stored.get((str(li), key), value)
        if value is not None:
            ws.cell(row=r, column=starts[li] + offset, value=value)

    r = h2 + 1
    where["total"] = r
    ws.cell(row=r, column=2, value="NILAI AKUNTABILITAS KINERJA")
    ws.cell(row=r, column=3, value=100)
    for li in range(2):
        put(r, li, 4, "total", round(float(expected[li]["total"]), 2))
    r += 1
    for comp in tree:
        where[comp.number] = r
        ws.cell(row=r, column=1, value=comp.number)
        ws.cell(row=r, column=2, value=comp.title)
        ws.cell(row=r, column=3, value=float(sum((s.weight for s in comp.subs), Fraction(0))))
        for li in range(2):
            put(r, li, 4, comp.number, round(float(expected[li][comp.number]), 2))
        r += 1
        for sub in comp.subs:
            where[sub.code] = r
            ws.cell(row=r, column=1, value=sub.code)
            ws.cell(row=r, column=2, value=sub.title)
            ws.cell(row=r, column=3, value=float(sub.weight))
            for li, (layer, _) in enumerate(layers):
                e = expected[li][sub.code]
                put(r, li, 0, f"{sub.code}%", round(float(e["percent"]), 2))
                if layer.show_grades:
                    stored_grade = layer.grades.get(sub.code) or e["derived"]
                    put(r, li, 1, f"{sub.code}n", GRADES[stored_grade])
                    put(r, li, 2, f"{sub.code}g", stored_grade)
                    put(r, li, 3, f"{sub.code}f", layer.final.get(sub.code))
                put(r, li, 4, sub.code, round(float(e["value"]), 2))
                put(r, li, 5, f"{sub.code}p", round(float(e["value"] / sub.weight * 100), 2))
            r += 1
            for n, (code, text) in enumerate(sub.criteria, start=1):
                if code in drop:
                    continue
                where[code] = r
                ws.cell(row=r, column=1, value=f"{n})")
                ws.cell(row=r, column=2, value=text)
                for li, (layer, values) in enumerate(layers):
                    answer = layer.answers.get(code)
                    if answer is None:
                        continue
                    put(r, li, 1, f"{code}n", values.get(answer))
                    put(r, li, 2, f"{code}a", answer)
                r += 1
    book.save(path)
    return where
