"""Messages and workbook labels of `pmprb template` and of reading a pmprb workbook back."""

MESSAGES: dict[str, dict[str, str]] = {
    # problems
    "workbook.version-mismatch": {
        "id": "Workbook ini dibuat untuk lembar kerja {worksheet} versi {found}, sedangkan yang dipakai "
        "versi "
        "{expected}; buat workbook baru dengan `pmprb template {worksheet} --prefill {file}` atau pilih "
        "lembar "
        "kerja versi {found} dengan --worksheet.",
        "en": "This workbook was made for worksheet {worksheet} version {found}, but version {expected} is "
        "in use; "
        "make a new one with `pmprb template {worksheet} --prefill {file}` or choose the version {found} "
        "worksheet with --worksheet.",
    },
    "workbook.worksheet-mismatch": {
        "id": "Workbook ini dibuat untuk lembar kerja {found}, bukan {expected}; hapus --worksheet atau "
        "pilih {found}.",
        "en": "This workbook was made for worksheet {found}, not {expected}; drop --worksheet or choose "
        "{found}.",
    },
    "workbook.worksheet-unknown": {
        "id": "Workbook ini dibuat untuk lembar kerja {found} yang tidak terpasang; berikan berkas YAML-nya "
        "dengan --worksheet (terpasang: {allowed}).",
        "en": "This workbook was made for worksheet {found}, which is not installed; give its YAML file with "
        "--worksheet (installed: {allowed}).",
    },
    "workbook.fingerprint": {
        "id": "Definisi lembar kerja {worksheet} versi {version} berbeda dari saat workbook dibuat; periksa "
        "nilainya atau buat workbook baru.",
        "en": "The definition of worksheet {worksheet} version {version} changed since the workbook was "
        "made; "
        "check the scores or make a new workbook.",
    },
    "workbook.meta-invalid": {
        "id": "Sheet tersembunyi {sheet} workbook pmprb tidak lengkap ({reason}); buat ulang dengan `pmprb "
        "template`.",
        "en": "The hidden sheet {sheet} of the pmprb workbook is incomplete ({reason}); make it again with "
        "`pmprb template`.",
    },
    "workbook.row-missing": {
        "id": "Baris pertanyaan {question} tidak ditemukan di sheet {sheet}; dianggap belum dijawab.",
        "en": "The row of question {question} is not in sheet {sheet}; it counts as unanswered.",
    },
    "workbook.answer-as-text": {
        "id": "Pertanyaan {question}: {value!r} tersimpan sebagai teks, sehingga rumus workbook "
        "menghitungnya 0; "
        "ketik ulang sebagai angka ({allowed}).",
        "en": "Question {question}: {value!r} is stored as text, so the workbook's formulas count it 0; "
        "type it again as a number ({allowed}).",
    },
    "prefill.dropped": {
        "id": "Pertanyaan {question} dari {file} tidak ada di lembar kerja {worksheet}; isian lapisan "
        "{layer} "
        "tidak dibawa: {value}.",
        "en": "Question {question} of {file} is not in worksheet {worksheet}; its {layer} entries are not "
        "carried "
        "over: {value}.",
    },
    "prefill.invalid": {
        "id": "Pertanyaan {question}: jawaban {value!r} dari {file} tidak sah untuk jenis {type} "
        "({allowed}); "
        "ditulis apa adanya dan ditandai merah.",
        "en": "Question {question}: answer {value!r} from {file} is not valid for type {type} ({allowed}); "
        "written as it is and marked red.",
    },
    "template.written": {
        "id": "Workbook {path} ditulis: lembar kerja {worksheet} versi {version}, {questions} pertanyaan, "
        "lapisan {layers}.",
        "en": "Wrote workbook {path}: worksheet {worksheet} version {version}, {questions} questions, "
        "layers {layers}.",
    },
    "template.prefilled": {
        "id": "Dari {file}: {answers} jawaban, {notes} catatan dan {evidence} bukti dukung dibawa; {dropped} "
        "pertanyaan tidak ada lagi.",
        "en": "From {file}: carried over {answers} answers, {notes} notes and {evidence} evidence links; "
        "{dropped} questions no longer exist.",
    },
    "template.exists": {
        "id": "Berkas {path} sudah ada; pakai --force untuk menimpanya.",
        "en": "{path} already exists; use --force to overwrite it.",
    },
    # workbook labels
    "wb.yes": {"id": "Ya", "en": "Yes"},
    "wb.no": {"id": "Tidak", "en": "No"},
    "wb.none": {"id": "tidak ada", "en": "none"},
    "wb.layer.unit": {"id": "Penilaian mandiri unit", "en": "Unit self-assessment"},
    "wb.layer.tpi": {"id": "Tim Penilai Internal (TPI)", "en": "Internal evaluator (TPI)"},
    "wb.layer.external": {"id": "Evaluator eksternal", "en": "External evaluator"},
    "wb.col.code": {"id": "Kode", "en": "Code"},
    "wb.col.text": {"id": "Komponen / pertanyaan", "en": "Component / question"},
    "wb.col.weight": {"id": "Bobot", "en": "Weight"},
    "wb.col.type": {"id": "Pilihan jawaban", "en": "Answer type"},
    "wb.col.criteria": {"id": "Kriteria", "en": "Criteria"},
    "wb.col.answer": {"id": "Jawaban", "en": "Answer"},
    "wb.col.value": {"id": "Nilai", "en": "Score"},
    "wb.col.percent": {"id": "% Bobot", "en": "% of weight"},
    "wb.col.note": {"id": "Catatan / penjelasan", "en": "Note"},
    "wb.col.evidence": {"id": "Bukti dukung (tautan)", "en": "Evidence (link)"},
    "wb.col.required": {"id": "Syarat", "en": "Required"},
    "wb.col.achieved": {"id": "Capaian", "en": "Achieved"},
    "wb.total": {"id": "NILAI TOTAL DAN PREDIKAT", "en": "TOTAL SCORE AND PREDICATE"},
    "wb.total.short": {"id": "Nilai total", "en": "Total score"},
    "wb.predicate": {"id": "Predikat", "en": "Predicate"},
    "wb.subtitle": {
        "id": "Lembar kerja {worksheet} versi {version} · {regulation} · dibuat oleh pmprb dari definisi "
        "lembar kerja",
        "en": "Worksheet {worksheet} version {version} · {regulation} · generated by pmprb from the "
        "worksheet definition",
    },
    "wb.computed.type": {"id": "Persentase (dihitung)", "en": "Percentage (computed)"},
    "wb.computed.ratio": {
        "id": "= {numerator} ÷ {denominator}, paling tinggi {cap}; bila penyebut 0 nilainya {zero}. "
        "Bernilai 0 sampai semua jumlah diisi.",
        "en": "= {numerator} ÷ {denominator}, at most {cap}; {zero} when the denominator is 0. "
        "0 until every count is filled in.",
    },
    "wb.computed.decrease": {
        "id": "= ({previous} − {current}) ÷ {previous}, antara 0% dan 100%; bila {previous} = 0: "
        "{unchanged} jika "
        "{current} = 0, selain itu {increased}. Bernilai 0 sampai semua jumlah diisi.",
        "en": "= ({previous} − {current}) ÷ {previous}, between 0% and 100%; when {previous} = 0: "
        "{unchanged} if "
        "{current} = 0, else {increased}. 0 until every count is filled in.",
    },
    "wb.type.count": {"id": "Jumlah (bilangan bulat ≥ 0)", "en": "Count (whole number ≥ 0)"},
    "wb.type.scale": {"id": "Angka {min}–{max}", "en": "Number {min}–{max}"},
    "wb.type.percent": {"id": "Persen 0–100", "en": "Percent 0–100"},
    "wb.count.note": {
        "id": "Jumlah: tidak dinilai sendiri, dipakai untuk persentase di bawahnya.",
        "en": "Count: not scored itself, it feeds the percentage below.",
    },
    "wb.dv.title": {"id": "Pertanyaan {code}", "en": "Question {code}"},
    "wb.dv.error-title": {"id": "Jawaban tidak sah", "en": "Invalid answer"},
    "wb.dv.choice": {"id": "Pilih salah satu: {allowed}.", "en": "Choose one of: {allowed}."},
    "wb.dv.count": {
        "id": "Isi bilangan bulat 0 atau lebih (tanpa titik ribuan).",
        "en": "Enter a whole number, 0 or more.",
    },
    "wb.dv.scale": {
        "id": "Isi angka antara {min} dan {max}.",
        "en": "Enter a number between {min} and {max}.",
    },
    "wb.dv.percent": {
        "id": "Isi angka 0 sampai 100 (tanpa tanda %).",
        "en": "Enter a number from 0 to 100 (no % sign).",
    },
    "wb.combined": {"id": "Area (Pemenuhan + Reform)", "en": "Areas (combined)"},
    "wb.summary.title": {
        "id": "Ringkasan nilai dan syarat predikat",
        "en": "Scores and predicate conditions",
    },
    "wb.summary.nodes": {"id": "Nilai per komponen", "en": "Scores by component"},
    "wb.rule": {"id": "Syarat {label}", "en": "Conditions for {label}"},
    "wb.cond.total": {"id": "Nilai total", "en": "Total score"},
    "wb.cond.min": {"id": "{title} {op} {required}", "en": "{title} {op} {required}"},
    "wb.cond.percent": {"id": "{title} {op} {percent}% bobot", "en": "{title} {op} {percent}% of weight"},
    "wb.declaration": {
        "id": "Dinyatakan penilai (di luar nilai): {text}",
        "en": "Declared by the assessor (not scored): {text}",
    },
    "wb.cover.title": {"id": "Lembar Kerja Evaluasi", "en": "Evaluation worksheet"},
    "wb.cover.worksheet": {"id": "Lembar kerja", "en": "Worksheet"},
    "wb.cover.id": {"id": "ID dan versi", "en": "ID and version"},
    "wb.cover.regulation": {"id": "Regulasi", "en": "Regulation"},
    "wb.cover.instansi": {"id": "Instansi", "en": "Institution"},
    "wb.cover.unit": {"id": "Unit kerja", "en": "Unit"},
    "wb.cover.year": {"id": "Tahun penilaian", "en": "Assessment year"},
    "wb.cover.assessor": {"id": "Penilai", "en": "Assessor"},
    "wb.cover.layer": {"id": "Lapisan jawaban", "en": "Answer layer"},
    "wb.cover.fill": {"id": "Isi sel berwarna kuning.", "en": "Fill in the yellow cells."},
    "wb.guide.title": {"id": "Petunjuk pengisian", "en": "How to fill in this workbook"},
    "wb.guide": {
        "id": "Isi sampul (sheet Sampul): instansi, unit kerja, tahun, penilai dan lapisan jawaban.\n"
        "Di sheet LKE, isi kolom Jawaban (sel kuning) setiap pertanyaan: pilih dari daftar atau ketik angka. "
        "Kriteria tiap pilihan ada di kolom Kriteria dan muncul saat sel jawaban dipilih.\n"
        "Tulis penjelasan di kolom Catatan dan tautan atau lokasi berkas di kolom Bukti dukung.\n"
        "Kolom {tpi} diisi oleh Tim Penilai Internal; kolom {unit} oleh unit kerja.\n"
        "Nilai, % bobot, nilai total dan predikat dihitung otomatis dengan aturan yang sama dengan `pmprb "
        "score`: "
        "pertanyaan yang belum dijawab bernilai 0 (tidak dilewati), jawaban tidak sah ditandai merah dan "
        "bernilai 0.\n"
        "Baris jumlah (misalnya jumlah pegawai) tidak dinilai sendiri; persentasenya dihitung di baris hijau "
        "sesudahnya dan bernilai 0 sampai semua jumlahnya diisi.\n"
        "Angka dibulatkan ke 2 desimal (setengah ke atas) untuk tampilan dan untuk syarat predikat; lihat "
        "sheet "
        "Ringkasan untuk setiap syarat.\n"
        "Sheet dilindungi tanpa kata sandi agar rumus tidak terhapus; jangan ubah rumus, baris atau kolom.\n"
        "Periksa hasilnya dengan `pmprb score {file}` (lapisan TPI: `--layer tpi`).\n"
        "Workbook ini hanya untuk lembar kerja {worksheet} versi {version}. Untuk versi lain buat workbook "
        "baru "
        "dengan `pmprb template ID --prefill {file}`: jawaban, catatan dan bukti dukung dibawa.",
        "en": "Fill in the cover (sheet Sampul): institution, unit, year, assessor and answer layer.\n"
        "On sheet LKE, fill in the Answer column (yellow cells) of every question: pick from the list or "
        "type a "
        "number. Each option's criteria are in the Criteria column and pop up when the answer cell is "
        "selected.\n"
        "Write the justification in the Note column and a link or file location in the Evidence column.\n"
        "The {tpi} columns are for the internal evaluation team; the {unit} columns for the unit.\n"
        "Scores, % of weight, the total and the predicate are computed live by the same rules as `pmprb "
        "score`: "
        "an unanswered question counts 0 (it is not skipped), an invalid answer is marked red and counts 0.\n"
        "Count rows (e.g. number of staff) are not scored themselves; their percentage is computed in the "
        "green "
        "row below them and stays 0 until all its counts are filled in.\n"
        "Figures are rounded to 2 decimals (half up) for display and for predicate conditions; the Ringkasan "
        "sheet shows every condition.\n"
        "Sheets are protected without a password so formulas are not erased; do not change formulas, rows or "
        "columns.\n"
        "Check the result with `pmprb score {file}` (TPI layer: `--layer tpi`).\n"
        "This workbook is for worksheet {worksheet} version {version} only. For another version make a new "
        "workbook with `pmprb template ID --prefill {file}`: answers, notes and evidence are carried over.",
    },
}
