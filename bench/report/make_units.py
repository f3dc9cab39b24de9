"""Write N official-layout ZI workbooks of units with varied answers (some unanswered, some invalid,
notes and evidence), named as admins name them: python bench/report/make_units.py DIR N"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from pmprb.catalog import get_worksheet
from pmprb.writers.official_excel import write_official_zi

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from examples.generate import plausible_answers

OFFICES = [
    "KPP_Pratama_Jakarta_Gambir_Satu",
    "KPP_Pratama_Jakarta_Gambir_Dua",
    "KPP_Madya_Bandung",
    "KPPBC_Tipe_Madya_Pabean_Tanjung_Priok",
    "Kantor_Imigrasi_Kelas_I_Khusus_Soekarno_Hatta",
    "Balai_Besar_POM_Surabaya",
    "Kantor_Pertanahan_Kabupaten_Sleman",
    "Rumah_Sakit_Umum_Pusat_Dr_Sardjito",
    "Pengadilan_Negeri_Semarang_Kelas_IA_Khusus",
    "Kantor_Wilayah_DJP_Sumatera_Utara_I",
    "Samsat_Kota_Medan_Utara",
    "Lapas_Kelas_IIA_Yogyakarta",
    "Kantor_Kementerian_Agama_Kota_Malang",
    "Balai_Karantina_Pertanian_Kelas_I_Makassar",
    "KPKNL_Denpasar",
    "Dinas_Kependudukan_dan_Pencatatan_Sipil_Kota_Bogor",
    "Puskesmas_Kecamatan_Tebet",
    "Kantor_SAR_Kelas_A_Semarang",
    "BPS_Kabupaten_Banyumas",
    "Politeknik_Keuangan_Negara_STAN",
]


def main(folder: Path, count: int, seed: int = 20) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    ws = get_worksheet("zi-2026")
    rng = random.Random(seed)
    out = []
    for i in range(count):
        name = OFFICES[i % len(OFFICES)] + (f"_{i // len(OFFICES) + 1}" if i >= len(OFFICES) else "")
        unit = plausible_answers(ws, rng, skill=rng.uniform(0.8, 3.0))
        tpi = plausible_answers(ws, rng, skill=rng.uniform(0.8, 3.0))
        for qid in rng.sample(sorted(unit), rng.randint(0, 4)):  # unfinished
            unit.pop(qid)
        if i % 4 == 1:  # what people type by mistake
            unit[rng.choice(sorted(unit))] = "ya kak"
        notes = {"unit": {q: f"Catatan unit untuk butir {q}" for q in rng.sample(sorted(unit), 10)}}
        evidence = {
            "unit": {
                q: f"https://drive.example.go.id/zi/{name}/bukti-{q}.pdf"
                for q in rng.sample(sorted(unit), 60)
            }
        }
        path = folder / f"LKE_ZI_2026_{name}.xlsx"
        write_official_zi(path, ws, {"unit": unit, "tpi": tpi}, notes, evidence)
        out.append(path)
    return out


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]))
