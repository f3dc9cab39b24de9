"""`pmprb report` to HTML: contents, language, escaping, roll-up, improvement plan, usage errors."""

from __future__ import annotations

import datetime
import re
from fractions import Fraction
from html import unescape
from pathlib import Path

import pytest

from pmprb.api import score_file
from pmprb.catalog import get_worksheet
from pmprb.report import Scored, build, render_html
from pmprb.report.improve import opportunities, plan
from tests.cli_runner import run
from tests.report_helpers import DATE, EXAMPLE_JSON, EXAMPLE_XLSX, variant

AREAS = (
    "Manajemen Perubahan",
    "Penataan Tatalaksana",
    "Penataan Sistem Manajemen SDM Aparatur",
    "Penguatan Akuntabilitas",
    "Penguatan Pengawasan",
    "Peningkatan Kualitas Pelayanan Publik",
)


def _worst(soal_ids: range) -> dict[int, str]:
    """The lowest option of each of these questions."""
    worksheet = get_worksheet("zi-2026")
    out = {}
    for soal in soal_ids:
        question = worksheet.question_by_soal_id(soal)
        assert question is not None
        options = worksheet.answer_types[question.type].options
        out[soal] = min(options, key=lambda o: o.value).key
    return out


def _report(capsys: pytest.CaptureFixture[str], out: Path, *args: str) -> str:
    result = run(capsys, "report", *args, "-o", str(out), "--date", DATE)
    assert result.code == 0, result.err
    return out.read_text(encoding="utf-8")


