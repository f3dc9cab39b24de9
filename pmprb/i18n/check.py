# ruff: noqa: E501
"""Messages of `pmprb check` and `pmprb schema`: one finding code each, with a fix hint (`<code>.hint`).

Messages stay one per line (hence no line-length rule here). Parameters marked as terms (`{expected:id}`) are `Term`s: one value that formats in either language.
"""

from __future__ import annotations


class Term(str):
    """A short phrase in both languages; `format(term, 'id')` gives the Indonesian one."""

    id_text: str

    def __new__(cls, id_text: str, en_text: str) -> Term:
        term = super().__new__(cls, en_text)
        term.id_text = id_text
        return term

    def __format__(self, spec: str) -> str:
        return self.id_text if spec == "id" else str(self)


TERMS: dict[str, Term] = {
    "root": Term("tingkat teratas berkas", "the top level of the file"),
    "empty": Term("(kosong)", "(empty)"),
    "this-mapping": Term("pemetaan ini", "this mapping"),
    "this-list": Term("daftar ini", "this list"),
    "text": Term("teks", "text"),
    "integer": Term("bilangan bulat", "a whole number"),
    "number": Term("angka", "a number"),
    "fraction": Term("angka atau pecahan seperti '1/3'", "a number or a fraction such as '1/3'"),
    "boolean": Term("true atau false", "true or false"),
    "list": Term("daftar (- butir)", "a list (- items)"),
    "mapping": Term("pemetaan (kunci: nilai)", "a mapping (key: value)"),
    "count-question": Term("pertanyaan berjenis jumlah", "a count question"),
    "tree-node": Term("id node pada pohon (bukan node gabungan)", "a tree node id (not a combined node)"),
    "condition-target": Term(
        "'total', id node, id node gabungan, atau id pertanyaan berbobot sendiri",
        "'total', a node id, a combined id, or the id of a question with its own weight",
    ),
}

