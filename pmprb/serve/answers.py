"""PortalRB's answers document for one unit (docs/domain.md §6): one entry per question of the master, in
soal id order, from what pmprb's readers read and the engine validated; `null` where empty."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from pmprb.errors import Location, Problem, UserError
from pmprb.model import Worksheet
from pmprb.scoring.result import QuestionResult, ScoreResult

LAYERS = ("unit", "tpi")


def decimal(value: Fraction) -> str:
    """The exact decimal of a number read as a decimal (a finite one), without trailing zeros."""
    if value.denominator == 1:
        return str(value.numerator)
    sign = "-" if value < 0 else ""
    value = abs(value)
    digits = 0
    while (value * 10**digits).denominator != 1 and digits < 30:
        digits += 1
    scaled = value * 10**digits
    if scaled.denominator != 1:  # not a finite decimal (cannot come from a typed number): 15 places
        return sign + f"{float(value):.15g}"
    whole, frac = divmod(scaled.numerator, 10**digits)
    return f"{sign}{whole}.{str(frac).rjust(digits, '0').rstrip('0')}"


def answer_text(worksheet: Worksheet, question: QuestionResult, type_key: str) -> str | None:
    """The answer as PortalRB takes it: the option key, or the number written as a string."""
    if question.status != "answered" or question.value is None:
        return None
    atype = worksheet.answer_types[type_key]
    if atype.kind == "choice":
        return question.answer
    if atype.kind == "count":
        return decimal(question.value)
    if atype.kind == "scale":
        low, high = atype.min or Fraction(0), atype.max or Fraction(1)
        return decimal(question.value * (high - low) + low)
    return decimal(question.value * 100)  # percentage: the number, without its sign


def soal_order(worksheet: Worksheet) -> list[tuple[int, str]]:
    """(soal id, question id) of every question of the master, in soal id order."""
    return sorted((s, q.id) for s, q in worksheet.soal_index.items())


def document(
    worksheet: Worksheet, results: dict[str, ScoreResult], unit_id: str, nama_unit: str, tahun: int
) -> dict[str, Any]:
    return {
        "unit_id": unit_id,
        "nama_unit": nama_unit,
        "tahun": tahun,
        "answers": entries(worksheet, results),
    }


def entries(worksheet: Worksheet, results: dict[str, ScoreResult]) -> list[dict[str, Any]]:
    """Raises UserError when an answer is invalid (never served as something else) or the worksheet
    has no PortalRB soal ids."""
    if not results:  # neither layer in the file: nothing PortalRB could take
        raise UserError(Problem("lkeform.layer-absent", Location(), params={"value": "unit", "allowed": "-"}))
    errors = [p for r in results.values() for p in r.errors]
    if errors:
        raise UserError(*errors)
    order = soal_order(worksheet)
    if not order:
        raise UserError(Problem("serve.no-soal-ids", Location(), params={"worksheet": worksheet.id}))
    # a layer the file does not hold (a unit's form before the TPI has answered) is served as nulls
    unit, tpi = ({} if layer not in results else results[layer].questions for layer in LAYERS)
    answers = []
    for soal_id, qid in order:
        type_key = worksheet.questions[qid].type
        mine, theirs = unit.get(qid), tpi.get(qid)
        answers.append(
            {
                "soal_id": soal_id,
                "jawaban_unit": answer_text(worksheet, mine, type_key) if mine else None,
                "jawaban_tpi": answer_text(worksheet, theirs, type_key) if theirs else None,
                "catatan_unit": _text(mine.note) if mine else None,
                "bukti_dukung_unit": _text(mine.evidence) if mine else None,
                "catatan_tpi": _text(theirs.note) if theirs else None,
            }
        )
    return answers


def _text(value: str | None) -> str | None:
    return value.strip() or None if value else None


def proposal_layer(results: dict[str, ScoreResult]) -> str:
    """The TPI layer where the TPI answered anything, else the unit's own."""
    tpi = results.get("tpi")
    if tpi is not None and any(q.status != "missing" for q in tpi.questions.values()):
        return "tpi"
    return "unit" if "unit" in results else "tpi"
