"""Shared pieces of the workbook tests: a small worksheet with every feature the workbook formulas
must follow, answer sets with the spellings people type, filling a workbook the way Excel would."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import yaml

from pmprb.catalog import load_worksheet_file
from pmprb.model import Worksheet
from pmprb.workbook.layout import Layout

CHOICES = {
    "yt": ("Ya/Tidak", [("Ya", 1, ["Y", "Yes"]), ("Tidak", 0, ["T"])]),
    "abc": ("A/B/C", [("A", 1, []), ("B", 0.5, []), ("C", 0, [])]),
    "abcd": ("A/B/C/D", [("A", 1, []), ("B", 0.67, []), ("C", 0.33, []), ("D", 0, [])]),
}


def _q(qid: str, kind: str, weight: Any = None, **extra: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"id": qid, "code": qid, "text": f"Pertanyaan {qid}", "type": kind}
    out.update(extra)
    if weight is not None:
        out["weight"] = weight
    return out


def mini_worksheet_data(version: str = "1.0") -> dict[str, Any]:
    """Equal shares with thirds, nested nodes, counts with ratios (cap, zero denominators) and a
    decrease, a weighted node holding an unweighted question (which the engine ignores), scales with
    min > 0, percentages, a combined node, and AA..D bands with exclusive lower bounds."""
    types: dict[str, Any] = {
        key: {
            "kind": "choice",
            "label": label,
            "options": [
                {"key": k, "value": v, "aliases": a, "criteria": f"Kriteria {k}"} for k, v, a in opts
            ],
        }
        for key, (label, opts) in CHOICES.items()
    }
    types["jumlah"] = {"kind": "count", "label": "Jumlah"}
    types["skala15"] = {"kind": "scale", "label": "Skala 1-5", "min": 1, "max": 5}
    types["skala04"] = {"kind": "scale", "label": "Nilai 0-4", "min": 0, "max": 4}
    types["persen"] = {"kind": "percent", "label": "Persen"}
    bands = [("AA", 90), ("A", 80), ("BB", 70), ("B", 60), ("CC", 50), ("C", 30)]
    predicates: list[dict[str, Any]] = [
        {"label": label, "when": [{"node": "total", "op": ">", "min": low}]} for label, low in bands
    ]
    predicates[0]["when"] += [
        {"node": "X", "min_percent": 75},
        {"node": "q9", "min": 20},
        {"node": "S3", "op": ">", "min_percent": "200/3"},
    ]
    predicates.append({"label": "D", "when": [{"node": "total", "op": ">=", "min": 0}]})
    return {
        "id": "mini-2030",
        "version": version,
        "title": "Mini LKE uji",
        "framework": "uji",
        "regulation": "Peraturan uji",
        "year": 2030,
        "source": "tests",
        "answer_types": types,
        "nodes": [
            {
                "id": "K1",
                "code": "A.",
                "title": "Komponen satu",
                "children": [
                    {
                        "id": "S1",
                        "code": "1.",
                        "title": "Bagian bersarang",
                        "children": [
                            {
                                "id": "S1a",
                                "code": "i.",
                                "title": "Bagi rata",
                                "weight": "20/3",
                                "questions": [_q("q1", "yt"), _q("q2", "abc"), _q("q3", "abcd")],
                            },
                            {
                                "id": "S1b",
                                "code": "ii.",
                                "title": "Satu pertanyaan",
                                "weight": "20/3",
                                "questions": [_q("q8", "yt", text="=cmd|' /C calc'!A0")],
                            },
                        ],
                    },
                    {
                        "id": "S2",
                        "code": "2.",
                        "title": "Jumlah dan persentase",
                        "weight": "50/3",
                        "questions": [
                            _q("c1", "jumlah"),
                            _q("c2", "jumlah"),
                            _q("q4", "abcd"),
                            _q("c3", "jumlah"),
                            _q("c4", "jumlah"),
                        ],
                        "computed": [
                            {
                                "kind": "ratio",
                                "id": "r1",
                                "title": "Rasio satu",
                                "numerator": ["c2"],
                                "denominator": ["c1", "c3"],
                            },
                            {
                                "kind": "ratio",
                                "id": "r2",
                                "title": "Rasio dua",
                                "numerator": ["c4"],
                                "denominator": ["c1"],
                                "cap": 1,
                                "zero_denominator": 0,
                            },
                            {
                                "kind": "decrease",
                                "id": "d1",
                                "title": "Penurunan",
                                "previous": "c1",
                                "current": "c3",
                            },
                        ],
                    },
                    {
                        "id": "S3",
                        "code": "3.",
                        "title": "Berbobot sendiri",
                        "weight": 30,
                        "questions": [
                            _q("q5", "skala15", 10),
                            _q("q6", "persen", 15),
                            _q("q7", "abc", 5),  # every question weighted: `pmprb check` refuses a mix
                        ],
                    },
                ],
            },
            {
                "id": "K2",
                "code": "B.",
                "title": "Komponen dua",
                "weight": 40,
                "questions": [_q("q9", "skala04", 25), _q("q10", "abcd", 15)],
            },
        ],
        "combined": [{"id": "X", "title": "Gabungan S1 dan S3", "sum": ["S1", "S3"]}],
        "predicates": predicates,
    }


def mini_worksheet(folder: Path, version: str = "1.0") -> tuple[Worksheet, Path]:
    path = folder / f"mini-{version}.yaml"
    path.write_text(yaml.safe_dump(mini_worksheet_data(version), allow_unicode=True, sort_keys=False))
    return load_worksheet_file(path), path


def typed_answer(rng: random.Random, worksheet: Worksheet, qid: str, best: float = 0.0) -> Any:
    """What an assessor might leave in an answer cell: valid values in several spellings, blanks,
    invalid values, numbers stored as text. `best` is the chance of the best valid answer."""
    atype = worksheet.answer_types[worksheet.questions[qid].type]
    if rng.random() < best:
        if atype.kind == "choice":
            return atype.options[0].key
        if atype.kind == "count":
            return rng.choice([0, 1, 4, 9])
        return float(atype.max) if atype.kind == "scale" else 100  # type: ignore[arg-type]
    if rng.random() < 0.12:
        return None
    if atype.kind == "choice":
        key = rng.choice(atype.options).key
        alias = rng.choice([a for o in atype.options for a in o.aliases] or [key])
        return rng.choice(
            [
                key,
                key,
                key.lower(),
                f" {key.lower()}. ",
                f"{key}. karena",
                f"({key})",
                f"{key} -",
                alias,
                "x",
                f"{key}.x",
                "",
                1,
            ]
        )
    if atype.kind == "count":
        return rng.choice([0, 0, 1, 2, 3, 5, 8, 13, -1, 2.5, "3"])
    if atype.kind == "scale":
        low, high = float(atype.min or 0), float(atype.max)  # type: ignore[arg-type]
        return rng.choice([round(rng.uniform(low, high), 2), high, low, high + 1, low - 0.5, "2,5"])
    return rng.choice([rng.randint(0, 100), 100, 0, 33.3, 150, "50"])


def answer_set(rng: random.Random, worksheet: Worksheet, best: float = 0.0) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for layer in worksheet.layers:
        out[layer] = {}
        for qid in worksheet.questions:
            value = typed_answer(rng, worksheet, qid, best)
            if value is not None:
                out[layer][qid] = value
    return out


def fill(template: Path, target: Path, layout: Layout, answers: dict[str, dict[str, Any]]) -> None:
    """Type answers into a generated workbook with openpyxl, as a user would in Excel."""
    from openpyxl import load_workbook

    book = load_workbook(template)
    sheet = book["LKE"]
    for layer, values in answers.items():
        column = layout.columns(layer).answer
        for qid, value in values.items():
            cell = sheet[f"{column}{layout.question_row[qid]}"]
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"
    book.save(target)


def test_mini_worksheet_has_every_feature(tmp_path: Path) -> None:
    worksheet, _ = mini_worksheet(tmp_path)
    kinds = {t.kind for t in worksheet.answer_types.values()}
    assert kinds == {"choice", "count", "scale", "percent"}
    assert any(q.weight is not None for q in worksheet.questions.values())
    assert {c.kind for n in worksheet.all_nodes for c in n.computed} == {"ratio", "decrease"}
    assert [r.label for r in worksheet.predicates] == ["AA", "A", "BB", "B", "CC", "C", "D"]
    assert worksheet.predicates[0].when[0].op == ">"
