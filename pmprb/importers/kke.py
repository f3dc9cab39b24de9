"""A Pemda's own SAKIP KKE -> a worksheet variant (`pmprb import kke FILE.xlsx -o variant.yaml`).

Everything comes from the workbook itself, as `zi-2021` came from the annex form's formulas:
- the tree and its weights from RESUME (components, sub-components, weights as fractions of 1,
  scaled to the 0-100 total of Permen PAN-RB 88/2021 when they add up to 1);
- criteria and their required documents from PENILAIAN, by code (AREN001.1) and position;
- a criterion's weight from its formula (`=C7/3`: the sub-component's weight shared by three
  criteria, kept exact), a document's likewise (`=C8/2`);
- answer types from the value cells' IF formulas (`IF(D9="Y",C9,0)`: Y is worth the whole weight;
  `IF(D13="A",1,IF(D13="B",0.66,...))*C13`: the grades' values as the workbook states them), the
  options the formula leaves to its last branch from the cell's list text ("Y/T") or its validation;
- the layers from the header above each Jawaban / Nilai pair of columns.

The variant is stand-alone: a KKE scores each sub-component as weight x share met (no grade ladder)
and splits Evaluasi internal its own way, which `extends: sakip-2021` cannot express by changes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

from pmprb.crosscheck.formulas import IF_KEY, _sheet_part, read_formulas
from pmprb.errors import Location, Problem, UserError
from pmprb.model.weight import fraction_to_yaml, to_fraction
from pmprb.readers.kke_layout import (
    KkeRow,
    layer_ids,
    penilaian_layout,
    resume_layout,
)
from pmprb.readers.lke_form import normalise
from pmprb.readers.source import Source, cell, column_letter

_ELSE = re.compile(r",\s*([0-9]+(?:\.[0-9]+)?)\s*\)+\s*(?:\*\s*\$?[A-Z]{1,3}\$?\d+\s*)?$")
_TIMES_WEIGHT = re.compile(r"\)\s*\*\s*\$?([A-Z]{1,3})\$?(\d+)\s*$")
_SHARE = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)\s*/\s*(\d+)$")
_NUMBER = re.compile(r"^[0-9]+(?:\.[0-9]+)?$")
_REF = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)$")
PREDICATES = (  # docs/domain.md §7, predicate-bands.xlsx [I]: lower bounds exclusive
    ("AA", "Sangat Memuaskan", ">", 90),
    ("A", "Memuaskan", ">", 80),
    ("BB", "Sangat Baik", ">", 70),
    ("B", "Baik", ">", 60),
    ("CC", "Cukup (Memadai)", ">", 50),
    ("C", "Kurang", ">", 30),
    ("D", "Sangat Kurang", ">=", 0),
)


def _fail(kind: str, file: str, where: str | None = None, **params: Any) -> UserError:
    """A located refusal: `where` is "SHEET!A1" or a sheet name; the texts are kke.<code> in the catalog."""
    sheet, _, ref = (where or "").partition("!")
    location = Location(file, sheet=sheet or None, cell=ref or None)
    return UserError(Problem(f"kke.{kind}", location, params={"file": file, **params}))


@dataclass
class AnswerTypeFound:
    keys: list[str]
    values: dict[str, Fraction]
    cell: str  # where the formula stating the values is
    formula: str

    @property
    def id(self) -> str:
        return "_".join(normalise(k).replace(" ", "") for k in self.keys) or "jawaban"


class _KkeImporter:
    def __init__(self, source: Source) -> None:
        self.source = source
        layout = penilaian_layout(source)
        if layout is None:
            raise _fail("no-penilaian", source.name)
        resume = resume_layout(source, layout)
        if resume is None:
            raise _fail("no-resume", source.name, layout.sheet, layers=len(layout.layers))
        self.layout, self.resume = layout, resume
        self.grid = source.rows(layout.sheet)
        self.resume_grid = source.rows(resume.sheet)

        self.formulas = read_formulas(str(source.path), layout.sheet)
        self.types: dict[str, AnswerTypeFound] = {}
        self.type_of: dict[int, str] = {}  # 0-based row -> answer type id
        self.scale = Fraction(1)

    def where(self, col: int, row: int, sheet: str | None = None) -> str:
        return f"{sheet or self.layout.sheet}!{column_letter(col)}{row + 1}"

    # --- weights ----------------------------------------------------------------------------------
    def resume_weight(self, code: str) -> Fraction:
        row = self.resume.rows[code]
        value = cell(self.resume_grid, row, self.resume.weight_col)
        try:
            return to_fraction(value)
        except ValueError:
            where = self.where(self.resume.weight_col, row, self.resume.sheet)
            raise _fail("weight-not-number", self.source.name, where, value=str(value)) from None

    def share(self, row: KkeRow, parent_row: int, parent_weight: Fraction, count: int) -> Fraction | None:
        """The weight of a criterion or document: exact when its formula shares its parent's weight
        (`=C7/3`), else the number in the cell (scaled); None when the shares are equal."""
        ref = f"{column_letter(self.layout.weight_col)}{row.row + 1}"
        formula = self.formulas.get(ref)
        if formula is not None:
            match = _SHARE.match(formula.formula.replace(" ", ""))
            if match and int(match.group(2)) == parent_row + 1 and int(match.group(3)) > 0:
                if int(match.group(3)) == count:
                    return None
                return parent_weight / int(match.group(3))
        value = cell(self.grid, row.row, self.layout.weight_col)
        try:
            weight = to_fraction(value) * self.scale
        except ValueError:
            where = self.where(self.layout.weight_col, row.row)
            raise _fail("weight-not-number", self.source.name, where, value=str(value)) from None
        return None if weight == parent_weight / count else weight

    # --- answer types -----------------------------------------------------------------------------
    def formula_values(self, row: KkeRow) -> tuple[tuple[tuple[str, Fraction], ...], Fraction, str, str]:
        """(key, value) pairs the first layer's value formula states for this row, the value of its last
        branch, the cell and the formula."""
        layer = self.layout.layers[0]
        ref = f"{column_letter(layer.value_col)}{row.row + 1}"
        formula = self.formulas.get(ref)
        where = f"{self.layout.sheet}!{ref}"
        if formula is None:
            raise _fail("no-formula", self.source.name, where)
        text = formula.formula
        pairs = IF_KEY.findall(text)
        if not pairs:
            raise _fail("formula-unreadable", self.source.name, where, formula=f"={text}")
        weighted = _TIMES_WEIGHT.search(text) is not None
        out: list[tuple[str, Fraction]] = []
        for _col, _row, key, result in pairs:
            result = result.strip()
            if _NUMBER.match(result):
                value = Fraction(result)
            elif _REF.match(result) and not weighted:  # IF(D9="Y",C9,0): the whole weight
                value = Fraction(1)
            else:
                raise _fail("formula-unreadable", self.source.name, where, formula=f"={text}")
            out.append((key, value))
        otherwise = _ELSE.search(text)
        return tuple(out), Fraction(otherwise.group(1)) if otherwise else Fraction(0), where, text

    def prepare_types(self, answer_rows: list[KkeRow]) -> None:
        """Rows whose formulas state the same values share an answer type; its options are the
        formula's keys and the keys the cells list ("Y/T") or their validation offers, the latter worth
        the formula's last branch."""
        lists = _validation_lists(str(self.source.path), self.layout.sheet)
        groups: dict[tuple[tuple[tuple[str, Fraction], ...], Fraction], list[KkeRow]] = {}
        first: dict[tuple[tuple[tuple[str, Fraction], ...], Fraction], tuple[str, str]] = {}
        for row in answer_rows:
            pairs, rest, where, text = self.formula_values(row)
            groups.setdefault((pairs, rest), []).append(row)
            first.setdefault((pairs, rest), (where, text))
        for (pairs, rest), rows in groups.items():
            keys = [k for k, _ in pairs]
            values = dict(pairs)
            for row in rows:
                for key in self.listed_keys(row, lists):
                    if key.casefold() not in {k.casefold() for k in keys}:
                        keys.append(key)
                        values[key] = rest
            where, text = first[(pairs, rest)]
            found = AnswerTypeFound(keys, values, where, text)
            type_id = found.id
            while type_id in self.types and self.types[type_id].values != values:
                type_id += "_2"
            self.types[type_id] = found
            for row in rows:
                self.type_of[row.row] = type_id

    def listed_keys(self, row: KkeRow, lists: dict[str, list[str]]) -> list[str]:
        """The options an unanswered cell lists ("Y/T") or its validation offers, in any layer."""
        out: list[str] = []
        for layer in self.layout.layers:
            value = cell(self.grid, row.row, layer.answer_col)
            if isinstance(value, str) and "/" in value:
                out.extend(k.strip() for k in value.split("/") if k.strip())
            out.extend(lists.get(f"{column_letter(layer.answer_col)}{row.row + 1}", []))
        return list(dict.fromkeys(out))

    # --- the tree ---------------------------------------------------------------------------------
    def run(self, worksheet_id: str) -> dict[str, Any]:
        rows = self.layout.rows
        components = [r for r in rows if r.kind == "component"]
        if not components:
            raise _fail("no-components", self.source.name, self.layout.sheet)
        weights = {c.code: self.component_weight(c.code) for c in components if c.code}
        total = sum(weights.values(), Fraction(0))
        self.scale = Fraction(100) if total == 1 else Fraction(1)
        criteria = {r.code for r in rows if r.kind == "criterion"}
        with_documents = {r.parent for r in rows if r.kind == "document"}
        self.prepare_types(
            [
                r
                for r in rows
                if r.kind == "document" or (r.kind == "criterion" and r.code not in with_documents)
            ]
        )
        assert criteria
        nodes = [self.component(c) for c in components]
        return self.document(worksheet_id, nodes)

    def component_weight(self, code: str) -> Fraction:
        subs = [r.code for r in self.layout.rows if r.kind == "sub" and r.parent == code and r.code]
        return sum((self.resume_weight(s) for s in subs if s in self.resume.rows), Fraction(0))

    def component(self, row: KkeRow) -> dict[str, Any]:
        assert row.code is not None
        if row.code not in self.resume.rows:
            where = self.where(self.layout.code_col, row.row)
            raise _fail("not-in-resume", self.source.name, where, code=row.code, resume=self.resume.sheet)
        subs = [r for r in self.layout.rows if r.kind == "sub" and r.parent == row.code]
        title = self.resume.titles.get(row.code) or re.sub(r"^[A-Z]\.\s*", "", row.text)
        node: dict[str, Any] = {
            "id": row.code,
            "code": self.resume.numbers.get(row.code) or row.code,
            "title": title,
            "level": "komponen",
            "source": self.where(self.resume.code_col, self.resume.rows[row.code], self.resume.sheet),
            "children": [self.sub(s) for s in subs],
        }
        return node

    def sub(self, row: KkeRow) -> dict[str, Any]:
        assert row.code is not None
        if row.code not in self.resume.rows:
            where = self.where(self.layout.code_col, row.row)
            raise _fail("not-in-resume", self.source.name, where, code=row.code, resume=self.resume.sheet)
        weight = self.resume_weight(row.code) * self.scale
        own = cell(self.grid, row.row, self.layout.weight_col)
        try:
            own_weight = to_fraction(own) * self.scale if own is not None else None
        except ValueError:
            own_weight = None
        if own_weight is not None and own_weight != weight:
            resume_row = self.resume.rows[row.code]
            resume_cell = self.where(self.resume.weight_col, resume_row, self.resume.sheet)
            there = cell(self.resume_grid, resume_row, self.resume.weight_col)
            where = self.where(self.layout.weight_col, row.row)
            raise _fail(
                "weight-ambiguous",
                self.source.name,
                where,
                code=row.code,
                value=own,
                other=there,
                cell=resume_cell,
            )
        criteria = [r for r in self.layout.rows if r.kind == "criterion" and r.parent == row.code]
        if not criteria:
            raise _fail(
                "no-criteria", self.source.name, self.where(self.layout.code_col, row.row), code=row.code
            )
        return {
            "id": row.code,
            "code": self.resume.numbers.get(row.code) or row.code,
            "title": self.resume.titles.get(row.code) or row.text,
            "level": "sub_komponen",
            "weight": fraction_to_yaml(weight),
            "source": self.where(self.layout.code_col, row.row),
            "children": [self.criterion(c, row.row, weight, len(criteria)) for c in criteria],
        }

    def criterion(self, row: KkeRow, sub_row: int, sub_weight: Fraction, count: int) -> dict[str, Any]:
        assert row.code is not None
        weight = self.share(row, sub_row, sub_weight, count)
        weight = sub_weight / count if weight is None else weight
        documents = [r for r in self.layout.rows if r.kind == "document" and r.parent == row.code]
        node: dict[str, Any] = {
            "id": row.code,
            "code": row.code,
            "title": row.text,
            "level": "kriteria",
            "weight": fraction_to_yaml(weight),
            "source": self.where(self.layout.code_col, row.row),
        }
        if not documents:  # a graded criterion: answered on its own row
            node["questions"] = [
                {
                    "id": f"{row.code}.g",
                    "code": row.code,
                    "text": row.text,
                    "type": self.type_of[row.row],
                    "source": {"excel_row": row.row + 1, "code_path": [row.code]},
                }
            ]
            return node
        questions = []
        for k, doc in enumerate(documents, start=1):
            q: dict[str, Any] = {
                "id": f"{row.code}.{k}",
                "text": doc.text,
                "type": self.type_of[doc.row],
                "source": {"excel_row": doc.row + 1, "code_path": [row.code, str(k)]},
            }
            own = self.share(doc, row.row, weight, len(documents))
            if own is not None:
                q["weight"] = fraction_to_yaml(own)
            questions.append(q)
        if any("weight" in q for q in questions):  # unequal shares: every document carries its own
            for q in questions:
                q.setdefault("weight", fraction_to_yaml(weight / len(documents)))
        node["questions"] = questions
        return node

    def document(self, worksheet_id: str, nodes: list[dict[str, Any]]) -> dict[str, Any]:
        heading = " ".join(
            str(v).strip()
            for v in (cell(self.grid, 0, 0), cell(self.grid, 1, 0))
            if v is not None and str(v).strip()
        )
        year = re.search(r"\b(20\d\d)\b", heading)
        layers = [layer.header for layer in self.layout.layers]
        type_notes = "; ".join(
            f"{t.id}: "
            + ", ".join(f"{k} = {fraction_to_yaml(v)}" for k, v in t.values.items())
            + f" (formula {t.cell}: ={t.formula})"
            for t in self.types.values()
        )
        scale = (
            f" Weights are the workbook's fractions of 1 times {self.scale} (a 0-100 total)."
            if self.scale != 1
            else ""
        )
        out: dict[str, Any] = {
            "id": worksheet_id,
            "version": "1",
            "title": heading or f"KKE SAKIP {self.source.name}",
            "framework": "sakip",
            "regulation": "Permen PAN-RB 88/2021 (as adapted by the workbook's Inspektorat)",
            "year": int(year.group(1)) if year else _this_year(),
            "instansi": ["Pemda"],
            "source": f"{Path(self.source.name).name}: sheets {self.resume.sheet} (tree, weights) and "
            f"{self.layout.sheet} (criteria, documents, formulas), read by `pmprb import kke`",
            "notes": (
                "A Pemda's own KKE, imported from its formulas. A criterion scores its weight times the "
                "share of its documents present (or times its graded value); a sub-component is the sum "
                f"of its criteria, not a grade of the ladder.{scale} Answer values as the workbook's "
                f"formulas state them: {type_notes}. Layers, from the headers of {self.layout.sheet}: "
                + ", ".join(f"{i} = {h!r}" for i, h in zip(layer_ids(layers), layers, strict=True))
                + "."
            ),
            "layers": layer_ids(layers),
            "answer_types": {
                t.id: {
                    "kind": "choice",
                    "label": "/".join(t.keys),
                    "options": [{"key": k, "value": fraction_to_yaml(v)} for k, v in t.values.items()],
                }
                for t in self.types.values()
            },
            "nodes": nodes,
        }
        if self.scale == 100:
            out["predicates"] = [
                {"label": label, "title": title, "when": [{"node": "total", "op": op, "min": low}]}
                for label, title, op, low in PREDICATES
            ]
        return out


