"""Messages of the official-form reader (pmprb.readers.lke_form) and the cross-check (pmprb.crosscheck)."""

MESSAGES: dict[str, dict[str, str]] = {
    "lkeform.row-unmapped": {
        "id": (
            "Baris {text!r} tidak cocok dengan pertanyaan mana pun di lembar kerja {worksheet}; baris ini"
            " tidak dinilai."
        ),
        "en": "Row {text!r} matches no question of worksheet {worksheet}; it is not scored.",
    },
    "lkeform.question-not-found": {
        "id": (
            "Pertanyaan {question} ({text!r}) tidak ditemukan di sheet ini; dinilai 0 sebagai belum dijawab."
        ),
        "en": "Question {question} ({text!r}) is not in this sheet; it scores 0 as unanswered.",
    },
    "lkeform.layer-absent": {
        "id": "Berkas ini tidak memiliki kolom jawaban untuk lapisan {value_id!r}; yang ada: {allowed}.",
        "en": "This file has no answer column for layer {value!r}; it has: {allowed}.",
    },
    "crosscheck.wrong-range": {
        "id": (
            "Rumus {formula} menghitung rentang yang salah: membaca {reads}, padahal menurut bobot pohon "
            "seharusnya {expected_id}. Sheet menampilkan {sheet_id}, aturan memberi {engine_id}."
        ),
        "en": (
            "Formula {formula} aggregates the wrong range: it reads {reads}, while by the tree's weights "
            "it should be {expected}. The sheet shows {sheet}, the rules give {engine}."
        ),
    },
    "crosscheck.unknown-type": {
        "id": (
            "Pertanyaan {question}: sel jenis jawaban berisi {value_id!r}, bukan jenis yang dikenal rumus "
            'formulir ({allowed}); formulir menampilkan "-" dan melewatkan pertanyaan ini dari rata-rata.'
            " Lembar kerja: {expected_id}. Sheet {sheet_id}, aturan {engine_id}."
        ),
        "en": (
            "Question {question}: the answer-type cell reads {value!r}, not a type the form's formula "
            'knows ({allowed}); the form shows "-" and leaves the question out of the average. Worksheet:'
            " {expected}. Sheet {sheet}, rules {engine}."
        ),
    },
    "crosscheck.type-changed": {
        "id": (
            "Pertanyaan {question}: sel jenis jawaban berisi {value_id!r}, lembar kerja menetapkan "
            "{expected_id}; formulir menilai dengan nilai pilihan jenis yang salah. Sheet {sheet_id}, aturan "
            "{engine_id}."
        ),
        "en": (
            "Question {question}: the answer-type cell reads {value!r} where the worksheet says "
            "{expected}; the form values the answer with the wrong type's options. Sheet {sheet}, rules "
            "{engine}."
        ),
    },
    "crosscheck.count-total": {
        "id": (
            "Jumlah {total_id} di sel ini tidak sama dengan rinciannya {parts} = {sum}; formulir membagi "
            "dengan jumlah ini, aturan dengan rinciannya. Sheet {sheet_id}, aturan {engine_id}."
        ),
        "en": (
            "The total {total} in this cell differs from its parts {parts} = {sum}; the form divides by "
            "the total, the rules by the parts. Sheet {sheet}, rules {engine}."
        ),
    },
    "crosscheck.count-parts-missing": {
        "id": (
            "Jumlah {total_id} diisi tetapi rinciannya ({parts}) kosong; formulir membagi dengan jumlah ini,"
            " aturan memerlukan rinciannya. Sheet {sheet_id}, aturan {engine_id}."
        ),
        "en": (
            "The total {total} is filled but its parts ({parts}) are empty; the form divides by the "
            "total, the rules need the parts. Sheet {sheet}, rules {engine}."
        ),
    },
    "crosscheck.formula-overwritten": {
        "id": (
            "Rumus formulir di sel ini telah ditimpa angka {value_id}; angka ini tidak lagi mengikuti "
            "jawaban (aturan memberi {expected_id})."
        ),
        "en": (
            "The form's formula in this cell was overwritten by the number {value}; it no longer follows "
            "the answers (the rules give {expected})."
        ),
    },
    "crosscheck.unanswered-skipped": {
        "id": (
            'Belum diisi: {cells}. AVERAGE formulir melewatkan butir kosong ("Blm Diisi" adalah teks), '
            "sehingga sheet menampilkan {sheet_id} padahal aturan memberi {engine_id} "
            "(butir kosong bernilai 0)."
        ),
        "en": (
            'Not filled: {cells}. The form\'s AVERAGE skips empty items ("Blm Diisi" is text), so the '
            "sheet shows {sheet} where the rules give {engine} (an empty item scores 0)."
        ),
    },
    "crosscheck.form-error": {
        "id": (
            "Formulir menampilkan galat {value_id} di sel ini (mis. pembagian dengan nol); aturan memberi "
            "{expected_id}."
        ),
        "en": (
            "The form shows the error {value} in this cell (e.g. a division by zero); the rules give "
            "{expected}."
        ),
    },
    "crosscheck.no-formulas": {
        "id": (
            "Sheet {name} berisi angka tanpa rumus (ditempel sebagai nilai); angka formulir tidak dapat "
            "ditelusuri ke jawabannya. Nilai pmprb dihitung dari jawaban."
        ),
        "en": (
            "Sheet {name} holds numbers without formulas (pasted as values); the form's figures cannot be "
            "traced to its answers. pmprb's scores are computed from the answers."
        ),
    },
    "crosscheck.unexplained": {
        "id": "Nilai formulir {sheet_id} berbeda dari nilai aturan {engine_id}, tanpa sebab yang dikenali.",
        "en": "The form's figure {sheet} differs from the rules' {engine}, for no cause pmprb recognises.",
    },
}