MESSAGES: dict[str, dict[str, str]] = {
    # YAML and schema
    "check.yaml-syntax": {
        "id": "YAML tidak sah: {detail}.",
        "en": "Invalid YAML: {detail}.",
    },
    "check.yaml-syntax.hint": {
        "id": "Periksa indentasi (spasi, bukan tab), tanda kutip dan titik dua di baris ini atau sebelumnya.",
        "en": "Check indentation (spaces, not tabs), quotes and colons on this line or the one before.",
    },
    "check.yaml-duplicate-key": {
        "id": "Kunci {key_name!r} ditulis dua kali dalam satu pemetaan; YAML hanya memakai yang terakhir.",
        "en": "Key {key_name!r} appears twice in one mapping; YAML keeps only the last one.",
    },
    "check.yaml-duplicate-key.hint": {
        "id": "Hapus salah satu, atau gabungkan isinya.",
        "en": "Remove one of them, or merge their contents.",
    },
    "check.schema-unknown-key": {
        "id": "Kunci {key_name!r} tidak dikenal di sini; yang diperbolehkan: {allowed}.",
        "en": "Unknown key {key_name!r} here; allowed: {allowed}.",
    },
    "check.schema-unknown-key.hint": {
        "id": "Hapus kunci ini atau ganti dengan salah satu kunci yang diperbolehkan.",
        "en": "Remove the key or use one of the allowed keys.",
    },
    "check.schema-unknown-key.hint-suggest": {
        "id": "Mungkin maksudnya {suggestion!r}?",
        "en": "Did you mean {suggestion!r}?",
    },
    "check.schema-missing-key": {
        "id": "Kunci wajib {key_name!r} tidak ada di {where:id}.",
        "en": "Required key {key_name!r} is missing in {where:en}.",
    },
    "check.schema-missing-key.hint": {
        "id": "Tambahkan {key_name}: ... pada pemetaan ini.",
        "en": "Add {key_name}: ... to this mapping.",
    },
    "check.schema-type": {
        "id": "{field:id}: {value:id} harus berupa {expected:id}.",
        "en": "{field:en}: {value:en} must be {expected:en}.",
    },
    "check.schema-type.hint": {
        "id": "Lihat skema (pmprb schema) untuk bentuk yang diharapkan.",
        "en": "See the schema (pmprb schema) for the expected shape.",
    },
    "check.schema-choice": {
        "id": "{field:id}: nilai {value:id} tidak diperbolehkan; pilihan: {allowed}.",
        "en": "{field:en}: value {value:en} is not allowed; choose {allowed}.",
    },
    "check.schema-choice.hint": {
        "id": "Tulis salah satu pilihan persis seperti di atas.",
        "en": "Write one of the choices exactly as listed.",
    },
    "check.schema-empty": {
        "id": "{field:id} tidak boleh kosong.",
        "en": "{field:en} must not be empty.",
    },
    "check.schema-empty.hint": {
        "id": "Isi paling sedikit satu butir, atau hapus kuncinya bila tidak wajib.",
        "en": "Give at least one item, or remove the key when it is optional.",
    },
    "check.schema-pattern": {
        "id": "{field:id}: nilai {value:id} tidak sesuai pola {pattern}.",
        "en": "{field:en}: value {value:en} does not match the pattern {pattern}.",
    },
    "check.schema-pattern.hint": {
        "id": "Pakai huruf kecil, angka, titik, garis bawah atau tanda hubung, misalnya zi-2026.",
        "en": "Use lower-case letters, digits, dots, underscores or hyphens, e.g. zi-2026.",
    },
    "check.schema-invalid": {
        "id": "{field:id}: {value:id} tidak sah ({reason}).",
        "en": "{field:en}: {value:en} is invalid ({reason}).",
    },
    "check.schema-invalid.hint": {
        "id": "Lihat skema (pmprb schema) dan DOMAIN.md untuk aturan bidang ini.",
        "en": "See the schema (pmprb schema) and DOMAIN.md for this field's rules.",
    },
    # weights
    "check.weight-total": {
        "id": "Jumlah bobot node teratas {total}, seharusnya 100 ({parts}).",
        "en": "The top nodes' weights add up to {total}, not 100 ({parts}).",
    },
    "check.weight-total.hint": {
        "id": "Periksa bobot komponen teratas; nilai total LKE adalah 100.",
        "en": "Check the top components' weights; an LKE totals 100.",
    },
    "check.weight-sum": {
        "id": "Node {id} berbobot {value}, tetapi jumlah bobot isinya {total} ({parts}).",
        "en": "Node {id} has weight {value}, but its children add up to {total} ({parts}).",
    },
    "check.weight-sum.hint": {
        "id": "Perbaiki bobot anak yang salah atau bobot node ini; tulis sepertiga sebagai '1/3', bukan 0.33.",
        "en": "Fix the wrong child's weight or this node's; write a third as '1/3', not 0.33.",
    },
    "check.weight-non-positive": {
        "id": "Bobot {id} adalah {value}; bobot harus lebih dari 0.",
        "en": "The weight of {id} is {value}; weights must be greater than 0.",
    },
    "check.weight-non-positive.hint": {
        "id": "Tulis bobot positif, atau hapus kunci weight bila pertanyaan berbagi bobot node secara rata.",
        "en": "Give a positive weight, or remove the weight key when questions share the node's weight equally.",
    },
    "check.weight-missing": {
        "id": "Node {id} berisi pertanyaan berbagi rata tetapi tidak punya bobot; nilainya selalu 0.",
        "en": "Node {id} holds equal-share questions but has no weight; it always scores 0.",
    },
    "check.weight-missing.hint": {
        "id": "Tambahkan weight: pada node ini.",
        "en": "Add weight: to this node.",
    },
    "check.weight-mixed": {
        "id": "Node {id} mencampur pertanyaan berbobot sendiri dengan butir berbagi rata ({items}); "
        "butir tanpa bobot tidak ikut dinilai.",
        "en": "Node {id} mixes questions with their own weight and equal-share items ({items}); "
        "the unweighted items are not scored.",
    },
    "check.weight-mixed.hint": {
        "id": "Beri bobot pada semua pertanyaan node ini, atau hapus bobot pertanyaan dan pakai bobot node.",
        "en": "Give every question of this node a weight, or drop the question weights and use the node's.",
    },
    "check.weight-decimal-third": {
        "id": "Bobot {id} ditulis {value}; kemungkinan maksudnya {exact} (pecahan tepat).",
        "en": "The weight of {id} is written {value}; {exact} (an exact fraction) was likely meant.",
    },
    "check.weight-decimal-third.hint": {
        "id": "Tulis '{exact}' (dalam tanda kutip) agar bobot saudara-saudaranya tetap berjumlah tepat.",
        "en": "Write '{exact}' (quoted) so that sibling weights add up exactly.",
    },
    "check.node-empty": {
        "id": "Node {id} tidak berisi node, pertanyaan bernilai, maupun butir terhitung; nilainya selalu 0.",
        "en": "Node {id} holds no child nodes, scored questions or computed items; it always scores 0.",
    },
    "check.node-empty.hint": {
        "id": "Tambahkan pertanyaan atau butir terhitung (computed), atau hapus node ini.",
        "en": "Add questions or computed items, or remove the node.",
    },
    # answer types
    "check.option-range": {
        "id": "Jenis jawaban {type}: nilai pilihan {key_name} adalah {value}; harus antara 0 dan 1.",
        "en": "Answer type {type}: option {key_name} has value {value}; it must be between 0 and 1.",
    },
    "check.option-range.hint": {
        "id": "Nilai pilihan adalah bagian dari bobot: 1 untuk jawaban terbaik, 0 untuk terburuk.",
        "en": "An option's value is a share of the weight: 1 for the best answer, 0 for the worst.",
    },
    "check.option-order": {
        "id": "Jenis jawaban {type}: pilihan pertama {key_name} bukan yang terbaik ({best} = {value}).",
        "en": "Answer type {type}: the first option {key_name} is not the best ({best} = {value}).",
    },
    "check.option-order.hint": {
        "id": "Urutkan pilihan dari nilai tertinggi ke terendah, seperti pada LKE resmi.",
        "en": "List options from the highest value to the lowest, as the official LKE does.",
    },
    "check.option-duplicate": {
        "id": "Jenis jawaban {type}: {key_name!r} sudah dipakai oleh pilihan {first} (huruf besar/kecil tidak "
        "dibedakan).",
        "en": "Answer type {type}: {key_name!r} is already used by option {first} (case does not matter).",
    },
    "check.option-duplicate.hint": {
        "id": "Setiap kunci dan alias harus unik dalam satu jenis jawaban.",
        "en": "Every key and alias must be unique within an answer type.",
    },
    "check.answer-type-unused": {
        "id": "Jenis jawaban {type} didefinisikan tetapi tidak dipakai pertanyaan mana pun.",
        "en": "Answer type {type} is defined but no question uses it.",
    },
    "check.answer-type-unused.hint": {
        "id": "Hapus jenis jawaban ini, atau periksa kunci type pada pertanyaan yang seharusnya memakainya.",
        "en": "Remove the answer type, or check the type key of the questions meant to use it.",
    },
    "check.answer-type-unknown": {
        "id": "Jenis jawaban {type!r} tidak ada di answer_types; yang tersedia: {allowed}.",
        "en": "Answer type {type!r} is not in answer_types; available: {allowed}.",
    },
    "check.answer-type-unknown.hint": {
        "id": "Perbaiki ejaan type, atau tambahkan jenis jawaban ini ke answer_types.",
        "en": "Fix the type's spelling, or add the answer type to answer_types.",
    },
    "check.criteria-unknown-option": {
        "id": "Pertanyaan {question}: kriteria untuk pilihan {key_name!r}, padahal jenis {type} hanya punya {allowed}.",
        "en": "Question {question}: kriteria for option {key_name!r}, but type {type} only has {allowed}.",
    },
    "check.criteria-unknown-option.hint": {
        "id": "Pakai kunci pilihan persis seperti pada jenis jawabannya.",
        "en": "Use the option keys exactly as the answer type spells them.",
    },
    # ids and references
    "check.id-duplicate": {
        "id": "Id {id!r} sudah dipakai di baris {first_line}; id node, pertanyaan, butir terhitung dan node "
        "gabungan harus unik.",
        "en": "Id {id!r} is already used on line {first_line}; node, question, computed and combined ids must "
        "be unique.",
    },
    "check.id-duplicate.hint": {
        "id": "Beri id lain; jawaban, syarat predikat dan laporan merujuk ke id ini.",
        "en": "Choose another id; answers, predicate conditions and reports refer to it.",
    },
    "check.id-reserved": {
        "id": "Id {id!r} dicadangkan untuk nilai total.",
        "en": "Id {id!r} is reserved for the total score.",
    },
    "check.id-reserved.hint": {
        "id": "Pakai id lain.",
        "en": "Use another id.",
    },
    "check.source-duplicate": {
        "id": "Pertanyaan {question}: {field} {value} sudah dipakai di baris {first_line}.",
        "en": "Question {question}: {field} {value} is already used on line {first_line}.",
    },
    "check.source-duplicate.hint": {
        "id": "Jawaban dari PortalRB atau Excel resmi dicocokkan lewat nilai ini; setiap pertanyaan perlu nilai sendiri.",
        "en": "Answers from PortalRB or the official Excel are matched by this value; each question needs its own.",
    },
    "check.ref-unknown": {
        "id": "{owner} merujuk {ref!r}, yang tidak ada; yang boleh dirujuk: {kinds:id}.",
        "en": "{owner} refers to {ref!r}, which does not exist; it may refer to {kinds:en}.",
    },
    "check.ref-unknown.hint": {
        "id": "Perbaiki ejaan id, atau tambahkan yang dirujuk.",
        "en": "Fix the id's spelling, or add what it refers to.",
    },
    "check.ref-not-count": {
        "id": "Butir terhitung {owner} memakai pertanyaan {ref} berjenis {type}, bukan jumlah.",
        "en": "Computed item {owner} uses question {ref} of type {type}, not a count.",
    },
    "check.ref-not-count.hint": {
        "id": "Rasio dan penurunan dihitung dari pertanyaan berjenis count (jumlah).",
        "en": "Ratios and decreases are computed from count questions.",
    },
    "check.ref-unweighted": {
        "id": "Syarat {owner} merujuk pertanyaan {ref}, yang tidak punya bobot sendiri; nilainya tidak terukur.",
        "en": "A condition of {owner} refers to question {ref}, which has no weight of its own; it has no score.",
    },
    "check.ref-unweighted.hint": {
        "id": "Rujuk node yang memuat pertanyaan ini, atau beri pertanyaan itu bobot sendiri.",
        "en": "Refer to the node holding the question, or give the question its own weight.",
    },
    "check.ref-cycle": {
        "id": "Rujukan melingkar: {cycle}.",
        "en": "Circular reference: {cycle}.",
    },
    "check.ref-cycle.hint": {
        "id": "Sebuah node tidak boleh memuat atau menjumlahkan dirinya sendiri; periksa alias YAML (*) dan daftar sum.",
        "en": "A node cannot contain or sum itself; check YAML aliases (*) and sum lists.",
    },
    "check.combined-overlap": {
        "id": "Node gabungan {owner} menjumlahkan {ref} padahal {other} sudah memuatnya; nilainya terhitung dua kali.",
        "en": "Combined node {owner} sums {ref} while {other} already contains it; it is counted twice.",
    },
    "check.combined-overlap.hint": {
        "id": "Hapus salah satunya dari daftar sum.",
        "en": "Remove one of them from the sum list.",
    },
    # predicates
    "check.predicate-threshold": {
        "id": "Predikat {rule}: syarat {node} {op} {value} melebihi bobotnya ({weight}); aturan ini tidak "
        "pernah terpenuhi.",
        "en": "Predicate {rule}: condition {node} {op} {value} is above its weight ({weight}); the rule can "
        "never hold.",
    },
    "check.predicate-threshold.hint": {
        "id": "Periksa ambang: min adalah nilai mutlak, min_percent adalah persen dari bobot.",
        "en": "Check the threshold: min is an absolute score, min_percent a percentage of the weight.",
    },
    "check.predicate-never": {
        "id": "Predikat {rule}: syarat {node} {op} {value} tidak pernah terpenuhi; nilai tertinggi yang bisa "
        "dicapai {maximum}.",
        "en": "Predicate {rule}: condition {node} {op} {value} can never hold; the highest reachable score is "
        "{maximum}.",
    },
    "check.predicate-never.hint": {
        "id": "Pakai >= untuk ambang sama dengan bobot, atau periksa bobot dan nilai pilihan di bawah node ini.",
        "en": "Use >= for a threshold equal to the weight, or check the weights and option values below the node.",
    },
    "check.predicate-shadowed": {
        "id": "Predikat {rule} tidak pernah dipilih: setiap kali syaratnya terpenuhi, predikat {earlier} "
        "(baris {earlier_line}) yang lebih dulu juga terpenuhi.",
        "en": "Predicate {rule} is never chosen: whenever its conditions hold, the earlier {earlier} "
        "(line {earlier_line}) holds too.",
    },
    "check.predicate-shadowed.hint": {
        "id": "Aturan pertama yang terpenuhi menang: letakkan predikat yang lebih ketat lebih dulu.",
        "en": "The first rule that holds wins: list the stricter predicate first.",
    },
    "check.predicate-band-overlap": {
        "id": "Rentang predikat {rule} tumpang tindih dengan {earlier} (baris {earlier_line}) dan tidak pernah "
        "dipilih.",
        "en": "The band of predicate {rule} overlaps {earlier} (line {earlier_line}) and is never chosen.",
    },
    "check.predicate-band-overlap.hint": {
        "id": "Urutkan rentang dari ambang tertinggi ke terendah, dengan ambang yang berbeda.",
        "en": "List the bands from the highest threshold to the lowest, each with its own threshold.",
    },
    "check.predicate-band-gap": {
        "id": "Rentang predikat berhenti di {rule} (total {op} {value}); nilai total di bawahnya tidak mendapat "
        "predikat.",
        "en": "The predicate bands stop at {rule} (total {op} {value}); lower totals get no predicate.",
    },
    "check.predicate-band-gap.hint": {
        "id": "Tambahkan rentang terbawah dengan total >= 0.",
        "en": "Add a lowest band with total >= 0.",
    },
    # texts and provisional markers
    "check.text-empty": {
        "id": "{id}: {field} kosong.",
        "en": "{id}: {field} is empty.",
    },
    "check.text-empty.hint": {
        "id": "Isi teksnya dari LKE resmi, atau hapus kunci bila tidak wajib.",
        "en": "Fill the text in from the official LKE, or remove the key when it is optional.",
    },
    "check.provisional": {
        "id": "{id} ditandai sementara (provisional): belum ada sumber resmi.",
        "en": "{id} is marked provisional: no published source yet.",
    },
    "check.provisional.hint": {
        "id": "Ganti dengan isi dari sumber resmi (termasuk yang di dalamnya) lalu hapus provisional: true.",
        "en": "Replace it (and anything inside it) with the published content, then remove provisional: true.",
    },
    # command output
    "check.clean": {
        "id": "{files} lembar kerja diperiksa: tidak ada temuan.",
        "en": "{files} worksheets checked: no findings.",
    },
    "check.summary": {
        "id": "{files} lembar kerja diperiksa: {errors} galat, {warnings} peringatan.",
        "en": "{files} worksheets checked: {errors} errors, {warnings} warnings.",
    },
    "check.no-worksheets": {
        "id": "Tidak ada berkas lembar kerja (.yaml/.yml) di {path}.",
        "en": "No worksheet files (.yaml/.yml) in {path}.",
    },
    "check.import-findings": {
        "id": "Pemeriksaan lembar kerja yang ditulis menemukan {errors} galat dan {warnings} peringatan.",
        "en": "Checking the written worksheet found {errors} errors and {warnings} warnings.",
    },
    "label.hint": {"id": "saran", "en": "hint"},
    "label.severity.error": {"id": "galat", "en": "error"},
    "label.severity.warning": {"id": "peringatan", "en": "warning"},
    "label.severity.info": {"id": "info", "en": "info"},
    "schema.written": {
        "id": "Skema JSON lembar kerja ditulis ke {path}.",
        "en": "Worksheet JSON Schema written to {path}.",
    },
}