def _text(html: str) -> str:
    """The visible text, tags dropped, entities decoded and whitespace folded."""
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def test_one_unit_has_every_section_in_indonesian(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    html = _report(capsys, tmp_path / "r.html", str(EXAMPLE_JSON))
    text = _text(html)
    assert "Kantor Pelayanan Contoh" in text
    assert "Permen PAN-RB 90/2021" in text
    assert "25 November 2026" in text
    assert "89,43" in text and "89.43" not in text
    assert "Belum memenuhi predikat" in text
    # the one condition that fails, with required, achieved and gap, in both rules
    assert text.count("≥ 15,75 15,66 ✗ kurang 0,09") == 2
    for area in AREAS:
        assert area in text
    for heading in (
        "Ringkasan",
        "Capaian per area perubahan",
        "Nilai per komponen",
        "Peluang peningkatan",
        "Pertanyaan belum dijawab (2)",
        "Jawaban tanpa bukti dukung (124)",
        "Rincian jawaban",
        "Mengetahui,",
    ):
        assert heading in text, heading
    assert html.count("<svg") == 2  # bar chart and radar
    assert "Halaman" in html  # page numbers of the printed form
    # self-contained: no script, nothing loaded from elsewhere
    assert "<script" not in html and "<link" not in html and " src=" not in html and "url(" not in html


def test_english(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    text = _text(_report(capsys, tmp_path / "r.html", str(EXAMPLE_JSON), "--lang", "en"))
    assert "89.43" in text and "89,43" not in text
    assert "No predicate reached" in text and "Room for improvement" in text
    assert "25 November 2026" in text
    for word in ("Ringkasan", "Belum memenuhi", "Halaman"):
        assert word not in text


def test_unit_name_from_option(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    html = _report(
        capsys,
        tmp_path / "r.html",
        str(EXAMPLE_XLSX),
        "--unit",
        "KPP Pratama Contoh",
        "--instansi",
        "Kementerian Contoh",
        "--title",
        "Laporan TPI",
    )
    text = _text(html)
    assert "KPP Pratama Contoh" in text and "Kementerian Contoh" in text
    assert "<title>Laporan TPI</title>" in html
    # the official Excel locates unanswered questions by cell
    assert "Jawaban!K" in text


def test_what_an_assessor_typed_is_text_and_only_http_links_are_links(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = variant(
        tmp_path,
        "unit.json",
        unit="Unit <b>Tebal</b>",
        notes={1: "<script>alert('x')</script> & lainnya", 2: '"><img src=x onerror=alert(1)>'},
        evidence={
            1: "javascript:alert(1)",
            2: "https://drive.example.go.id/a?b=1&c=2",
            3: "file:///etc/passwd",
            4: "\\\\server\\share\\bukti.pdf",
        },
    )
    html = _report(capsys, tmp_path / "r.html", str(source))
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; lainnya" in html
    assert "Unit &lt;b&gt;Tebal&lt;/b&gt;" in html
    hrefs = re.findall(r'href="([^"#][^"]*)"', html)
    assert hrefs == ["https://drive.example.go.id/a?b=1&amp;c=2"]
    assert "javascript:alert(1)" in html and "file:///etc/passwd" in html  # shown, not linked


def test_rollup_ranks_units_counts_predicates_and_averages_areas(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    wbbm = variant(tmp_path, "a.json", "Unit Alfa", answers={125: "3,6"})  # IPAK reaches 15.75
    none = variant(tmp_path, "b.json", "Unit Beta")
    low = variant(tmp_path, "c.json", "Unit Gama", answers=_worst(range(20, 30)) | {125: "3,6"})
    files = [none, low, wbbm]
    html = _report(capsys, tmp_path / "rekap.html", *map(str, files), "--instansi", "Kementerian Contoh")
    text = _text(html)
    results = [score_file(f) for f in files]
    totals = {r.meta["nama_unit"]: r.total for r in results}
    ranked = sorted(totals, key=lambda u: -totals[u])
    # ranking table: in order, each with its rank and total
    table = text.split("Peringkat unit kerja", 1)[1].split("Sebaran predikat", 1)[0]
    positions = [table.index(unit) for unit in ranked]
    assert positions == sorted(positions)
    assert [r.predicate for r in sorted(results, key=lambda r: -r.total)][0] == "WBBM"
    distribution = text.split("Sebaran predikat", 1)[1].split("Rata-rata per area", 1)[0]
    counts = {p: sum(1 for r in results if r.predicate == p) for p in ("WBBM", "WBK", None)}
    assert f"WBBM {counts['WBBM']}" in distribution
    assert f"Belum memenuhi predikat {counts[None]}" in distribution
    # the average of each area over the three units, as printed
    from pmprb.report.format import number

    for i, area in enumerate(AREAS):
        mean = sum((r.node(f"area-{i + 1}").score for r in results), Fraction(0)) / 3
        assert f"{i + 1}. {area}" in text and number(mean, "id") in text
    mean_total = sum(totals.values(), Fraction(0)) / 3
    assert f"Rata-rata nilai total: {number(mean_total, 'id')}" in text
    # each unit's pages follow, linked from the ranking
    for i in range(1, 4):
        assert f'id="unit-{i}"' in html and f'href="#unit-{i}"' in html
    assert text.count("Syarat predikat WBBM") == 3


def test_opportunities_add_up_to_what_is_missing_from_the_total() -> None:
    worksheet = get_worksheet("zi-2026")
    result = score_file(EXAMPLE_JSON)
    found = opportunities(worksheet, result)
    assert sum((o.gain for o in found), Fraction(0)) == 100 - result.total
    assert [o.gain for o in found] == sorted((o.gain for o in found), reverse=True)
    missing = {o.id for o in found if o.answer is None and o.kind != "computed"}
    assert {"21", "57"} <= missing


def test_plan_reaches_the_next_predicate_and_no_step_is_superfluous(tmp_path: Path) -> None:
    worksheet = get_worksheet("zi-2026")
    # Manajemen Perubahan, Pemenuhan: every answer at its lowest option
    source = variant(tmp_path, "low.json", answers=_worst(range(1, 13)) | {125: "3,6"})
    result = score_file(source)
    assert result.predicate is None
    found = plan(worksheet, result)
    assert found is not None and found.target == "WBK" and found.reachable
    assert found.answer_steps > 0 and found.predicate_after == "WBK"

    def predicate_with(changes: dict[str, str]) -> str | None:
        answers = {}
        for q in worksheet.questions.values():
            assert q.source is not None and q.source.soal_id is not None
            answers[q.source.soal_id] = changes.get(q.id, result.questions[q.id].answer)
        return score_file(variant(tmp_path, "try.json", answers=answers)).predicate

    after = {s.id: s.after for s in found.steps}
    assert predicate_with(after) == "WBK"  # the plan, applied to the file, gives what it promises
    for step in found.steps:  # one option less on any question and WBK is lost
        question = worksheet.questions[step.id]
        options = sorted(worksheet.answer_types[question.type].options, key=lambda o: o.value)
        keys = [o.key for o in options]
        lower = keys[keys.index(step.after) - 1]
        assert predicate_with(after | {step.id: lower}) is None, step.id


def test_plan_gives_the_survey_minimum_when_only_the_survey_fails() -> None:
    worksheet = get_worksheet("zi-2026")
    result = score_file(EXAMPLE_JSON)  # IPAK 3.58 scores 15.66 < 15.75
    found = plan(worksheet, result)
    assert found is not None and found.reachable and found.answer_steps == 0
    assert [(s.id, s.kind, s.before, s.after) for s in found.steps] == [("125", "measured", "3.58", "3.6")]
    assert found.predicate_after == "WBBM"


def test_no_plan_at_the_top(tmp_path: Path) -> None:
    result = score_file(variant(tmp_path, "top.json", answers={125: "3,6"}))
    assert result.predicate == "WBBM"
    assert plan(get_worksheet("zi-2026"), result) is None
    doc = build([Scored(result, get_worksheet("zi-2026"))], lang="id", day=datetime.date(2026, 1, 2))
    assert "Predikat tertinggi (WBBM) telah tercapai" in render_html(doc)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "{tmp}/r.docx"], "harus berakhiran .html, .htm atau .pdf"),
        (["-o", "{tmp}/r.html", "--date", "25/11/2026"], "Tanggal '25/11/2026' tidak sah"),
        (["{json}", "-o", "{tmp}/r.html", "--unit", "X"], "--unit hanya untuk satu berkas"),
        (["-o", "{json}"], "sama dengan berkas masukan"),
        (["{tmp}/missing.json", "-o", "{tmp}/r.html"], "Berkas tidak ditemukan"),
    ],
)
def test_usage_errors_exit_2_and_write_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, args: list[str], message: str
) -> None:
    source = variant(tmp_path, "unit.json")
    before = source.read_bytes()
    argv = [a.format(tmp=tmp_path, json=source) for a in ["{json}", *args]]
    result = run(capsys, "report", *argv)
    assert result.code == 2
    assert message in " ".join(result.err.split())
    assert source.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["unit.json"]


