"""Plain answers for any worksheet, the way other systems hand answers to pmprb: one row per answer
with the columns `question, layer, answer, note, evidence` (and optionally `worksheet`), as CSV
(comma or semicolon separated, UTF-8) or as JSON (a list of such objects, or {"worksheet": ...,
"answers": [...]}). Column names may also be Indonesian (pertanyaan, lapisan, jawaban, catatan, bukti).
A row without a layer answers the worksheet's first layer.

The worksheet is the one asked for (--worksheet), else the one the file names (a shipped id, or a
worksheet file beside it), else the shipped worksheet knowing most of the question ids the file
answers (more than half; an id it does not know is reported at its line), or among several the one
the others extend (naming them in the reason shown); when unrelated ones tie the file is refused with
a request to name it."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pmprb.errors import Location, Problem, UserError
from pmprb.i18n import Msg
from pmprb.model import Worksheet
from pmprb.readers.answer_header import COLUMNS, columns_of, delimiter_of
from pmprb.readers.source import Source
from pmprb.scoring.answers import AnswerSheet, RawAnswer


@dataclass(frozen=True, slots=True)
class Row:
    values: dict[str, Any]  # column -> value (text for CSV; any JSON scalar)
    where: dict[str, Location]  # column -> its location


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _shape(source: Source, reason: str, path: str = "$") -> UserError:
    return UserError(Problem("json.shape", Location(source.name, json_path=path), params={"reason": reason}))


def _json_entries(source: Source) -> tuple[list[Any], Any] | None:
    """(entries, worksheet named) when the JSON is plain answers; None when it is another JSON."""
    data = source.json
    entries = data.get("answers") if isinstance(data, dict) else data
    if not isinstance(entries, list):
        return None
    first = next((e for e in entries if isinstance(e, dict)), None)
    if first is None or "question" not in first or "soal_id" in first:
        return None
    return entries, data.get("worksheet") if isinstance(data, dict) else None


def rows(source: Source) -> tuple[list[Row], Any]:
    """The file's answer rows and the worksheet it names (if any)."""
    if source.kind == "json":
        found = _json_entries(source)
        assert found is not None
        entries, named = found
        out: list[Row] = []
        for i, entry in enumerate(entries):
            path = f"$.answers[{i}]" if isinstance(source.json, dict) else f"$[{i}]"
            if not isinstance(entry, dict):
                raise _shape(source, Msg("reason.not-an-object"), path)
            out.append(
                Row(
                    {k: entry.get(k) for k in (*COLUMNS, "worksheet")},
                    {k: Location(source.name, json_path=f"{path}.{k}") for k in COLUMNS},
                )
            )
        return out, named
    try:
        text = source.raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UserError(
            Problem("answers.not-utf8", Location(source.name), params={"byte": exc.start})
        ) from None
    lines = text.splitlines()
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter_of(lines[0] if lines else ""))
    header = next(reader, [])
    columns = columns_of(header)
    out = []
    names: set[str] = set()
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue
        line = reader.line_num
        values = {k: (row[i] if i < len(row) else "") for k, i in columns.items()}
        where = {k: Location(source.name, line=line, column=i + 1) for k, i in columns.items()}
        if values.get("worksheet", "").strip():
            names.add(values["worksheet"].strip())
        out.append(Row(values, where))
    if len(names) > 1:
        raise UserError(
            Problem(
                "answers.worksheets-differ", Location(source.name), params={"value": ", ".join(sorted(names))}
            )
        )
    return out, next(iter(names), None)


def _named_worksheet(source: Source, named: str) -> Worksheet:
    from pmprb.catalog import get_worksheet, shipped_paths

    beside = Path(source.name).parent / named
    ref = str(beside) if named not in shipped_paths() and beside.suffix in (".yaml", ".yml") else named
    try:
        return get_worksheet(ref)
    except UserError:
        raise UserError(
            Problem(
                "answers.worksheet-unknown",
                Location(source.name),
                params={"value": named, "allowed": ", ".join(shipped_paths())},
            )
        ) from None


def _by_questions(source: Source, found: list[Row]) -> tuple[Worksheet, list[str]]:
    """The one shipped worksheet knowing most of the question ids, or the one the others knowing as many
    extend (sakip-2021 before its variants; the reason shown names them); else refused."""
    from pmprb.catalog import shipped_paths, shipped_worksheets

    ids = {str(r.values.get("question")).strip() for r in found if _text(r.values.get("question"))}
    known = {w.id: len(ids & set(w.questions)) for w in shipped_worksheets()}
    most = max(known.values(), default=0)
    # the worksheets knowing most of the ids (more than half): an id none knows is reported at its line
    fitting = [w for w in shipped_worksheets() if ids and known[w.id] == most and 2 * most > len(ids)]
    if len(fitting) == 1:
        return fitting[0], []
    bases = [w for w in fitting if all(o is w or o.extends == w.id for o in fitting)]
    if len(bases) == 1:
        return bases[0], [w.id for w in fitting if w is not bases[0]]
    code = "answers.worksheet-ambiguous" if fitting else "worksheet.undetected"
    allowed = ", ".join(w.id for w in fitting) if fitting else ", ".join(shipped_paths())
    raise UserError(Problem(code, Location(source.name), params={"allowed": allowed}))


def detect(source: Source, requested: Worksheet | None) -> Any:
    from pmprb.readers import Detection

    if source.kind == "json":
        if _json_entries(source) is None:
            return None
    elif source.kind != "csv":
        return None
    if requested is not None:
        return Detection(requested, "--worksheet")
    found, named = rows(source)
    if _text(named):
        return Detection(
            _named_worksheet(source, str(named).strip()), Msg("reason.named", worksheet=str(named).strip())
        )
    chosen, variants = _by_questions(source, found)
    if variants:  # said, not silent: the variants that would read the same ids
        names = ", ".join(variants)
        return Detection(chosen, Msg("reason.question-ids-variants", variants=names))
    return Detection(chosen, Msg("reason.question-ids"))


def read(source: Source, worksheet: Worksheet, layers: tuple[str, ...]) -> dict[str, AnswerSheet]:
    found, _ = rows(source)
    out = {layer: AnswerSheet(source.name, layer, worksheet_id=worksheet.id) for layer in layers}
    problems: list[Problem] = []
    first: dict[tuple[str, str], Location] = {}
    default = worksheet.layers[0]
    for row in found:
        question = _text(row.values.get("question"))
        layer = _text(row.values.get("layer")) or default
        if question is None or question not in worksheet.questions:
            problems.append(
                Problem(
                    "answers.unknown-question",
                    row.where["question"],
                    params={"value": question or "", "worksheet": worksheet.id},
                )
            )
            continue
        if layer not in worksheet.layers:
            where = row.where.get("layer", row.where["question"])
            params = {"value": layer, "allowed": ", ".join(worksheet.layers)}
            problems.append(Problem("answers.unknown-layer", where, question=question, params=params))
            continue
        if (question, layer) in first:
            problems.append(
                Problem(
                    "answer.duplicate",
                    row.where["question"],
                    "warning",
                    question,
                    params={"first": str(first[question, layer])},
                )
            )
            continue
        first[question, layer] = row.where["question"]
        if layer not in out:
            continue
        value = row.values.get("answer")
        if isinstance(value, list | dict):
            value = str(value)
        out[layer].answers[question] = RawAnswer(
            value, row.where["answer"], _text(row.values.get("note")), _text(row.values.get("evidence"))
        )
    for sheet in out.values():
        sheet.problems.extend(problems)
    return out
