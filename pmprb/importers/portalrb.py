"""Turn a PortalRB "master soal" (KemenPAN-RB's JSON of the ZI LKE) into a worksheet definition.

Tree, weights, question texts, answer types, option criteria and Excel coordinates come from the
master; computed items, combined areas and predicates come from an overlay YAML (data, not code).
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Any

from pmprb.errors import Location, Problem, UserError
from pmprb.i18n import Msg
from pmprb.model.weight import fraction_to_yaml, to_fraction

_CODE = re.compile(r"^\s*([A-Za-z]{1,4}|\d{1,3})\.\s*(.*)$", re.S)
_LEVELS = {"komponen", "sub_komponen", "area_perubahan", "sub_area"}
_ANSWER_COLUMNS = {
    "unit": ("excel_kolom_jawaban_unit", "excel_kolom_catatan_unit", "excel_kolom_bukti_dukung_unit"),
    "tpi": ("excel_kolom_jawaban_tpi", "excel_kolom_catatan_tpi", None),
}


def _fail(path: str, reason: str) -> UserError:
    return UserError(Problem("import.invalid", Location(json_path=path), params={"reason": reason}))


def _text(value: Any) -> str:
    return str(value or "").replace("\r\n", "\n").replace("\r", "\n").strip()


def _split_code(name: str) -> tuple[str | None, str]:
    match = _CODE.match(name)
    if not match:
        return None, name.strip()
    return match.group(1), " ".join(match.group(2).split())


def _number(value: Any, path: str) -> Fraction:
    try:
        return to_fraction(value)
    except ValueError as exc:
        raise _fail(path, str(exc)) from None


class _Importer:
    def __init__(self, master: dict[str, Any], overlay: dict[str, Any]) -> None:
        self.master = master
        self.overlay = overlay
        self.jenis_to_type: dict[str, str] = {}
        for type_id, spec in overlay.get("answer_types", {}).items():
            for jenis in spec.get("jenis", []):
                self.jenis_to_type[str(jenis).upper()] = type_id
        self.question_node: dict[str, str] = {}
        self.nodes_by_id: dict[str, dict[str, Any]] = {}
        self.excel: dict[str, dict[str, str]] = {}
        self.excel_sheet: str | None = None
        self.used_types: set[str] = set()

    def run(self) -> dict[str, Any]:
        data = self.master.get("data")
        if not isinstance(data, list) or not data:
            raise _fail("$.data", Msg("import.no-components"))
        nodes = [self.node(n, f"$.data[{i}]", []) for i, n in enumerate(data)]
        self.place_computed()
        fields = {"tahun": self.master.get("tahun", ""), "generated_at": self.master.get("generated_at", "")}
        out: dict[str, Any] = {
            k: str(self.overlay[k]).format(**fields) for k in ("id", "version", "title") if k in self.overlay
        }
        out["framework"] = self.overlay.get("framework", "zona-integritas")
        out["regulation"] = self.overlay.get("regulation", "")
        out["year"] = int(self.master.get("tahun") or 0)
        out["years"] = [out["year"]]
        out["instansi"] = list(self.overlay.get("instansi", []))
        out["source"] = str(self.overlay.get("source", "PortalRB master soal")).format(**fields)
        for key in ("notes", "predicate_scope"):
            if key in self.overlay:
                out[key] = str(self.overlay[key]).strip()
        out["answer_types"] = {
            type_id: {k: v for k, v in spec.items() if k != "jenis"}
            for type_id, spec in self.overlay.get("answer_types", {}).items()
            if type_id in self.used_types
        }
        if self.excel_sheet:
            out["excel"] = {"sheet": self.excel_sheet, "columns": self.excel}
        out["nodes"] = nodes
        if "combined" in self.overlay:
            out["combined"] = self.overlay["combined"]
        if "predicates" in self.overlay:
            out["predicates"] = self.overlay["predicates"]
        return out

    def node(self, raw: dict[str, Any], path: str, codes: list[str]) -> dict[str, Any]:
        if not isinstance(raw, dict) or "nama" not in raw:
            raise _fail(path, Msg("import.no-name"))
        code, title = _split_code(str(raw["nama"]))
        code = code or str(raw.get("order_index") or raw.get("id"))
        node_codes = [*codes, code]
        node_id = ".".join(node_codes)
        out: dict[str, Any] = {"id": node_id, "code": f"{code}.", "title": title}
        level = raw.get("level")
        if level in _LEVELS:
            out["level"] = level
        weight = _number(raw.get("bobot_maksimal", 0), f"{path}.bobot_maksimal")
        if weight:
            out["weight"] = fraction_to_yaml(weight)
        out["source"] = f"PortalRB node {raw.get('id')}"
        self.nodes_by_id[node_id] = out
        children = raw.get("children") or []
        soals = raw.get("soals") or []
        if children:
            out["children"] = [
                self.node(c, f"{path}.children[{i}]", node_codes) for i, c in enumerate(children)
            ]
        if soals:
            letters = "abcdefghijklmnopqrstuvwxyz"
            out["questions"] = [
                self.question(s, f"{path}.soals[{i}]", letters[i] if i < 26 else str(i + 1), node_id)
                for i, s in enumerate(soals)
            ]
        return out

    def question(self, raw: dict[str, Any], path: str, letter: str, node_id: str) -> dict[str, Any]:
        qid = str(raw.get("id"))
        jenis = str(raw.get("jenis_jawaban", "")).strip().upper()
        type_id = self.jenis_to_type.get(jenis)
        if type_id is None:
            raise _fail(f"{path}.jenis_jawaban", Msg("import.unknown-type", type=jenis))
        self.used_types.add(type_id)
        spec = self.overlay["answer_types"][type_id]
        out: dict[str, Any] = {"id": qid, "code": letter, "text": _text(raw.get("teks_pertanyaan"))}
        out["type"] = type_id
        weight = _number(raw.get("bobot_maksimal", 0), f"{path}.bobot_maksimal")
        if weight:
            out["weight"] = fraction_to_yaml(weight)
        criteria = _text(raw.get("kriteria_nilai"))
        if criteria:
            out["criteria"] = criteria
        option_criteria = self.options(raw.get("skema_penilaian") or [], spec, f"{path}.skema_penilaian")
        if option_criteria:
            out["option_criteria"] = option_criteria
        source: dict[str, Any] = {"soal_id": int(raw["id"])}
        if raw.get("excel_baris"):
            source["excel_row"] = int(raw["excel_baris"])
        out["source"] = source
        self.excel_columns(raw, path)
        self.question_node[qid] = node_id
        return out

    def options(self, skema: list[dict[str, Any]], spec: dict[str, Any], path: str) -> dict[str, str]:
        expected = {str(o["key"]).upper(): to_fraction(o["value"]) for o in spec.get("options", [])}
        out: dict[str, str] = {}
        for i, opt in enumerate(skema):
            key = str(opt.get("key", "")).strip()
            match = next((k for k in expected if k == key.upper()), None)
            if match is None:
                raise _fail(f"{path}[{i}].key", Msg("import.unknown-option", option=key))
            value = _number(opt.get("multiplier"), f"{path}[{i}].multiplier")
            if value != expected[match]:
                raise _fail(
                    f"{path}[{i}].multiplier",
                    Msg("import.option-value", option=key, value=value, expected=expected[match]),
                )
            label = _text(opt.get("label"))
            canonical = next(str(o["key"]) for o in spec["options"] if str(o["key"]).upper() == match)
            if label and label.casefold() != canonical.casefold():
                out[canonical] = label
        return out

    def excel_columns(self, raw: dict[str, Any], path: str) -> None:
        sheet = raw.get("excel_sheet")
        if not sheet:
            return
        if self.excel_sheet not in (None, sheet):
            raise _fail(
                f"{path}.excel_sheet", Msg("import.several-sheets", sheets=f"{self.excel_sheet}, {sheet}")
            )
        self.excel_sheet = str(sheet)
        for layer, (answer, note, evidence) in _ANSWER_COLUMNS.items():
            found: dict[str, Any] = {"answer": raw.get(answer), "note": raw.get(note) if note else None}
            if evidence:
                found["evidence"] = raw.get(evidence)
            cols = {k: str(v) for k, v in found.items() if v}
            if "answer" not in cols:
                continue
            if self.excel.setdefault(layer, cols) != cols:
                raise _fail(path, Msg("import.columns-differ", layer=layer))

    def place_computed(self) -> None:
        for i, item in enumerate(self.overlay.get("computed", [])):
            inputs = [*item.get("numerator", []), *item.get("denominator", [])]
            inputs += [item[k] for k in ("previous", "current") if k in item]
            homes = {self.question_node.get(str(q)) for q in inputs}
            if None in homes or len(homes) != 1:
                raise _fail(f"overlay.computed[{i}]", Msg("import.computed-inputs"))
            home = self.nodes_by_id[homes.pop()]  # type: ignore[index]
            home.setdefault("computed", []).append(item)


def import_master(master: Any, overlay: dict[str, Any]) -> dict[str, Any]:
    """The worksheet definition as plain data (validated by the caller)."""
    if not isinstance(master, dict):
        raise _fail("$", Msg("import.master-shape"))
    return _Importer(master, overlay).run()