def test_a_failed_render_leaves_the_old_report(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "r.pdf"
    out.write_bytes(b"old report")

    def broken(html: str) -> tuple[bytes, int]:
        raise RuntimeError("renderer crashed")

    monkeypatch.setattr("pmprb.report.render_pdf", broken)
    result = run(capsys, "report", str(EXAMPLE_JSON), "-o", str(out))
    assert result.code == 3
    assert out.read_bytes() == b"old report"
    assert [p.name for p in tmp_path.iterdir()] == ["r.pdf"]


@pytest.mark.parametrize("worksheet_id", ["rb-2020", "zi-2021", "zi-2026"])
def test_every_shipped_worksheet_reports_and_its_plan_holds(worksheet_id: str) -> None:
    """A middling unit on each shipped worksheet: the report renders; the plan's promise is the engine's."""
    from pmprb.scoring import AnswerSheet, RawAnswer, score

    worksheet = get_worksheet(worksheet_id)
    answers = {}
    for i, (qid, q) in enumerate(worksheet.questions.items()):
        atype = worksheet.answer_types[q.type]
        if atype.kind == "choice":
            answers[qid] = RawAnswer(atype.options[i % len(atype.options)].key)
        elif atype.kind == "scale":
            answers[qid] = RawAnswer(f"{float((atype.max or 1) * Fraction(7, 10)):.2f}")
        else:
            answers[qid] = RawAnswer(i % 9)
    result = score(worksheet, AnswerSheet("unit.json", "unit", answers))
    assert not result.errors
    doc = build([Scored(result, worksheet)], lang="en", day=datetime.date(2026, 1, 2))
    unit = doc.units[0]
    assert unit.areas and unit.bars is not None
    html = render_html(doc)
    assert unit.worksheet_title in html
    found = unit.plan
    if found is None:
        assert result.predicate == worksheet.predicates[0].label
        return
    labels = [r.label for r in worksheet.predicates]
    assert found.reachable and found.predicate_after in labels
    assert labels.index(found.predicate_after) <= labels.index(found.target)
    edited = dict(answers) | {s.id: RawAnswer(s.after) for s in found.steps}
    assert score(worksheet, AnswerSheet("unit.json", "unit", edited)).predicate == found.predicate_after


def test_tpi_layer(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    text = _text(_report(capsys, tmp_path / "r.html", str(EXAMPLE_JSON), "--layer", "tpi"))
    tpi = score_file(EXAMPLE_JSON, layer="tpi")
    from pmprb.report.format import number

    assert "Penilaian Tim Penilai Internal (TPI)" in text and "Ketua Tim Penilai Internal" in text
    assert f"Nilai total {number(tpi.total, 'id')}" in text


def test_warnings_and_errors_are_listed_and_invalid_answers_exit_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import json

    source = variant(tmp_path, "unit.json", answers={2: "Z"})  # not an option of A/B/C
    data = json.loads(source.read_text(encoding="utf-8"))
    data["answers"].append(dict(data["answers"][0]))  # soal 1 twice: a warning
    source.write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "r.html"
    result = run(capsys, "report", str(source), "-o", str(out), "--date", DATE)
    assert result.code == 1  # written, and the exit code says the answers need fixing
    text = _text(out.read_text(encoding="utf-8"))
    section = text.split("Peringatan dan kesalahan (2)", 1)[1].split("Rincian jawaban", 1)[0]
    assert "kesalahan $.answers[1].jawaban_unit Pertanyaan 2: jawaban 'Z' tidak sah" in section
    assert "peringatan $.answers[127] Pertanyaan 1 dijawab lebih dari sekali" in section
    assert "Pertanyaan 2: jawaban 'Z' tidak sah" in " ".join(result.err.split())
