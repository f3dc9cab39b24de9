"""Messages for broken, odd and hostile input files (limits, damaged or encrypted workbooks, cells
whose value cannot be trusted)."""

MESSAGES: dict[str, dict[str, str]] = {
    "file.too-large": {
        "id": "Berkas berukuran {size} MB, melebihi batas {limit} MB untuk {what}.",
        "en": "The file is {size} MB, over the {limit} MB limit for {what}.",
    },
    "file.damaged": {
        "id": "Berkas rusak atau terpotong ({reason}); unduh atau salin ulang dari sumbernya.",
        "en": "The file is damaged or truncated ({reason}); download or copy it again from its source.",
    },
    "file.not-workbook": {
        "id": "Berkas ZIP ini bukan workbook (tidak ada {expected}); mungkin dokumen lain yang "
        "diberi nama .xlsx.",
        "en": "This ZIP file is not a workbook (no {expected}); perhaps another document renamed to .xlsx.",
    },
    "file.encrypted": {
        "id": "Workbook dilindungi kata sandi; buka di Excel/LibreOffice, hapus kata sandinya, "
        "simpan ulang, lalu coba lagi.",
        "en": "The workbook is password-protected; open it in Excel/LibreOffice, remove the "
        "password, save it again and retry.",
    },
    "file.bomb": {
        "id": "Isi workbook mengembang menjadi {size} MB ({detail}); batasnya {limit} MB. Berkas "
        "ini ditolak demi keamanan.",
        "en": "The workbook expands to {size} MB ({detail}); the limit is {limit} MB. The file is "
        "refused for safety.",
    },
    "file.too-many-parts": {
        "id": "Workbook berisi {count} bagian; batasnya {limit}.",
        "en": "The workbook has {count} parts; the limit is {limit}.",
    },
    "file.xml-invalid": {
        "id": "XML di dalam workbook tidak sah atau memakai entitas (DOCTYPE) yang tidak diizinkan: "
        "{reason}.",
        "en": "XML inside the workbook is invalid or uses entities (DOCTYPE) that are not allowed: {reason}.",
    },
    "file.timeout": {
        "id": "Membaca berkas melebihi {seconds} detik atau {memory} MB memori; berkas terlalu "
        "besar atau rusak.",
        "en": "Reading the file took over {seconds} s or {memory} MB of memory; the file is too "
        "large or damaged.",
    },
    "sheet.too-large": {
        "id": "Sheet terlalu besar: ada sel di {extent}; batasnya {max_rows} baris x {max_columns} kolom. "
        "Hapus baris/kolom kosong yang terisi format di ujung sheet.",
        "en": "The sheet is too large: it has cells at {extent}; the limit is {max_rows} rows x "
        "{max_columns} "
        "columns. Delete formatted empty rows/columns at the sheet's end.",
    },
    "sheet.missing": {
        "id": "Sheet {expected!r} tidak ada; sheet yang ada: {found}. Kembalikan nama sheet aslinya.",
        "en": "Sheet {expected!r} is missing; the file has: {found}. Restore the sheet's original name.",
    },
    "sheet.hidden": {
        "id": "Sheet {sheet} tersembunyi; jawabannya tetap dibaca.",
        "en": "Sheet {sheet} is hidden; its answers are read all the same.",
    },
    "cell.hidden-row": {
        "id": "Pertanyaan {question}: baris {row} tersembunyi; jawabannya tetap dihitung.",
        "en": "Question {question}: row {row} is hidden; its answer counts all the same.",
    },
    "cell.merged": {
        "id": "Pertanyaan {question}: sel ini bagian dari sel gabungan {range}, jadi tidak berisi "
        "jawaban sendiri; "
        "pisahkan (unmerge) dan isi tiap baris.",
        "en": "Question {question}: this cell is part of the merged range {range}, so it holds no "
        "answer of its own; "
        "unmerge it and fill each row.",
    },
    "cell.formula-uncached": {
        "id": "Pertanyaan {question}: sel berisi rumus tanpa nilai tersimpan; buka dan simpan "
        "berkas di Excel/LibreOffice "
        "agar nilainya dihitung.",
        "en": "Question {question}: the cell holds a formula without a saved value; open and save "
        "the file in "
        "Excel/LibreOffice so the value is computed.",
    },
    "cell.duplicate-row": {
        "id": "Pertanyaan {question}: teks pertanyaannya juga ada di baris {other}; baris mungkin "
        "tersalin atau bergeser. "
        "Jawaban dibaca dari baris {row} sesuai master.",
        "en": "Question {question}: its text also appears on row {other}; a row may be copied or shifted. "
        "The answer is read from row {row}, as the master says.",
    },
    "json.too-deep": {
        "id": "JSON bersarang terlalu dalam.",
        "en": "The JSON is nested too deeply.",
    },
}
