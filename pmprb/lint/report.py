"""Findings as text (one line each plus a hint), JSON, or GitHub Actions workflow commands."""

from __future__ import annotations

import json
from typing import IO, Any

from pmprb.errors import Problem
from pmprb.i18n import t


def hint(problem: Problem, lang: str) -> str:
    code = f"{problem.code}.hint"
    if problem.params.get("suggestion"):
        code += "-suggest"
    text = t(code, lang, question=problem.question or "", **problem.params)
    return "" if text.startswith(problem.code) else text


def write_text(problems: list[Problem], out: IO[str], lang: str) -> None:
    hint_label = t("label.hint", lang)
    for p in problems:
        severity = t(f"label.severity.{p.severity}", lang)
        out.write(f"{p.location}: {severity} [{p.code}] {p.message(lang)}\n")
        advice = hint(p, lang)
        if advice:
            out.write(f"    {hint_label}: {advice}\n")


def to_json(p: Problem, lang: str) -> dict[str, Any]:
    out = p.to_dict(lang)
    out["hint"] = hint(p, lang)
    out["params"] = {k: str(v) if not isinstance(v, int | float) else v for k, v in p.params.items()}
    return out


def write_json(reports: list[Any], out: IO[str], lang: str) -> None:
    """{"files": [{"path", "errors", "warnings", "problems": [...]}], "errors", "warnings"}."""
    files = [
        {
            "path": r.path,
            "errors": r.errors,
            "warnings": r.warnings,
            "problems": [to_json(p, lang) for p in r.problems],
        }
        for r in reports
    ]
    doc = {
        "files": files,
        "errors": sum(f["errors"] for f in files),
        "warnings": sum(f["warnings"] for f in files),
    }
    json.dump(doc, out, ensure_ascii=False, indent=2)
    out.write("\n")


def write_github(problems: list[Problem], out: IO[str], lang: str) -> None:
    """`::error file=F,line=L,col=C,title=T::message` (values escaped as the runner expects)."""
    for p in problems:
        level = {"error": "error", "warning": "warning"}.get(p.severity, "notice")
        props = [f"file={_prop(p.location.file or '')}"]
        if p.location.line:
            props += [f"line={p.location.line}", f"col={p.location.column or 1}"]
        props.append(f"title={_prop('pmprb ' + p.code)}")
        message = p.message(lang)
        advice = hint(p, lang)
        if advice:
            message += "\n" + advice
        out.write(f"::{level} {','.join(props)}::{_data(message)}\n")


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
