"""Carry answers, notes and evidence over from an earlier file (last year's pmprb workbook, an
official ZI Excel, PortalRB JSON) into a new workbook. Entries of questions the worksheet no longer
has are listed as problems, never dropped silently."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pmprb.errors import Location, Problem, UserError
from pmprb.model import Question, Worksheet
from pmprb.readers import formats, own_workbook
from pmprb.readers.source import Source
from pmprb.scoring.answers import RawAnswer
from pmprb.scoring.normalize import Invalid, allowed_text, is_blank, normalize

# cover fields worth carrying to a new year's workbook (the year itself is the new worksheet's)
CARRIED_META = ("instansi", "nama_unit", "penilai", "lapisan")


@dataclass
class Prefill:
    answers: dict[str, dict[str, Any]] = field(default_factory=dict)
    notes: dict[str, dict[str, str]] = field(default_factory=dict)
    evidence: dict[str, dict[str, str]] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    dropped: set[str] = field(default_factory=set)

    def count(self, kind: str) -> int:
        return sum(len(v) for v in getattr(self, kind).values())


def load_prefill(path: Path, worksheet: Worksheet) -> Prefill:
    """Read `path` (any format `pmprb score` reads, or a pmprb workbook of any worksheet version) and
    map its entries onto `worksheet`'s questions. Raises UserError when the file cannot be read."""

    source = Source.open(path)
    out = Prefill()
    if own_workbook.is_own(source):
        values, raw, cover = own_workbook.read_raw(source)
        out.meta = {k: v for k, v in cover.items() if k in CARRIED_META}
        _carry(out, worksheet, raw, source.name, by_soal=None)
        return out
    found, raw, problems, meta = _read_other(source, worksheet)
    out.meta = {k: v for k, v in meta.items() if k in CARRIED_META}
    if "nama_unit" in meta:
        out.meta["nama_unit"] = meta["nama_unit"]
    out.problems.extend(dataclasses.replace(p, severity="warning") for p in problems)
    by_soal = None if found is worksheet else found
    _carry(out, worksheet, raw, source.name, by_soal=by_soal)
    return out


def _read_other(
    source: Source, worksheet: Worksheet
) -> tuple[Worksheet, dict[str, dict[str, RawAnswer]], list[Problem], dict[str, Any]]:
    """The file read with the target worksheet when its format fits it, else with its own: every
    layer the file has (a layer the new worksheet lacks is listed as dropped, never refused)."""
    from pmprb.readers.base import REFUSE_BELOW

    chosen = [f for f in formats() if f.name != "own_workbook"]
    for requested in (worksheet, None):
        for fmt in chosen:
            detection = fmt.detect(source, requested)
            if detection is None or detection.confidence < REFUSE_BELOW:
                continue
            found = detection.worksheet
            sheets = fmt.read(source, detection, detection.layers).sheets
            problems: list[Problem] = []
            seen: set[tuple[str, str, str | None, str]] = set()
            meta: dict[str, Any] = {}
            for sheet in sheets.values():
                meta.update(sheet.meta)
                for p in sheet.problems:  # each layer carries the file's problems: keep one copy
                    key = (p.code, str(p.location), p.question, repr(p.params))
                    if key not in seen:
                        seen.add(key)
                        problems.append(p)
            return found, {layer: s.answers for layer, s in sheets.items()}, problems, meta
    from pmprb.readers import detect

    detect(source)  # names the file, or refuses it with the best candidates
    raise UserError(Problem("file.unknown-format", Location(source.name), params={"sheets": "Jawaban, LKE"}))


def _target(worksheet: Worksheet, qid: str, by_soal: Worksheet | None) -> Question | None:
    if by_soal is not None:
        old = by_soal.questions.get(qid)
        if old is not None and old.source is not None and old.source.soal_id is not None:
            found = worksheet.question_by_soal_id(old.source.soal_id)
            if found is not None:
                return found
    return worksheet.questions.get(qid)


def _carry(
    out: Prefill,
    worksheet: Worksheet,
    raw: dict[str, dict[str, RawAnswer]],
    file: str,
    by_soal: Worksheet | None,
) -> None:
    for layer, answers in raw.items():
        for qid, answer in answers.items():
            entries = [x for x in (answer.value, answer.note, answer.evidence) if not is_blank(x)]
            if not entries:
                continue
            question = _target(worksheet, qid, by_soal)
            if question is None or layer not in worksheet.layers:
                out.dropped.add(qid)
                out.problems.append(
                    Problem(
                        "prefill.dropped",
                        answer.location,
                        "warning",
                        qid,
                        params={
                            "file": Path(file).name,
                            "worksheet": worksheet.id,
                            "layer": layer,
                            "value": " | ".join(str(x) for x in entries),
                        },
                    )
                )
                continue
            if not is_blank(answer.value):
                out.answers.setdefault(layer, {})[question.id] = answer.value
                atype = worksheet.answer_types[question.type]
                try:
                    normalize(atype, answer.value)
                except Invalid:
                    out.problems.append(
                        Problem(
                            "prefill.invalid",
                            answer.location,
                            "warning",
                            question.id,
                            params={
                                "file": Path(file).name,
                                "value": answer.value,
                                "type": atype.label,
                                "allowed": allowed_text(atype),
                            },
                        )
                    )
            if answer.note:
                out.notes.setdefault(layer, {})[question.id] = answer.note
            if answer.evidence:
                out.evidence.setdefault(layer, {})[question.id] = answer.evidence
