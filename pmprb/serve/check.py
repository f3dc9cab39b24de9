"""`pmprb serve DIR --check`: the units, the list each would appear in, its score and what fails."""

from __future__ import annotations

from pmprb.i18n import t
from pmprb.i18n.numbers import number
from pmprb.model.weight import display_gap
from pmprb.serve.service import Proposal, Service


def describe(proposal: Proposal, lang: str) -> list[str]:
    unit, reading = proposal.unit, proposal.reading
    listed = proposal.kategori or t("serve.check.none", lang)
    lines = [f"{unit.id}  {unit.nama}  ({unit.file})"]
    if reading is None:
        lines.append("  " + t("serve.check.failed", lang, unit=unit.id))
        lines.extend(f"    {p.location}: {p.message(lang)}" for p in proposal.problems)
        return lines
    predicate = reading.predicate or t("predicate.none", lang)
    lines.append(
        f"  {t('serve.check.list', lang)}: {listed} · {t('label.layer', lang)} {reading.layer} · "
        f"{t('label.total', lang)} {number(reading.total, lang)} · "
        f"{t('label.predicate', lang)} {predicate}"
    )
    wanted = proposal.kategori or "WBK"
    wanted = "WBK" if wanted == "WBK-AFIRMASI" else wanted
    for rule in reading.rules:
        if rule.label != wanted or rule.holds:
            continue
        lines.append(f"  {t('serve.check.failing', lang, rule=rule.label)}:")
        for c in rule.conditions:
            if not c.holds:
                gap = display_gap(c.required, c.achieved)
                lines.append(
                    f"    {c.title} {c.op} {number(c.required, lang)}: "
                    f"{number(c.achieved, lang)} (−{number(gap, lang)})"
                )
    if unit.kategori is not None and reading.predicate not in _reaching(unit.kategori):
        params = {"unit": unit.id, "kategori": unit.kategori, "layer": reading.layer, "predicate": predicate}
        lines.append("  " + t("serve.check.below", lang, **params))
    return lines


def _reaching(kategori: str) -> tuple[str, ...]:
    return ("WBBM",) if kategori == "WBBM" else ("WBK", "WBBM")


def report(service: Service, lang: str) -> tuple[str, bool]:
    """The text, and whether every unit can be served."""
    out: list[str] = []
    counts = {"WBK": 0, "WBBM": 0}
    failed = 0
    for unit in service.units.values():
        proposal = service.proposal(unit)
        out.extend(describe(proposal, lang))
        if proposal.reading is None:
            failed += 1
        elif proposal.list is not None:
            counts[proposal.list.upper()] += 1
    out.append("")
    out.append(
        t(
            "serve.check.summary",
            lang,
            units=len(service.units),
            wbk=counts["WBK"],
            wbbm=counts["WBBM"],
            failed=failed,
        )
    )
    return "\n".join(out) + "\n", failed == 0
