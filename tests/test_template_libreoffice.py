"""The workbook's live formulas equal the engine: generated workbooks are filled with random answer
sets (both layers; blanks, other spellings, invalid values, numbers stored as text, zero
denominators), recalculated by LibreOffice headless, and every node, combined node, computed item,
question value, total and predicate is compared with `pmprb`'s own scoring of the same file."""

from __future__ import annotations

import random
import subprocess
from fractions import Fraction
from pathlib import Path
from typing import Any

from pmprb.catalog import shipped_worksheets
from pmprb.i18n import t
from pmprb.model import DecreaseItem, RatioItem, Worksheet
from pmprb.readers import own_workbook
from pmprb.readers.source import Source, column_index
from pmprb.scoring.engine import score
from pmprb.scoring.result import ScoreResult
from pmprb.workbook.layout import Layout
from pmprb.workbook.writer import write_workbook
from tests.answer_sets import extreme_answers
from tests.test_template_helpers import answer_set, fill, mini_worksheet

SETS = 20


def _recalculate(soffice: str, tmp_path: Path, files: list[Path]) -> Path:
    """One LibreOffice run for all files (its start-up dominates), with a private profile."""
    out = tmp_path / "recalculated"
    out.mkdir()
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            *map(str, files),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return out


def _answer_sets(worksheet: Worksheet, seed: int, count: int) -> list[dict[str, dict[str, Any]]]:
    rng = random.Random(seed)
    sets = [answer_set(rng, worksheet, best=rng.choice([0.0, 0.3, 0.9, 0.97])) for _ in range(count - 2)]
    best = extreme_answers(worksheet, best=True)
    sets.append({layer: dict(best) for layer in worksheet.layers})  # every condition of the first rule
    sets.append({})  # nothing answered
    return sets


def _cell(grids: dict[str, list[list[Any]]], sheet: str, address: str) -> Any:
    letters = "".join(c for c in address if c.isalpha())
    row = int("".join(c for c in address if c.isdigit())) - 1
    grid = grids[sheet]
    line = grid[row] if row < len(grid) else []
    column = column_index(letters)
    return line[column] if column < len(line) else None


def _compare(result: ScoreResult, layout: Layout, grids: dict[str, list[list[Any]]], where: str) -> list[str]:
    wrong: list[str] = []
    expected: dict[str, Fraction] = {n.id: n.score for n in result.nodes}
    expected.update({c.id: c.value for c in result.computed})
    expected["total"] = result.total
    cells = layout.score_cells(result.layer)
    for key, (sheet, address) in cells.items():
        got = _cell(grids, sheet, address)
        if key == "predicate":
            if got != (result.predicate or t("predicate.none", "id")):
                wrong.append(f"{where} predicate {got!r} != {result.predicate!r}")
            continue
        if not isinstance(got, int | float) or abs(got - float(expected[key])) > 0.01:
            wrong.append(f"{where} {key} {sheet}!{address}: {got!r} != {float(expected[key]):.4f}")
    assert set(expected) <= set(cells), "every node, combined node and computed item has a cell"
    cols = layout.columns(result.layer)
    for qid, q in result.questions.items():
        row = layout.question_row[qid]
        status = _cell(grids, "LKE", f"{cols.status}{row}")
        if (status == 1) != (q.status == "answered"):
            wrong.append(f"{where} question {qid} status {status!r} vs {q.status}")
        if q.kind == "count":
            continue
        value = _cell(grids, "LKE", f"{cols.value}{row}")
        want = float(q.value) if q.status == "answered" and q.value is not None else 0.0
        if q.status == "missing" and value not in ("", None, 0, 0.0):
            wrong.append(f"{where} question {qid} blank shows {value!r}")
        elif isinstance(value, int | float) and abs(value - want) > 1e-9:
            wrong.append(f"{where} question {qid} value {value!r} != {want}")
    return wrong


def test_libreoffice_recalculation_equals_engine(soffice: str, tmp_path: Path) -> None:
    cases: list[tuple[Worksheet, Layout, list[Path]]] = []
    # 20 sets for the 2026 ZI worksheet and the small one with every feature; a few for the others
    worksheets = [(w, SETS if w.id == "zi-2026" else 6) for w in shipped_worksheets()]
    for worksheet, count in [*worksheets, (mini_worksheet(tmp_path)[0], SETS)]:
        template = tmp_path / f"{worksheet.id}.xlsx"
        layout = write_workbook(template, worksheet)
        files = []
        for i, answers in enumerate(_answer_sets(worksheet, seed=2026, count=count)):
            target = tmp_path / f"{worksheet.id}-set{i:02d}.xlsx"
            fill(template, target, layout, answers)
            files.append(target)
        cases.append((worksheet, layout, files))
    out = _recalculate(soffice, tmp_path, [f for _, _, files in cases for f in files])
    wrong: list[str] = []
    for worksheet, layout, files in cases:
        predicates: set[str | None] = set()
        zero_denominators = 0
        for path in files:
            sheets = own_workbook.read(Source.open(path), worksheet, tuple(worksheet.layers))
            recalculated = Source.open(out / path.name)
            grids = {name: recalculated.rows(name) for name in ("LKE", "Ringkasan")}
            saved = own_workbook.read(
                recalculated, worksheet, tuple(worksheet.layers)
            )  # saved by LibreOffice
            for layer in worksheet.layers:
                result = score(worksheet, sheets[layer])
                after_save = score(worksheet, saved[layer]).to_dict()
                for key in ("total", "predicate", "nodes", "missing"):
                    if after_save[key] != result.to_dict()[key]:
                        wrong.append(f"{path.name}/{layer}: {key} differs once LibreOffice saved the file")
                predicates.add(result.predicate)
                zero_denominators += _zero_denominators(worksheet, result)
                wrong += _compare(result, layout, grids, f"{path.name}/{layer}")
        # the sets reach several predicates and divide by zero
        assert len(predicates) >= 2, (worksheet.id, predicates)
        if any(isinstance(c, RatioItem | DecreaseItem) for n in worksheet.all_nodes for c in n.computed):
            assert zero_denominators > 0, worksheet.id
    assert not wrong, "\n".join(wrong[:40])


