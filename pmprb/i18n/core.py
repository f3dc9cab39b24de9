"""Messages of the engine, readers and `score`/`show`/`worksheets` commands."""

MESSAGES: dict[str, dict[str, str]] = {
    "answer.invalid": {
        "id": "Pertanyaan {question}: jawaban {value!r} tidak sah untuk jenis {type}; yang diperbolehkan: {allowed}.",
        "en": "Question {question}: answer {value!r} is not valid for type {type}; allowed: {allowed}.",
    },
    "answer.missing": {
        "id": "Pertanyaan {question} belum dijawab.",
        "en": "Question {question} is not answered.",
    },
    "answer.unknown-question": {
        "id": "soal_id {value} tidak ada di lembar kerja {worksheet}.",
        "en": "soal_id {value} is not in worksheet {worksheet}.",
    },
    "answer.duplicate": {
        "id": "Pertanyaan {question} dijawab lebih dari sekali; yang pertama ({first}) dipakai.",
        "en": "Question {question} is answered more than once; the first ({first}) is used.",
    },
    "file.not-found": {
        "id": "Berkas tidak ditemukan: {path}.",
        "en": "File not found: {path}.",
    },
    "file.is-directory": {
        "id": "{path} adalah folder, bukan berkas.",
        "en": "{path} is a directory, not a file.",
    },
    "file.unreadable": {
        "id": "Berkas tidak dapat dibaca: {reason}.",
        "en": "The file cannot be read: {reason}.",
    },
    "file.unknown-format": {
        "id": "Format berkas tidak dikenali; yang didukung: Excel LKE resmi (.xlsx, sheet {sheets}), JSON jawaban PortalRB, workbook pmprb.",
        "en": "Unknown file format; supported: official LKE Excel (.xlsx, sheet {sheets}), PortalRB answers JSON, pmprb workbook.",
    },
    "json.invalid": {
        "id": "JSON tidak sah: {reason}.",
        "en": "Invalid JSON: {reason}.",
    },
    "json.shape": {
        "id": "Isi JSON tidak sesuai format jawaban PortalRB: {reason}.",
        "en": "The JSON does not match the PortalRB answers format: {reason}.",
    },
    "worksheet.unknown": {
        "id": "Lembar kerja {value!r} tidak dikenal; yang tersedia: {allowed}.",
        "en": "Unknown worksheet {value!r}; available: {allowed}.",
    },
    "worksheet.invalid": {
        "id": "Definisi lembar kerja tidak sah: {reason}.",
        "en": "Invalid worksheet definition: {reason}.",
    },
    "worksheet.undetected": {
        "id": "Lembar kerja berkas ini tidak dapat ditentukan; pilih dengan --worksheet ({allowed}).",
        "en": "Cannot tell which worksheet this file uses; choose one with --worksheet ({allowed}).",
    },
    "layer.unknown": {
        "id": "Lapisan {value!r} tidak dikenal; yang tersedia: {allowed}.",
        "en": "Unknown layer {value!r}; available: {allowed}.",
    },
    "usage.no-files": {
        "id": "Tidak ada berkas yang diberikan.",
        "en": "No files given.",
    },
    "output.exists-as-input": {
        "id": "Berkas keluaran {path} sama dengan berkas masukan; pilih nama lain.",
        "en": "The output {path} is also an input; choose another name.",
    },
    "bug": {
        "id": "Terjadi kesalahan internal pmprb ({error}). Ini bug: mohon laporkan beserta perintah dan berkasnya.",
        "en": "pmprb hit an internal error ({error}). This is a bug: please report it with the command and file.",
    },
    "import.invalid": {
        "id": "Master soal tidak dapat diimpor: {reason}.",
        "en": "The master cannot be imported: {reason}.",
    },
    "import.written": {
        "id": "Lembar kerja {worksheet} ditulis ke {path} ({questions} pertanyaan).",
        "en": "Worksheet {worksheet} written to {path} ({questions} questions).",
    },
    # usage errors (click's English messages, rewritten; see cli/usage.py)
    "usage.usage": {"id": "Cara pakai:", "en": "Usage:"},
    "usage.try-help": {
        "id": "Lihat '{command} --help' untuk bantuan.",
        "en": "Try '{command} --help' for help.",
    },
    "usage.error": {"id": "Galat", "en": "Error"},
    "usage.no-such-option": {"id": "Opsi {g0} tidak dikenal.", "en": "No such option: {g0}"},
    "usage.no-such-option-hint": {
        "id": "Opsi {g0} tidak dikenal (mungkin: {g1}).",
        "en": "No such option: {g0} (Possible options: {g1})",
    },
    "usage.missing-argument": {"id": "Argumen '{g0}' belum diberikan.", "en": "Missing argument '{g0}'."},
    "usage.missing-option": {"id": "Opsi '{g0}' wajib diberikan.", "en": "Missing option '{g0}'."},
    "usage.requires-argument": {
        "id": "Opsi '{g0}' memerlukan nilai.",
        "en": "Option '{g0}' requires an argument.",
    },
    "usage.no-such-command": {
        "id": "Perintah '{g0}' tidak dikenal; lihat 'pmprb --help'.",
        "en": "No such command '{g0}'.",
    },
    "usage.extra-arguments": {
        "id": "Argumen berlebih: {g0}.",
        "en": "Got unexpected extra argument(s) ({g0})",
    },
    "usage.not-one-of": {
        "id": "Nilai '{g1}' tidak sah untuk {g0}; yang diperbolehkan: {g2}.",
        "en": "Invalid value for {g0}: '{g1}' is not one of {g2}.",
    },
    "usage.invalid-value": {"id": "Nilai tidak sah untuk {g0}: {g1}", "en": "Invalid value for {g0}: {g1}"},
    # labels
    "label.total": {"id": "Total", "en": "Total"},
    "label.predicate": {"id": "Predikat", "en": "Predicate"},
    "label.none": {"id": "tidak ada", "en": "none"},
    "label.node": {"id": "Komponen", "en": "Node"},
    "label.weight": {"id": "Bobot", "en": "Weight"},
    "label.score": {"id": "Nilai", "en": "Score"},
    "label.percent": {"id": "% Bobot", "en": "% of weight"},
    "label.file": {"id": "Berkas", "en": "File"},
    "label.missing": {"id": "Belum dijawab", "en": "Unanswered"},
    "label.errors": {"id": "Kesalahan", "en": "Errors"},
    "label.warnings": {"id": "Peringatan", "en": "Warnings"},
    "label.worksheet": {"id": "Lembar kerja", "en": "Worksheet"},
    "label.layer": {"id": "Lapisan", "en": "Layer"},
    "label.conditions": {"id": "Syarat {label}", "en": "Conditions for {label}"},
    "label.required": {"id": "syarat", "en": "required"},
    "label.achieved": {"id": "capaian", "en": "achieved"},
    "label.short-by": {"id": "kurang {gap}", "en": "short by {gap}"},
    "label.met": {"id": "terpenuhi", "en": "met"},
    "label.declare": {
        "id": "Dinyatakan oleh penilai (di luar nilai)",
        "en": "Declared by the assessor (not scored)",
    },
    "label.summary": {
        "id": "Ringkasan: {files} berkas, rata-rata {mean}, {with_errors} berkas dengan kesalahan",
        "en": "Summary: {files} files, mean {mean}, {with_errors} files with errors",
    },
    "label.missing-count": {
        "id": "{count} pertanyaan belum dijawab: {ids}",
        "en": "{count} unanswered questions: {ids}",
    },
    "label.question": {"id": "Pertanyaan", "en": "Question"},
    "label.type": {"id": "Jenis jawaban", "en": "Answer type"},
    "label.options": {"id": "Pilihan", "en": "Options"},
    "label.id": {"id": "ID", "en": "ID"},
    "label.title": {"id": "Judul", "en": "Title"},
    "label.year": {"id": "Tahun", "en": "Year"},
    "label.regulation": {"id": "Regulasi", "en": "Regulation"},
    "label.version": {"id": "Versi", "en": "Version"},
    "label.questions": {"id": "Pertanyaan", "en": "Questions"},
    "label.provisional": {"id": "sementara", "en": "provisional"},
    "label.chosen-worksheet": {
        "id": "{file}: memakai lembar kerja {worksheet} ({reason})",
        "en": "{file}: using worksheet {worksheet} ({reason})",
    },
}
