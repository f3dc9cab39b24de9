"""Copies of the official 90/2021 form for tests: filled with openpyxl, edited the way units edit
them (rows inserted, letters reordered, type cells retyped, formulas overwritten), and recalculated by
LibreOffice so that the form's own formulas become an oracle."""

from __future__ import annotations

import random
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pmprb.catalog import get_worksheet
from pmprb.model import Worksheet

BLANK = "lke-zi-permenpanrb-90-2021-blank.xlsx"
SHEET = "LKE ZI"


def worksheet() -> Worksheet:
    return get_worksheet("zi-2021")


def random_answers(rng: random.Random, *, unanswered: int = 0) -> dict[str, Any]:
    """A full answer set (or one with `unanswered` choice questions left empty); denominators >= 1
    so that the form never divides by zero, numerators sometimes above them (the cap)."""
    ws = worksheet()
    out: dict[str, Any] = {}
    for q in ws.questions.values():
        atype = ws.answer_types[q.type]
        if atype.kind == "choice":
            key = rng.choice(atype.options).key
            out[q.id] = key.lower() if rng.random() < 0.2 else key
        elif atype.kind == "scale":
            out[q.id] = round(rng.uniform(0, 4), 2)
        else:
            out[q.id] = rng.randint(1, 30)
    for node in ws.all_nodes:
        for item in node.computed:
            if item.kind == "ratio":
                whole = sum(int(out[i]) for i in item.denominator)
                out[item.numerator[0]] = rng.randint(0, whole + 2)
            else:
                out[item.current] = rng.randint(0, int(out[item.previous]) + 3)
    # the form's typed LHKASN total equals its parts (a consistent unit)
    out["A.II.5.iii.b.a"] = sum(int(out[i]) for i in ("A.II.5.iii.b.b", "A.II.5.iii.b.c", "A.II.5.iii.b.d"))
    out.pop("A.II.5.iii.a.a")  # K178 is the form's own formula (sum of the parts)
    choices = [q for q in out if ws.answer_types[ws.questions[q].type].kind == "choice"]
    for qid in rng.sample(choices, unanswered):
        del out[qid]
    return out


Edit = Callable[[Any], None]


def fill(
    reference_dir: Path,
    out: Path,
    answers: dict[str, Any],
    *,
    fix_j8: bool = True,
    correct_l175: bool = False,
    edits: list[Edit] | None = None,
) -> Path:
    """A copy of the blank form with `answers` in column K at the form's own rows."""
    from openpyxl import load_workbook

    blank = out.parent / f"_{out.stem}_blank.xlsx"
    shutil.copyfile(reference_dir / BLANK, blank)
    book = load_workbook(blank)
    sheet = book[SHEET]
    ws = worksheet()
    for qid, value in answers.items():
        q = ws.questions[qid]
        assert q.source is not None and q.source.excel_row is not None
        sheet[f"K{q.source.excel_row}"] = value
    if fix_j8:
        sheet["J8"] = "Ya/Tidak"
    if correct_l175:
        sheet["L175"] = "=L176+L183"  # the tree: LHKPN + LHKASN
    for edit in edits or []:
        edit(sheet)
    book.save(out)
    blank.unlink()
    return out


def recalculate(soffice: str, files: list[Path], workdir: Path) -> list[Path]:
    """Open and save every file in LibreOffice (one process for all): formulas get cached values."""
    out_dir = workdir / "recalculated"
    out_dir.mkdir(exist_ok=True)
    profile = (workdir / "lo-profile").as_uri()
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--calc",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out_dir),
            *map(str, files),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    result = [out_dir / f.name for f in files]
    missing = [p for p in result if not p.exists()]
    assert not missing, f"LibreOffice did not write {missing}"
    return result


# --- the edits units make --------------------------------------------------------------------

_REF = re.compile(r"(\$?)([A-Z]{1,3})(\$?)(\d+)")


def _shift(formula: str, at: int, n: int) -> str:
    """Row references at or below `at` move down by `n` (what a spreadsheet does on insert)."""
    from openpyxl.formula.tokenizer import Token, Tokenizer

    tokens = Tokenizer("=" + formula).items
    out = []
    for token in tokens:
        if token.type == Token.OPERAND and token.subtype == Token.RANGE:
            token.value = _REF.sub(
                lambda m: f"{m[1]}{m[2]}{m[3]}{int(m[4]) + n if int(m[4]) >= at else m[4]}", token.value
            )
        out.append(token.value)
    return "=" + "".join(out)


def insert_rows(at: int, n: int = 1, values: dict[str, Any] | None = None) -> Edit:
    """Insert `n` rows before row `at`, keeping every formula of the sheet pointing at its cells."""

    def edit(sheet: Any) -> None:
        sheet.insert_rows(at, n)
        for row in sheet.iter_rows():
            for c in row:
                if isinstance(c.value, str) and c.value.startswith("="):
                    c.value = _shift(c.value[1:], at, n)
        for col, value in (values or {}).items():
            sheet[f"{col}{at}"] = value

    return edit


def swap_rows(a: int, b: int, columns: str = "BCDEFGHIJKOPQ") -> Edit:
    """Exchange two question rows' contents (code, text, kriteria, type, answer): letters reordered.
    The value formulas stay: each reads its own row, so they follow the content."""

    def edit(sheet: Any) -> None:
        for col in columns:
            sheet[f"{col}{a}"].value, sheet[f"{col}{b}"].value = (
                sheet[f"{col}{b}"].value,
                sheet[f"{col}{a}"].value,
            )

    return edit


def set_cell(ref: str, value: Any) -> Edit:
    def edit(sheet: Any) -> None:
        sheet[ref] = value

    return edit


def cached_values(path: Path) -> list[list[Any]]:
    from python_calamine import CalamineWorkbook

    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(SHEET).to_python(skip_empty_area=False)


def node_rows() -> dict[str, int]:
    """Node id -> the form's row (the importer records each node's label cell)."""
    out = {}
    for node in worksheet().all_nodes:
        assert node.source is not None
        out[node.id] = int(re.sub(r"^.*![A-Z]+", "", node.source))
    return out
