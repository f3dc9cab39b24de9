"""Messages of `pmprb compare` and `pmprb consensus`."""

MESSAGES: dict[str, dict[str, str]] = {
    # problems
    "compare.files": {
        "id": (
            "Berikan satu berkas (dua lapisan dibandingkan, --layers unit,tpi) atau dua berkas (LAMA BARU); "
            "diberikan: {count}."
        ),
        "en": (
            "Give one file (two layers compared, --layers unit,tpi) or two files (OLD NEW); given: {count}."
        ),
    },
    "compare.layers.one-file": {
        "id": "--layers {value!r}: satu berkas memerlukan dua lapisan yang berbeda, misalnya unit,tpi.",
        "en": "--layers {value!r}: one file needs two different layers, e.g. unit,tpi.",
    },
    "compare.layers.two-files": {
        "id": (
            "--layers {value!r}: dua berkas memerlukan satu lapisan (untuk keduanya) atau dua (satu per "
            "berkas)."
        ),
        "en": "--layers {value!r}: two files need one layer (for both) or two (one per file).",
    },
    "compare.worksheets": {
        "id": (
            "--worksheet diberikan {count} kali; berikan sekali (untuk semua berkas) atau sekali per berkas."
        ),
        "en": "--worksheet given {count} times; give it once (for every file) or once per file.",
    },
    "compare.output-needed": {
        "id": "--format xlsx memerlukan --output BERKAS.xlsx.",
        "en": "--format xlsx needs --output FILE.xlsx.",
    },
    "compare.fail-over": {
        "id": "Selisih total {gap} melebihi batas --fail-over {limit}.",
        "en": "The total gap {gap} exceeds --fail-over {limit}.",
    },
    "compare.written": {
        "id": "Rencana aksi ditulis ke {path} ({count} pertanyaan berbeda).",
        "en": "Action plan written to {path} ({count} differing questions).",
    },
    "consensus.too-few": {
        "id": "Konsensus memerlukan paling sedikit dua berkas penilai; diberikan: {count}.",
        "en": "A consensus needs at least two assessors' files; given: {count}.",
    },
    "consensus.worksheets-differ": {
        "id": (
            "Berkas penilai memakai lembar kerja yang berbeda ({value}); konsensus memerlukan lembar kerja "
            "yang sama (pilih dengan --worksheet)."
        ),
        "en": (
            "The assessors' files use different worksheets ({value}); a consensus needs one worksheet "
            "(choose it with --worksheet)."
        ),
    },
    "consensus.names": {
        "id": "--name diberikan {count} kali untuk {files} berkas; berikan satu nama per berkas.",
        "en": "--name given {count} times for {files} files; give one name per file.",
    },
    "consensus.written": {
        "id": (
            "Workbook konsensus ditulis ke {path}: {questions} pertanyaan, {disputes} perlu dibahas, "
            "{majority} terisi jawaban terbanyak."
        ),
        "en": (
            "Consensus workbook written to {path}: {questions} questions, {disputes} to discuss, {majority} "
            "prefilled with the majority answer."
        ),
    },
    # labels
    "cmp.side": {
        "id": "{key}: {label} — {file}, lembar kerja {worksheet}, lapisan {layer}",
        "en": "{key}: {label} — {file}, worksheet {worksheet}, layer {layer}",
    },
    "cmp.node": {"id": "Node", "en": "Node"},
    "cmp.weight": {"id": "Bobot", "en": "Weight"},
    "cmp.difference": {"id": "Selisih", "en": "Difference"},
    "cmp.total": {"id": "Total", "en": "Total"},
    "cmp.predicate": {"id": "Predikat", "en": "Predicate"},
    "cmp.none": {"id": "tidak ada", "en": "none"},
    "cmp.question": {"id": "Pertanyaan", "en": "Question"},
    "cmp.area": {"id": "Area", "en": "Area"},
    "cmp.code": {"id": "Kode", "en": "Code"},
    "cmp.points": {"id": "Poin", "en": "Points"},
    "cmp.at-stake": {"id": "Poin dipertaruhkan", "en": "Points at stake"},
    "cmp.answer": {"id": "Jawaban {label}", "en": "Answer {label}"},
    "cmp.note": {"id": "Catatan {label}", "en": "Note {label}"},
    "cmp.evidence": {"id": "Bukti {label}", "en": "Evidence {label}"},
    "cmp.unanswered": {"id": "(kosong)", "en": "(blank)"},
    "cmp.invalid": {"id": "(tidak sah)", "en": "(invalid)"},
    "cmp.differing": {
        "id": (
            "Jawaban yang berbeda: {count} (poin terbesar lebih dulu; poin = yang diperoleh {b} dibanding "
            "{a})"
        ),
        "en": "Answers that differ: {count} (most points first; points = what {b} earns over {a})",
    },
    "cmp.no-differences": {"id": "Tidak ada jawaban yang berbeda.", "en": "No answers differ."},
    "cmp.agreement": {
        "id": (
            "Kesepakatan: {identical} dari {compared} jawaban sama ({share} %); poin yang diperselisihkan "
            "{points}."
        ),
        "en": (
            "Agreement: {identical} of {compared} answers identical ({share} %); points in dispute {points}."
        ),
    },
    "cmp.disputes": {"id": "Poin yang diperselisihkan per area", "en": "Points in dispute per area"},
    "cmp.differing-count": {"id": "Berbeda", "en": "Differing"},
    "cmp.went-down": {
        "id": "Pertanyaan yang turun di {b} ({count}): {ids}",
        "en": "Questions that went down in {b} ({count}): {ids}",
    },
    "cmp.matching": {
        "id": "Pencocokan pertanyaan {wa} → {wb}: {pairs} pasangan, {changed} dengan id atau teks berubah.",
        "en": "Question matching {wa} → {wb}: {pairs} pairs, {changed} with a changed id or text.",
    },
    "cmp.unmatched": {
        "id": "Tanpa pasangan di {worksheet} ({count}): {ids}",
        "en": "Unmatched in {worksheet} ({count}): {ids}",
    },
    "cmp.more-rows": {
        "id": "… {count} baris lagi (lihat --format json atau xlsx)",
        "en": "… {count} more rows (see --format json or xlsx)",
    },
    # action plan workbook
    "plan.sheet.summary": {"id": "Ringkasan", "en": "Summary"},
    "plan.sheet.actions": {"id": "Rencana Aksi", "en": "Action plan"},
    "plan.sheet.nodes": {"id": "Node", "en": "Nodes"},
    "plan.sheet.matching": {"id": "Pencocokan", "en": "Matching"},
    "plan.title": {"id": "Rencana aksi: {a} → {b}", "en": "Action plan: {a} → {b}"},
    "plan.no": {"id": "No", "en": "No"},
    "plan.action": {"id": "Tindak lanjut", "en": "Follow-up"},
    "plan.owner": {"id": "Penanggung jawab", "en": "Owner"},
    "plan.due": {"id": "Tenggat", "en": "Due"},
    "plan.status": {"id": "Status", "en": "Status"},
    "plan.went-down": {"id": "Turun", "en": "Went down"},
    "plan.yes": {"id": "ya", "en": "yes"},
    "plan.file": {"id": "Berkas", "en": "File"},
    "plan.layer": {"id": "Lapisan", "en": "Layer"},
    "plan.worksheet": {"id": "Lembar kerja", "en": "Worksheet"},
    "plan.identical": {"id": "Jawaban sama", "en": "Identical answers"},
    "plan.compared": {"id": "Dibandingkan", "en": "Compared"},
    "plan.share": {"id": "Persentase sama", "en": "Share identical"},
    "plan.dispute-total": {"id": "Poin diperselisihkan", "en": "Points in dispute"},
    "plan.how": {"id": "Dasar pencocokan", "en": "Matched by"},
    "plan.similarity": {"id": "Kemiripan teks", "en": "Text similarity"},
    "plan.unmatched": {"id": "tanpa pasangan", "en": "unmatched"},
    # consensus workbook and summary
    "cons.sheet": {"id": "Konsensus", "en": "Consensus"},
    "cons.assessors": {"id": "Konsensus: {names}", "en": "Consensus: {names}"},
    "cons.title": {"id": "Rapat konsensus — {worksheet}", "en": "Consensus meeting — {worksheet}"},
    "cons.summary": {
        "id": (
            "{disputes} pertanyaan perlu dibahas; {agreed} dari {answered} pertanyaan yang dijawab sepakat "
            "({share} %)."
        ),
        "en": (
            "{disputes} questions to discuss; {agreed} of {answered} answered questions agreed ({share} %)."
        ),
    },
    "cons.how": {
        "id": (
            "Jawaban terbanyak sudah diisikan di sheet LKE (lapisan {layer}); pertanyaan tanpa jawaban "
            "terbanyak "
            "dibiarkan kosong. Putuskan yang diperselisihkan di sheet LKE: setelah rapat, workbook "
            "dinilai seperti "
            "workbook lain (pmprb score)."
        ),
        "en": (
            "The majority answers are filled in on sheet LKE (layer {layer}); questions without a "
            "majority are "
            "left blank. Decide the disputed ones on sheet LKE: after the meeting the workbook scores "
            "like any "
            "other (pmprb score)."
        ),
    },
    "cons.with-majority": {
        "id": "Jawaban sama dengan jawaban terbanyak: {counts}",
        "en": "Answers equal to the majority: {counts}",
    },
    "cons.col.status": {"id": "Status", "en": "Status"},
    "cons.col.majority": {"id": "Jawaban terbanyak", "en": "Majority answer"},
    "cons.col.votes": {"id": "Suara", "en": "Votes"},
    "cons.col.spread": {"id": "Selisih poin", "en": "Points apart"},
    "cons.status.agreed": {"id": "Sepakat", "en": "Agreed"},
    "cons.status.majority": {"id": "Mayoritas", "en": "Majority"},
    "cons.status.tie": {"id": "Seri", "en": "Tie"},
    "cons.status.unanswered": {"id": "Belum dijawab", "en": "Unanswered"},
    "cons.disputes": {
        "id": "Perlu dibahas ({count}), selisih poin terbesar lebih dulu",
        "en": "To discuss ({count}), most points apart first",
    },
    "cons.more-rows": {"id": "… {count} lagi di workbook", "en": "… {count} more in the workbook"},
    "cons.col.notes": {"id": "Catatan penilai", "en": "Assessors' notes"},
    "cons.col.evidence": {"id": "Bukti dukung penilai", "en": "Assessors' evidence"},
    # `pmprb report --compare`
    "rcmp.title": {"id": "Perbandingan: {a} → {b}", "en": "Comparison: {a} → {b}"},
    "rcmp.total": {"id": "Nilai {label}", "en": "Score {label}"},
    "rcmp.agreement": {"id": "Jawaban sama", "en": "Identical answers"},
    "rcmp.in-dispute": {"id": "{points} poin diperselisihkan", "en": "{points} points in dispute"},
    "rcmp.differing": {"id": "Jawaban yang berbeda ({count})", "en": "Answers that differ ({count})"},
    "rcmp.points-explain": {
        "id": "Poin: yang diperoleh jawaban B dibanding jawaban A pada nilai total; terbesar lebih dulu.",
        "en": "Points: what B's answer earns over A's in the total; largest first.",
    },
    "rcmp.more": {
        "id": "… dan {count} pertanyaan lain dengan poin lebih kecil (lihat pmprb compare).",
        "en": "… and {count} more questions with fewer points (see pmprb compare).",
    },
    "compare.report-one-file": {
        "id": "--compare memerlukan tepat satu berkas laporan; diberikan: {count}.",
        "en": "--compare needs exactly one report file; given: {count}.",
    },
}