def _zero_denominators(worksheet: Worksheet, result: ScoreResult) -> int:
    count = 0
    for node in worksheet.all_nodes:
        for item in node.computed:
            if not isinstance(item, RatioItem | DecreaseItem):
                continue  # grades and means do not divide by a count
            inputs = [result.questions[i] for i in item.inputs]
            if all(q.status == "answered" for q in inputs):
                bottom = item.denominator if isinstance(item, RatioItem) else [item.previous]
                count += all(result.questions[i].value == 0 for i in bottom)
    return count


def _graded_answers(worksheet: Worksheet, rng: random.Random) -> dict[str, dict[str, Any]]:
    """Answers that walk a ladder's rungs: per layer and sub-component a share of criteria met (none to
    all), the flags all yes, some or none, and now and then a grade given directly (other spellings,
    an invalid one)."""
    from pmprb.model import GradeItem, MeanItem

    out: dict[str, dict[str, Any]] = {}
    for layer in worksheet.layers:
        answers: dict[str, Any] = {}
        for node in worksheet.all_nodes:
            means = {c.id: c.of for c in node.computed if isinstance(c, MeanItem)}
            for item in node.computed:
                if not isinstance(item, GradeItem):
                    continue
                ladder = worksheet.ladders[item.ladder]
                met = rng.choice([0.0, 0.3, 0.6, 0.8, 1.0, 1.0, 1.0])
                flags = rng.choice(["all", "all", "some", "none"])
                for criterion in item.criteria:
                    for qid in means.get(criterion, [criterion]):
                        options = worksheet.answer_types[worksheet.questions[qid].type].options
                        best = rng.random() < met
                        answers[qid] = options[0].key if best else rng.choice(options[1:]).key
                    for flag in ladder.flags:
                        yes = flags == "all" or (flags == "some" and rng.random() < 0.7)
                        answers[criterion + flag.suffix] = "Ya" if yes else rng.choice(["Tidak", None])
                if item.override and rng.random() < 0.25:
                    keys = [
                        o.key for o in worksheet.answer_types[worksheet.questions[item.override].type].options
                    ]
                    answers[item.override] = rng.choice([*keys, "bb", " A ", "X"])
        out[layer] = {k: v for k, v in answers.items() if v is not None}
    return out


def test_libreoffice_recalculation_of_grades_equals_engine(soffice: str, tmp_path: Path) -> None:
    """sakip-2021 and the shipped Pemda variant (documents scored by share, A/B/C/D worth 0.66, four
    layers): the ladder's live formulas give every grade, node, total and predicate the engine gives."""
    from pmprb.catalog import get_worksheet, load_worksheet_file

    root = Path(__file__).parent.parent
    worksheets = [
        get_worksheet("sakip-2021"),
        load_worksheet_file(root / "examples" / "sakip-2021-pemda.yaml"),
    ]
    cases: list[tuple[Worksheet, Layout, list[Path]]] = []
    rng = random.Random(88_2021)
    for worksheet in worksheets:
        template = tmp_path / f"{worksheet.id}.xlsx"
        layout = write_workbook(template, worksheet)
        files = []
        for i in range(8):
            target = tmp_path / f"{worksheet.id}-graded{i}.xlsx"
            fill(template, target, layout, _graded_answers(worksheet, rng))
            files.append(target)
        cases.append((worksheet, layout, files))
    out = _recalculate(soffice, tmp_path, [f for _, _, files in cases for f in files])
    wrong: list[str] = []
    for worksheet, layout, files in cases:
        grades: set[str | None] = set()
        predicates: set[str | None] = set()
        for path in files:
            sheets = own_workbook.read(Source.open(path), worksheet, tuple(worksheet.layers))
            recalculated = Source.open(out / path.name)
            grids = {name: recalculated.rows(name) for name in ("LKE", "Ringkasan")}
            for layer in worksheet.layers:
                result = score(worksheet, sheets[layer])
                grades |= {c.grade for c in result.computed if c.share is not None}
                predicates.add(result.predicate)
                wrong += _compare(result, layout, grids, f"{path.name}/{layer}")
        # the sets climb the whole ladder and reach several predicates
        assert {"AA", "A", "BB", "B", "E"} <= grades, (worksheet.id, grades)
        assert len(predicates) >= 3, (worksheet.id, predicates)
    assert not wrong, "\n".join(wrong[:40])
