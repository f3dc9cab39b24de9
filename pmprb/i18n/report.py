"""Messages of `pmprb report` (HTML/PDF reports): the report's own wording and the command's messages."""

MESSAGES: dict[str, dict[str, str]] = {
    "report.title.unit": {
        "id": "Laporan Hasil Penilaian {worksheet}",
        "en": "Assessment Report: {worksheet}",
    },
    "report.title.rollup": {
        "id": "Rekapitulasi Hasil Penilaian {worksheet}",
        "en": "Assessment Summary Across Units: {worksheet}",
    },
    "report.kicker": {
        "id": "Laporan penilaian",
        "en": "Assessment report",
    },
    "report.instansi": {
        "id": "Instansi",
        "en": "Agency (instansi)",
    },
    "report.instansi-unknown": {
        "id": "Instansi",
        "en": "Agency",
    },
    "report.unit": {
        "id": "Unit kerja",
        "en": "Work unit",
    },
    "report.year": {
        "id": "Tahun evaluasi",
        "en": "Evaluation year",
    },
    "report.date": {
        "id": "Tanggal laporan",
        "en": "Report date",
    },
    "report.layer.unit": {
        "id": "Penilaian mandiri unit kerja",
        "en": "Work unit self-assessment",
    },
    "report.layer.tpi": {
        "id": "Penilaian Tim Penilai Internal (TPI)",
        "en": "Internal assessment team (TPI)",
    },
    "report.layer.external": {
        "id": "Penilaian evaluator eksternal",
        "en": "External evaluator",
    },
    "report.total-score": {
        "id": "Nilai total",
        "en": "Total score",
    },
    "report.of-max": {
        "id": "dari {max}",
        "en": "out of {max}",
    },
    "report.no-predicate": {
        "id": "Belum memenuhi predikat",
        "en": "No predicate reached",
    },
    "report.generated": {
        "id": "Disusun dengan pmprb pada {date}.",
        "en": "Prepared with pmprb on {date}.",
    },
    "report.note-draft": {
        "id": "Nilai dihitung dari jawaban pada berkas sumber; nilai akhir ditetapkan oleh evaluator.",
        "en": "Scores are computed from the answers in the source file; the final score is set by the "
        "evaluator.",
    },
    "report.page": {
        "id": "Halaman",
        "en": "Page",
    },
    "report.of": {
        "id": "dari",
        "en": "of",
    },
    "report.summary": {
        "id": "Ringkasan",
        "en": "Summary",
    },
    "report.answered": {
        "id": "Pertanyaan dijawab",
        "en": "Questions answered",
    },
    "report.unanswered-count": {
        "id": "{count} belum dijawab",
        "en": "{count} unanswered",
    },
    "report.without-evidence": {
        "id": "Jawaban tanpa bukti dukung",
        "en": "Answers without evidence",
    },
    "report.of-answered": {
        "id": "dari {count} jawaban",
        "en": "of {count} answers",
    },
    "report.conditions-for": {
        "id": "Syarat predikat {label}",
        "en": "Conditions for {label}",
    },
    "report.met": {
        "id": "terpenuhi",
        "en": "met",
    },
    "report.not-met": {
        "id": "belum terpenuhi",
        "en": "not met",
    },
    "report.condition": {
        "id": "Syarat",
        "en": "Condition",
    },
    "report.required": {
        "id": "Nilai minimal",
        "en": "Required",
    },
    "report.achieved": {
        "id": "Capaian",
        "en": "Achieved",
    },
    "report.status": {
        "id": "Keterangan",
        "en": "Status",
    },
    "report.short-by": {
        "id": "kurang {gap}",
        "en": "short by {gap}",
    },
    "report.provisional-threshold": {
        "id": "ambang sementara, sumber belum ditemukan",
        "en": "provisional threshold, source not found",
    },
    "report.areas": {
        "id": "Capaian per area perubahan",
        "en": "Scores by change area",
    },
    "report.area": {
        "id": "Area perubahan",
        "en": "Change area",
    },
    "report.bar-caption": {
        "id": "Nilai tiap area (pengungkit: pemenuhan + reform) sebagai persentase bobotnya; garis "
        "putus-putus: batas minimal predikat.",
        "en": "Each area's score (enablers: fulfilment + reform) as a share of its weight; dashed "
        "lines: predicate minimums.",
    },
    "report.radar-caption": {
        "id": "Profil area (nomor sesuai tabel); lingkaran tiap 25%, garis putus-putus: batas minimal "
        "predikat.",
        "en": "Area profile (numbers as in the table); rings every 25%, dashed: predicate minimums.",
    },
    "report.tree": {
        "id": "Nilai per komponen",
        "en": "Scores by component",
    },
    "report.improve": {
        "id": "Peluang peningkatan",
        "en": "Room for improvement",
    },
    "report.improve.explain": {
        "id": "Satu langkah berarti menaikkan jawaban satu tingkat pilihan (misalnya C menjadi B, atau "
        "Tidak menjadi Ya); pertanyaan yang belum dijawab dihitung dari pilihan terendah. Rencana"
        " di bawah memuat langkah sesedikit mungkin untuk mencapai predikat berikutnya: langkah "
        "dipilih satu per satu, masing-masing yang paling menutup kekurangan syarat yang belum "
        "terpenuhi, lalu hasilnya dihitung ulang dengan mesin penilaian. Nilai survei dan "
        "persentase (IPAK, IPKP) adalah hasil pengukuran, bukan pilihan penilai: untuknya "
        "ditampilkan nilai minimal yang harus dicapai. Data jumlah (misalnya pegawai yang melapor"
        " LHKPN) tidak diubah karena merupakan fakta. Peringkat di bawahnya menunjukkan tambahan "
        "nilai total bila setiap pertanyaan atau butir hitungan mencapai nilai terbaiknya.",
        "en": "One step raises an answer by one option (for example C to B, or Tidak to Ya); an "
        "unanswered question counts from its lowest option. The plan below holds as few steps as "
        "possible to reach the next predicate: steps are picked one at a time, each the one "
        "closing most of the shortfall of the unmet conditions, and the result is then scored "
        "again by the scoring engine. Survey values and percentages (IPAK, IPKP) are measured, "
        "not chosen by assessors: for them the plan gives the minimum value to reach. Counts (for"
        " example staff who filed LHKPN) are facts and are not changed. The ranking below it "
        "shows what each question or computed item would add to the total at its best value.",
    },
    "report.plan.heading": {
        "id": "Rencana tercepat menuju {label}",
        "en": "Shortest path to {label}",
    },
    "report.plan.steps": {
        "id": "{steps} langkah jawaban pada {questions} pertanyaan.",
        "en": "{steps} answer steps on {questions} questions.",
    },
    "report.plan.no-steps": {
        "id": "Tidak ada jawaban yang perlu dinaikkan.",
        "en": "No answer needs to be raised.",
    },
    "report.plan.measured": {
        "id": "{count} nilai terukur harus mencapai nilai minimal yang tertera.",
        "en": "{count} measured values must reach the minimum shown.",
    },
    "report.next": {
        "id": "Menuju {label}: {count} syarat belum terpenuhi —",
        "en": "Towards {label}, conditions not met: {count} —",
    },
    "report.see-plan": {
        "id": "lihat Peluang peningkatan.",
        "en": "see Room for improvement.",
    },
    "report.plan.after": {
        "id": "Setelah perbaikan ini: nilai total {total}, predikat {predicate}.",
        "en": "After these improvements: total {total}, predicate {predicate}.",
    },
    "report.plan.top": {
        "id": "Predikat tertinggi ({label}) telah tercapai; tidak ada predikat berikutnya.",
        "en": "The highest predicate ({label}) is reached; there is no next one.",
    },
    "report.plan.unreachable": {
        "id": "{label} tidak dapat dicapai hanya dengan memperbaiki jawaban; syarat berikut tetap tidak"
        " terpenuhi:",
        "en": "{label} cannot be reached by improving answers alone; these conditions stay unmet:",
    },
    "report.from": {
        "id": "Jawaban saat ini",
        "en": "Current answer",
    },
    "report.to": {
        "id": "Menjadi",
        "en": "Becomes",
    },
    "report.steps": {
        "id": "Langkah",
        "en": "Steps",
    },
    "report.adds": {
        "id": "Tambahan nilai",
        "en": "Adds",
    },
    "report.measured-minimum": {
        "id": "nilai minimal",
        "en": "minimum value",
    },
    "report.ranking": {
        "id": "Pertanyaan menurut tambahan nilai yang masih mungkin ({shown} teratas dari {count})",
        "en": "Questions by the points they could still add (top {shown} of {count})",
    },
    "report.answer": {
        "id": "Jawaban",
        "en": "Answer",
    },
    "report.best": {
        "id": "Jawaban terbaik",
        "en": "Best answer",
    },
    "report.could-add": {
        "id": "Tambahan nilai",
        "en": "Could add",
    },
    "report.computed": {
        "id": "butir hitungan",
        "en": "computed item",
    },
    "report.unanswered-short": {
        "id": "belum dijawab",
        "en": "unanswered",
    },
    "report.unanswered": {
        "id": "Pertanyaan belum dijawab",
        "en": "Unanswered questions",
    },
    "report.none-unanswered": {
        "id": "Semua pertanyaan telah dijawab.",
        "en": "Every question is answered.",
    },
    "report.where": {
        "id": "Lokasi",
        "en": "Location",
    },
    "report.status.missing": {
        "id": "belum dijawab",
        "en": "unanswered",
    },
    "report.status.invalid": {
        "id": "jawaban tidak sah",
        "en": "invalid answer",
    },
    "report.status.answered": {
        "id": "dijawab",
        "en": "answered",
    },
    "report.without-evidence.explain": {
        "id": "Pertanyaan yang dijawab tetapi tidak mencantumkan bukti dukung, per sub-area (nomor "
        "pertanyaan).",
        "en": "Questions answered without evidence, per sub-area (question numbers).",
    },
    "report.none-without-evidence": {
        "id": "Setiap jawaban mencantumkan bukti dukung.",
        "en": "Every answer lists evidence.",
    },
    "report.sub-area": {
        "id": "Sub-area",
        "en": "Sub-area",
    },
    "report.questions-codes": {
        "id": "Pertanyaan",
        "en": "Questions",
    },
    "report.problems": {
        "id": "Peringatan dan kesalahan",
        "en": "Warnings and errors",
    },
    "report.severity": {
        "id": "Tingkat",
        "en": "Severity",
    },
    "report.severity.error": {
        "id": "kesalahan",
        "en": "error",
    },
    "report.severity.warning": {
        "id": "peringatan",
        "en": "warning",
    },
    "report.severity.info": {
        "id": "info",
        "en": "info",
    },
    "report.message": {
        "id": "Uraian",
        "en": "Message",
    },
    "report.details": {
        "id": "Rincian jawaban",
        "en": "Answers in detail",
    },
    "report.no": {
        "id": "No.",
        "en": "No.",
    },
    "report.value": {
        "id": "Nilai",
        "en": "Value",
    },
    "report.note": {
        "id": "Catatan",
        "en": "Note",
    },
    "report.evidence": {
        "id": "Bukti dukung",
        "en": "Evidence",
    },
    "report.sign.ack": {
        "id": "Mengetahui,",
        "en": "Acknowledged by,",
    },
    "report.sign.head": {
        "id": "Pimpinan {unit}",
        "en": "Head of {unit}",
    },
    "report.sign.prepared-unit": {
        "id": "Ketua Tim Kerja Pembangunan Zona Integritas",
        "en": "Head of the unit's assessment team",
    },
    "report.sign.prepared-tpi": {
        "id": "Ketua Tim Penilai Internal",
        "en": "Head of the internal assessment team (TPI)",
    },
    "report.sign.nip": {
        "id": "NIP.",
        "en": "Employee ID (NIP)",
    },
    "report.rank": {
        "id": "Peringkat",
        "en": "Rank",
    },
    "report.average": {
        "id": "Rata-rata",
        "en": "Average",
    },
    "report.rollup.heading": {
        "id": "Rekapitulasi unit kerja",
        "en": "Summary across work units",
    },
    "report.rollup.units": {
        "id": "{count} unit kerja",
        "en": "{count} work units",
    },
    "report.rollup.ranking": {
        "id": "Peringkat unit kerja",
        "en": "Units ranked",
    },
    "report.rollup.distribution": {
        "id": "Sebaran predikat",
        "en": "Predicates reached",
    },
    "report.rollup.count-units": {"id": "Jumlah unit kerja", "en": "Work units"},
    "report.rollup.none-short": {"id": "tanpa predikat", "en": "none"},
    "report.rollup.count": {
        "id": "Jumlah unit",
        "en": "Units",
    },
    "report.rollup.share": {
        "id": "Persentase",
        "en": "Share",
    },
    "report.rollup.averages": {
        "id": "Rata-rata per area: {worksheet} ({count} unit)",
        "en": "Average per area: {worksheet} ({count} units)",
    },
    "report.rollup.average-total": {
        "id": "Rata-rata nilai total",
        "en": "Average total",
    },
    "report.rollup.chart-caption": {
        "id": "Rata-rata nilai tiap area sebagai persentase bobotnya; garis putus-putus: batas minimal "
        "predikat.",
        "en": "Average score of each area as a share of its weight; dashed lines: predicate minimums.",
    },
    "report.written": {
        "id": "Laporan ditulis ke {path} ({units} unit, {pages}).",
        "en": "Report written to {path} ({units} unit(s), {pages}).",
    },
    "report.pages": {
        "id": "{count} halaman",
        "en": "{count} pages",
    },
    "report.html": {
        "id": "HTML",
        "en": "HTML",
    },
    "report.bad-output": {
        "id": "Berkas keluaran {path} harus berakhiran .html, .htm atau .pdf.",
        "en": "The output {path} must end in .html, .htm or .pdf.",
    },
    "report.bad-date": {
        "id": "Tanggal {value!r} tidak sah; gunakan format TTTT-BB-HH, misalnya 2026-11-25.",
        "en": "Date {value!r} is not valid; use YYYY-MM-DD, e.g. 2026-11-25.",
    },
    "report.unit-many": {
        "id": "--unit hanya untuk satu berkas; untuk beberapa berkas nama unit diambil dari berkasnya.",
        "en": "--unit is for one file only; with several files each unit's name comes from its file.",
    },
    "report.failed-file": {
        "id": "Berkas ini tidak dapat dinilai sehingga tidak masuk laporan.",
        "en": "This file cannot be scored, so it is left out of the report.",
    },
    "report.render-failed": {
        "id": "Laporan tidak dapat dibuat: {reason}. Tidak ada berkas yang ditulis.",
        "en": "The report could not be rendered: {reason}. No file was written.",
    },
}
