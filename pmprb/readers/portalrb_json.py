"""PortalRB answers JSON: {"unit_id", "nama_unit", "tahun", "answers": [{"soal_id", "jawaban_unit", ...}]}."""

from __future__ import annotations

from typing import Any

from pmprb.errors import Location, Problem, UserError
from pmprb.i18n import Msg
from pmprb.model import Question, Worksheet
from pmprb.readers.base import Detection
from pmprb.readers.source import Source
from pmprb.scoring.answers import AnswerSheet, Identity, RawAnswer

FIELDS = {
    "unit": ("jawaban_unit", "catatan_unit", "bukti_dukung_unit"),
    "tpi": ("jawaban_tpi", "catatan_tpi", "bukti_dukung_tpi"),
}


def answers_list(source: Source) -> list[Any]:
    """The answers of a PortalRB answers JSON; any other JSON is named for what it looks like."""
    from pmprb.readers.identify import identify

    data = source.json
    answers = data.get("answers") if isinstance(data, dict) else None
    if not isinstance(answers, list):
        raise UserError(*identify(source))
    return answers


def year(source: Source) -> int | None:
    data = source.json
    value = data.get("tahun") if isinstance(data, dict) else None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def find_question(worksheet: Worksheet, soal_id: Any) -> Question | None:
    if isinstance(soal_id, bool) or not isinstance(soal_id, int | str):
        return None
    if isinstance(soal_id, int) or str(soal_id).strip().isdigit():
        found = worksheet.question_by_soal_id(int(soal_id))
        if found is not None:
            return found
    return worksheet.questions.get(str(soal_id).strip())


def read(source: Source, worksheet: Worksheet, layers: tuple[str, ...]) -> dict[str, AnswerSheet]:
    entries = answers_list(source)
    data = source.json
    identity = Identity.of({k: data.get(k) for k in ("unit_id", "nama_unit", "tahun")})
    out = {
        layer: AnswerSheet(source.name, layer, worksheet_id=worksheet.id, identity=identity)
        for layer in layers
    }
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for i, entry in enumerate(entries):
        path = f"$.answers[{i}]"
        if not isinstance(entry, dict):
            problems.append(Problem("readers.json-entry", Location(source.name, json_path=path)))
            continue
        question = find_question(worksheet, entry.get("soal_id"))
        if question is None:
            problems.append(
                Problem(
                    "answer.unknown-question",
                    Location(source.name, json_path=f"{path}.soal_id"),
                    params={"value": entry.get("soal_id"), "worksheet": worksheet.id},
                )
            )
            continue
        if question.id in seen:
            problems.append(
                Problem(
                    "answer.duplicate",
                    Location(source.name, json_path=path),
                    "warning",
                    question.id,
                    params={"first": seen[question.id]},
                )
            )
            continue
        seen[question.id] = path
        for layer in layers:
            answer_key, note_key, evidence_key = FIELDS[layer]
            value = entry.get(answer_key)
            if isinstance(value, list | dict):
                value = str(value)
            out[layer].answers[question.id] = RawAnswer(
                value=value,
                location=Location(source.name, json_path=f"{path}.{answer_key}"),
                note=_text(entry.get(note_key)),
                evidence=_text(entry.get(evidence_key)),
            )
    for sheet in out.values():
        sheet.problems.extend(problems)
    return out


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def detect(source: Source, requested: Worksheet | None) -> Detection | None:
    from pmprb.catalog import shipped_for_year

    if source.kind != "json":
        return None
    answers_list(source)  # shape errors surface here, with their path
    if requested is not None:
        return Detection(requested, "--worksheet", "portalrb_json", layers=layers_of(source))
    tahun = year(source)
    chosen = shipped_for_year(tahun)
    if chosen is None:
        from pmprb.catalog import shipped_paths

        raise UserError(
            Problem(
                "worksheet.undetected",
                Location(source.name, json_path="$.tahun"),
                params={"allowed": ", ".join(shipped_paths())},
            )
        )
    reason = Msg("reason.portalrb-year", year=tahun) if tahun else "PortalRB"
    return Detection(chosen, reason, "portalrb_json", layers=layers_of(source))


def layers_of(source: Source) -> tuple[str, ...]:
    """The layers whose answer field the file's entries carry (both, for a file with no entries)."""
    entries = [e for e in answers_list(source) if isinstance(e, dict)]
    found = tuple(layer for layer, (key, *_) in FIELDS.items() if any(key in e for e in entries))
    return found if entries else tuple(FIELDS)
