"""Turn an official LKE form (the 90/2021 annex, sheet `LKE ZI`) into a worksheet definition.

Maintainer tool: `python -m pmprb.importers.lke_form FORM.xlsx -o worksheets/zi-2021.yaml
[--overlay worksheets/overlays/zi-lke-form-2021.yaml]`.

The tree comes from the form's hierarchy codes (A. / I. / 1. / i. / a.) and Bobot; a row with a
weight and no kriteria is a node, a row with an answer type is a question; a `%` row is a computed
item whose inputs are read from its own formula (K130/K129 is a ratio, (K155-K156)/K155 a
decrease; a denominator that is itself a sum of count rows is expanded to its parts). Metadata,
answer-type names, predicates and exceptions come from an overlay (data, not code)."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from pmprb.catalog import parse_worksheet, read_yaml, worksheets_dir
from pmprb.crosscheck.formulas import read_formulas
from pmprb.errors import Location, Problem, UserError
from pmprb.i18n import Msg
from pmprb.model.weight import fraction_to_yaml, to_fraction
from pmprb.readers.lke_form import FormRow, find_layout, form_rows, normalise
from pmprb.readers.source import Source, cell, column_letter
from pmprb.writers.atomic import refuse_input_as_output, write_text
from pmprb.writers.yaml_out import dump_yaml

LEVELS = ["komponen", "sub_komponen", "area_perubahan", "sub_area", "sub_area"]
LETTERS = "abcdefghijklmnopqrstuvwxyz"
_RATIO = re.compile(r"\$?[A-Z]+\$?(\d+)\s*/\s*\$?[A-Z]+\$?(\d+)")
_DECREASE = re.compile(r"\(\s*\$?[A-Z]+\$?(\d+)\s*-\s*\$?[A-Z]+\$?(\d+)\s*\)\s*/")
_SUM_PARTS = re.compile(r"^(?:IF\(.*,)?\s*((?:\$?[A-Z]+\$?\d+\s*\+\s*)+\$?[A-Z]+\$?\d+)\s*\)?$")
_ROW = re.compile(r"\$?[A-Z]+\$?(\d+)")


def _fail(where: str, reason: str) -> UserError:
    return UserError(Problem("import.invalid", Location(where), params={"reason": reason}))


class _FormImporter:
    def __init__(self, source: Source, overlay: dict[str, Any]) -> None:
        layout = find_layout(source)
        if layout is None:
            raise _fail(source.name, Msg("import.form-no-header"))
        self.source, self.layout, self.overlay = source, layout, overlay
        self.grid = source.rows(layout.sheet)
        self.rows = form_rows(self.grid, layout)

        self.formulas = read_formulas(str(source.path), layout.sheet)
        self.type_of: dict[str, str] = {}
        for type_id, spec in overlay.get("answer_types", {}).items():
            for label in spec.get("form", []):
                self.type_of[normalise(label)] = type_id
        self.used_types: set[str] = set()
        self.question_at: dict[int, dict[str, Any]] = {}  # 1-based row -> question
        self.node_of_row: dict[int, dict[str, Any]] = {}

    def answer_col(self) -> str:
        return column_letter(self.layout.answers["unit"])

    def run(self) -> dict[str, Any]:
        roots: list[dict[str, Any]] = []
        stack: list[tuple[int, dict[str, Any]]] = []  # (depth, node)
        pending: list[tuple[FormRow, dict[str, Any]]] = []  # % rows with their node
        last_code_parent: dict[str, Any] | None = None
        for r in self.rows:
            if re.match(r"^(total|nilai evaluasi)\b", r.norm):
                continue
            criteria = (
                cell(self.grid, r.row, self.layout.criteria_col)
                if self.layout.criteria_col is not None
                else None
            )
            has_criteria = criteria is not None and str(criteria).strip() != ""
            is_node = _number(r.weight) is not None and not has_criteria
            if is_node:
                depth = (
                    (r.code_col - self.layout.label_start)
                    if r.code_col is not None
                    else (stack[-1][0] if stack else 0)
                )
                while stack and stack[-1][0] > depth:
                    stack.pop()
                if stack and stack[-1][0] == depth and _empty(stack[-1][1]):
                    depth += 1  # a node right under an empty node of the same column: its child
                elif r.code_col is None and stack and last_code_parent is not None:
                    depth = stack[-1][0]  # an uncoded node: a sibling of the previous one
                while stack and stack[-1][0] >= depth:
                    stack.pop()
                parent = stack[-1][1] if stack else None
                node = self.node(r, parent, depth, roots)
                stack.append((depth, node))
                last_code_parent = parent
                continue
            if not r.type_text or not stack:
                continue
            home = stack[-1][1]
            if normalise(r.type_text) == "%":
                pending.append((r, home))
                home.setdefault("_pct", []).append(r)
                continue
            self.question(r, home, criteria)
        for r, home in pending:
            self.computed(r, home)
        for node in self.node_of_row.values():
            node.pop("_pct", None)
        return self.document(roots)

    def node(
        self, r: FormRow, parent: dict[str, Any] | None, depth: int, roots: list[dict[str, Any]]
    ) -> dict[str, Any]:
        siblings = parent.setdefault("children", []) if parent else roots
        segment = (r.code or "").strip().rstrip(".").strip()
        if depth >= 4 or not segment or segment == "-":
            segment = LETTERS[len(siblings)]
        node_id = f"{parent['id']}.{segment}" if parent else segment
        node: dict[str, Any] = {"id": node_id}
        if r.code:
            node["code"] = r.code.strip()
        node["title"] = " ".join(r.text.split())
        node["level"] = LEVELS[min(depth, len(LEVELS) - 1)]
        node["weight"] = fraction_to_yaml(to_fraction(_number(r.weight)))
        node["source"] = f"{self.layout.sheet}!{column_letter(self.layout.label_start)}{r.number}"
        node["_codes"] = [*(parent["_codes"] if parent else []), r.code.strip() if r.code else "-"]
        siblings.append(node)
        self.node_of_row[r.number] = node
        return node

    def question(self, r: FormRow, home: dict[str, Any], criteria: Any) -> None:
        assert r.type_text is not None
        type_id = self.type_of.get(normalise(r.type_text))
        if type_id is None:
            raise _fail(
                f"{self.layout.sheet}!{column_letter(self.layout.type_col)}{r.number}",
                Msg("import.unknown-type", type=r.type_text),
            )
        self.used_types.add(type_id)
        questions = home.setdefault("questions", [])
        letter = LETTERS[len(questions)]
        pct = home.get("_pct", [])
        if r.code:
            codes = [*home["_codes"], r.code.strip()]
        else:
            above = pct[-1].code.strip() if pct and pct[-1].code else "-"
            index = sum(1 for q in questions if q["source"]["code_path"][:-1] == [*home["_codes"], above]) + 1
            codes = [*home["_codes"], above, str(index)]
        code = (r.code or "").strip().rstrip(".").strip()
        q: dict[str, Any] = {"id": f"{home['id']}.{letter}"}
        if code and code != "-":
            q["code"] = code
        q["text"] = _clean(r.text)
        q["type"] = type_id
        weight = _number(r.weight)
        if weight is not None:
            q["weight"] = fraction_to_yaml(to_fraction(weight))
        text = _clean(str(criteria)) if criteria is not None and str(criteria).strip() else None
        if text:
            q["criteria"] = text
            options = _option_criteria(text, self.overlay["answer_types"][type_id])
            if options:
                q["option_criteria"] = options
        q["source"] = {"excel_row": r.number, "code_path": codes}
        questions.append(q)
        self.question_at[r.number] = q

    def computed(self, r: FormRow, home: dict[str, Any]) -> None:
        ref = f"{self.answer_col()}{r.number}"
        formula = self.formulas.get(ref)
        if formula is None:
            raise _fail(f"{self.layout.sheet}!{ref}", Msg("import.form-no-formula"))
        text = formula.formula
        index = len(home.get("computed", []))
        code = (r.code or "").strip().rstrip(".").strip()
        item: dict[str, Any] = {"id": f"{home['id']}.pct-{code if code not in ('', '-') else LETTERS[index]}"}
        decrease = _DECREASE.search(text)
        title = _clean(r.text)
        if decrease:
            previous, current = (self.qid(int(x), ref) for x in decrease.groups())
            item.update(kind="decrease", title=title, previous=previous, current=current)
        else:
            ratio = _RATIO.search(text)
            if ratio is None:
                raise _fail(f"{self.layout.sheet}!{ref}", Msg("import.form-ratio", formula=text))
            numerator, denominator = int(ratio.group(1)), int(ratio.group(2))
            item.update(
                kind="ratio",
                title=title,
                numerator=[self.qid(numerator, ref)],
                denominator=self.parts(denominator, title, ref),
            )
        home.setdefault("computed", []).append(item)

    def parts(self, row: int, title: str, ref: str) -> list[str]:
        """A denominator that the form sums from count rows (or that the overlay says to) -> its parts."""
        col = self.answer_col()
        formula = self.formulas.get(f"{col}{row}")
        if formula is not None:
            match = _SUM_PARTS.match(formula.formula.replace(" ", ""))
            sums = re.findall(
                r"IF\(OR\([^)]*\),\"[^\"]*\",((?:\$?[A-Z]+\$?\d+\+)+\$?[A-Z]+\$?\d+)\)", formula.formula
            )
            expr = sums[0] if sums else (match.group(1) if match else None)
            if expr:
                return [self.qid(int(x), ref) for x in _ROW.findall(expr)]
        count = self.overlay.get("denominator_parts", {}).get(title)
        if count:
            return [self.qid(row + k, ref) for k in range(1, int(count) + 1)]
        return [self.qid(row, ref)]

    def qid(self, row: int, ref: str) -> str:
        q = self.question_at.get(row)
        if q is None:
            raise _fail(f"{self.layout.sheet}!{ref}", Msg("import.form-not-question", row=row))
        return str(q["id"])

    def document(self, roots: list[dict[str, Any]]) -> dict[str, Any]:
        o = self.overlay
        out: dict[str, Any] = {
            k: o[k]
            for k in (
                "id",
                "version",
                "title",
                "framework",
                "regulation",
                "year",
                "years",
                "instansi",
                "source",
            )
            if k in o
        }
        for key in ("notes", "predicate_scope"):
            if key in o:
                out[key] = str(o[key]).strip()
        out["answer_types"] = {
            type_id: {k: v for k, v in spec.items() if k != "form"}
            for type_id, spec in o.get("answer_types", {}).items()
            if type_id in self.used_types
        }
        if "excel" in o:
            out["excel"] = o["excel"]
        out["nodes"] = [_strip(n) for n in roots]
        for key in ("combined", "predicates"):
            if key in o:
                out[key] = o[key]
        return out


def _strip(node: dict[str, Any]) -> dict[str, Any]:
    node.pop("_codes", None)
    node.pop("_pct", None)
    if "children" in node:
        node["children"] = [_strip(c) for c in node["children"]]
    return node


def _empty(node: dict[str, Any]) -> bool:
    return not (node.get("children") or node.get("questions") or node.get("_pct"))


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return float(value)
    try:
        return float(str(value).replace(",", "."))
    except ValueError:
        return None


def _clean(text: str) -> str:
    lines = [" ".join(line.split()) for line in str(text).replace("\r", "\n").split("\n")]
    out = "\n".join(line for line in lines if line)
    return out.lstrip("- ").strip() if out.startswith("- ") else out.strip()


_OPTION = re.compile(r"^([a-eA-E])\s*[.)]\s*(.+)$")


def _option_criteria(text: str, spec: dict[str, Any]) -> dict[str, str]:
    keys = {str(o["key"]).upper(): str(o["key"]) for o in spec.get("options", [])}
    out: dict[str, str] = {}
    for line in text.split("\n"):
        match = _OPTION.match(line.strip())
        if match and match.group(1).upper() in keys:
            out.setdefault(keys[match.group(1).upper()], match.group(2).strip())
    return out if len(out) == len(keys) else {}


def import_form(path: Path, overlay: dict[str, Any]) -> dict[str, Any]:
    """The worksheet definition as plain data (validated by the caller)."""
    return _FormImporter(Source.open(path), overlay).run()


HEADER = (
    "# yaml-language-server: $schema=schema/worksheet.schema.json\n"
    "# Generated by `python -m pmprb.importers.lke_form` from the 90/2021 annex form and\n"
    "# overlays/{overlay}; edit the overlay and import again instead of editing this file.\n"
)


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m pmprb.importers.lke_form", description=__doc__)
    parser.add_argument("form", type=Path)
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument(
        "--overlay", type=Path, default=worksheets_dir() / "overlays" / "zi-lke-form-2021.yaml"
    )
    args = parser.parse_args(argv)
    refuse_input_as_output(args.output, [args.form, args.overlay])
    try:
        data = import_form(args.form, read_yaml(args.overlay))
        worksheet = parse_worksheet(data, str(args.output))
    except UserError as exc:
        for problem in exc.problems:
            sys.stderr.write(f"{problem.location}: {problem.message('en')}\n")
        return int(exc.exit_code)
    write_text(args.output, dump_yaml(data, HEADER.format(overlay=args.overlay.name)))
    print(f"{worksheet.id}: {len(worksheet.questions)} questions -> {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