def _validation_lists(path: str, sheet: str) -> dict[str, list[str]]:
    """Cell -> the options of a list validation (`"Y,T"`) on it, from the sheet's XML."""
    import zipfile
    from xml.etree import ElementTree as ET

    from openpyxl.utils.cell import range_boundaries

    ns = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    try:
        with zipfile.ZipFile(path) as book:
            part = _sheet_part(book, sheet)
            if part is None:
                return {}
            root = ET.fromstring(book.read(part))
    except (OSError, KeyError, zipfile.BadZipFile, ET.ParseError):
        return {}
    out: dict[str, list[str]] = {}
    for node in root.iter(f"{ns}dataValidation"):
        formula = node.find(f"{ns}formula1")
        if node.get("type") != "list" or formula is None or not (formula.text or "").startswith('"'):
            continue
        keys = [k.strip() for k in (formula.text or "").strip('"').split(",") if k.strip()]
        for ref in (node.get("sqref") or "").split():
            try:
                low_col, low_row, high_col, high_row = range_boundaries(ref)
            except ValueError:
                continue
            if (
                None in (low_col, low_row, high_col, high_row)
                or (high_col - low_col + 1) * (high_row - low_row + 1) > 100_000
            ):  # type: ignore[operator]
                continue
            for r in range(low_row, high_row + 1):  # type: ignore[arg-type]
                for c in range(low_col, high_col + 1):  # type: ignore[arg-type]
                    out[f"{column_letter(c - 1)}{r}"] = keys
    return out


def _this_year() -> int:
    import datetime

    return datetime.date.today().year


def worksheet_id_for(path: Path) -> str:
    slug = re.sub(r"[^a-z0-9._-]+", "-", path.stem.casefold()).strip("-._")
    return slug or "kke"


def import_kke(path: Path, worksheet_id: str) -> dict[str, Any]:
    """The variant as plain data (validated by the caller)."""
    return _KkeImporter(Source.open(path)).run(worksheet_id)
