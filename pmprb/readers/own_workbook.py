"""The workbook `pmprb template` writes: a hidden sheet names the worksheet id and version, a hidden
key column names each question's row, the hidden sheet names each layer's columns.

The workbook's formulas accept numbers only as numbers: an answer of a count, scale or percentage
question stored as text ('3,6' pasted in) counts 0 there, so it is reported and counts 0 here too;
`pmprb score` never shows a figure the workbook contradicts."""

from __future__ import annotations

from typing import Any

from pmprb.errors import Location, Problem, UserError
from pmprb.model import Worksheet
from pmprb.readers import workbook_meta as m
from pmprb.readers.base import Detection
from pmprb.readers.source import Source, cell, column_index
from pmprb.scoring.answers import AnswerSheet, Identity, RawAnswer


def is_own(source: Source) -> bool:
    return source.kind in ("xlsx", "ods") and m.META_SHEET in source.sheet_names


def read_meta(source: Source) -> dict[str, str]:
    values = m.read_meta(source.rows(m.META_SHEET))
    missing = [
        k for k in (m.WORKSHEET_ID, m.WORKSHEET_VERSION, "answer_sheet", "layers") if not values.get(k)
    ]
    if missing or values.get("format") != m.FORMAT:
        raise UserError(
            Problem(
                "workbook.meta-invalid",
                Location(source.name, sheet=m.META_SHEET),
                params={"sheet": m.META_SHEET, "reason": ", ".join(missing) or "format"},
            )
        )
    return values


def _where(source: Source, values: dict[str, str], key: str) -> Location:
    keys = list(values)
    row = keys.index(key) + 1 if key in keys else None
    return Location(source.name, sheet=m.META_SHEET, cell=f"B{row}" if row else None)


def detect(source: Source, requested: Worksheet | None) -> Detection | None:

    if not is_own(source):
        return None
    values = read_meta(source)
    found_id, found_version = values[m.WORKSHEET_ID], values[m.WORKSHEET_VERSION]
    if requested is not None:
        if requested.id != found_id:
            raise UserError(
                Problem(
                    "workbook.worksheet-mismatch",
                    _where(source, values, m.WORKSHEET_ID),
                    params={"found": found_id, "expected": requested.id},
                )
            )
        worksheet, reason = requested, "--worksheet"
    else:
        from pmprb.catalog import shipped_paths

        paths = shipped_paths()
        if found_id not in paths:
            raise UserError(
                Problem(
                    "workbook.worksheet-unknown",
                    _where(source, values, m.WORKSHEET_ID),
                    params={"found": found_id, "allowed": ", ".join(paths)},
                )
            )
        from pmprb.catalog import get_worksheet

        worksheet, reason = get_worksheet(found_id), f"workbook pmprb ({m.META_SHEET}!{m.WORKSHEET_ID})"
    if worksheet.version != found_version:
        raise UserError(
            Problem(
                "workbook.version-mismatch",
                _where(source, values, m.WORKSHEET_VERSION),
                params={
                    "worksheet": found_id,
                    "found": found_version,
                    "expected": worksheet.version,
                    "file": source.path.name,
                },
            )
        )
    layers = tuple(x for x in values["layers"].split(",") if x)
    return Detection(worksheet, reason, "own_workbook", layers=layers)


def read_raw(source: Source) -> tuple[dict[str, str], dict[str, dict[str, RawAnswer]], dict[str, Any]]:
    """(meta values, {layer: {question id: raw answer}}, cover fields) of any pmprb workbook, whatever
    worksheet version it was made for: prefill reads last year's workbook with it."""
    values = read_meta(source)
    sheet = values["answer_sheet"]
    grid = source.rows(sheet)
    key_col = column_index(values.get("key_column") or m.KEY_COLUMN)
    first = int(values.get("first_row") or 1) - 1
    layers = [x for x in values["layers"].split(",") if x]
    out: dict[str, dict[str, RawAnswer]] = {layer: {} for layer in layers}
    for r in range(max(first, 0), len(grid)):
        parsed = m.parse_key(cell(grid, r, key_col))
        if parsed is None or parsed[0] != "q":
            continue
        qid = parsed[1]
        for layer in layers:
            answer = values.get(f"layer.{layer}.answer")
            if not answer:
                continue
            note, evidence = values.get(f"layer.{layer}.note"), values.get(f"layer.{layer}.evidence")
            out[layer][qid] = RawAnswer(
                value=_value(cell(grid, r, column_index(answer))),
                location=Location(source.name, sheet=sheet, cell=f"{answer}{r + 1}"),
                note=_text(cell(grid, r, column_index(note))) if note else None,
                evidence=_text(cell(grid, r, column_index(evidence))) if evidence else None,
            )
    return values, out, _cover(source, values)


def read(source: Source, worksheet: Worksheet, layers: tuple[str, ...]) -> dict[str, AnswerSheet]:
    from pmprb.scoring.normalize import Invalid, allowed_text, normalize

    values, raw, cover = read_raw(source)
    sheet_name = values["answer_sheet"]
    out: dict[str, AnswerSheet] = {}
    for layer in layers:
        found = raw.get(layer, {})
        sheet = AnswerSheet(source.name, layer, worksheet_id=worksheet.id, identity=Identity.of(cover))
        if values.get(m.FINGERPRINT) and values[m.FINGERPRINT] != m.fingerprint(worksheet):
            sheet.problems.append(
                Problem(
                    "workbook.fingerprint",
                    _where(source, values, m.FINGERPRINT),
                    "warning",
                    params={"worksheet": worksheet.id, "version": worksheet.version},
                )
            )
        for qid, question in worksheet.questions.items():
            answer = found.get(qid)
            if answer is None:
                sheet.problems.append(
                    Problem(
                        "workbook.row-missing",
                        Location(source.name, sheet=sheet_name),
                        "warning",
                        qid,
                        params={"sheet": sheet_name},
                    )
                )
                continue
            atype = worksheet.answer_types[question.type]
            if atype.kind != "choice" and isinstance(answer.value, str) and answer.value.strip():
                try:
                    normalize(atype, answer.value)
                except Invalid:
                    pass  # the engine reports it as invalid, with what is allowed
                else:
                    sheet.problems.append(
                        Problem(
                            "workbook.answer-as-text",
                            answer.location,
                            question=qid,
                            params={"value": answer.value, "allowed": allowed_text(atype)},
                        )
                    )
                    answer = RawAnswer(None, answer.location, answer.note, answer.evidence)
            sheet.answers[qid] = answer
        out[layer] = sheet
        _empty_layer(sheet, raw, layer, values, source)
    return out


def remembered_layer(source: Source) -> str | None:
    """The layer the workbook's cover names (a consensus workbook made with --layer tpi names TPI;
    the cell offers the layers' labels in a list): scored when the user names no layer."""
    from pmprb.i18n import LANGS, t

    values = read_meta(source)
    named = _cover(source, values).get("lapisan")
    if named is None:
        return None
    text = str(named).strip().casefold()
    for layer in (x for x in values["layers"].split(",") if x):
        labels = {layer, *(t(f"wb.layer.{layer}", lang) for lang in LANGS)}
        if text in {label.casefold() for label in labels}:
            return layer
    return None


def _answered(found: dict[str, RawAnswer]) -> int:
    return sum(1 for a in found.values() if a.value is not None and str(a.value).strip())


def _empty_layer(
    sheet: AnswerSheet,
    raw: dict[str, dict[str, RawAnswer]],
    layer: str,
    values: dict[str, str],
    source: Source,
) -> None:
    """A layer with no answer at all while another layer has some: most likely the wrong layer."""
    if _answered(raw.get(layer, {})):
        return
    others = [other for other, found in raw.items() if other != layer and _answered(found)]
    if others:
        sheet.problems.append(
            Problem(
                "workbook.layer-empty",
                Location(source.name, sheet=values["answer_sheet"]),
                "warning",
                params={"layer": layer, "others": ", ".join(others), "other": others[0]},
            )
        )


def _cover(source: Source, values: dict[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, _ in m.COVER_FIELDS:
        ref = values.get(f"cover.{key}")
        if not ref or "!" not in ref:
            continue
        sheet, address = ref.rsplit("!", 1)
        if sheet not in source.sheet_names:
            continue
        letters = "".join(ch for ch in address if ch.isalpha())
        digits = "".join(ch for ch in address if ch.isdigit())
        if not letters or not digits:
            continue
        value = _value(cell(source.rows(sheet), int(digits) - 1, column_index(letters)))
        if value is not None and not (isinstance(value, str) and not value.strip()):
            out[key] = value.strip() if isinstance(value, str) else value
    return out


def _value(value: Any) -> Any:
    """Calamine gives 3.0 for a typed 3: keep whole numbers whole, as the user typed them."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(_value(value)).strip()
    return text or None
