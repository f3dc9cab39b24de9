"""View-model -> HTML (Jinja, autoescaped) -> PDF (WeasyPrint, same HTML; pmprb.report.pdf). Nothing
is fetched from a network: the HTML is self-contained and the PDF renderer refuses every URL but inline
data. A roll-up's PDF may be rendered in parts (`render_parts`): the cover with the ranking, then each
unit, without the page footer, which `render_footer` lays out for the joined document."""

from __future__ import annotations

from fractions import Fraction
from functools import cache
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from pmprb.catalog import data_dir
from pmprb.i18n import t
from pmprb.report import format as fmt
from pmprb.report.model import ReportDoc, UnitReport
from pmprb.report.pdf import render_one

if TYPE_CHECKING:
    from jinja2 import Environment

TEMPLATE = "report/report.html"
OPERATORS = {">=": "≥", ">": ">"}


@cache
def environment() -> Environment:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context

    env = Environment(
        loader=FileSystemLoader(str(data_dir("templates"))),
        autoescape=True,  # notes and evidence are whatever an assessor typed
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )

    @pass_context
    def num(context: Any, value: Fraction | int | float | None, places: int = 2) -> str:
        return fmt.number(value, context["doc"].lang, places)

    @pass_context
    def answer(context: Any, value: str | None) -> str:
        return fmt.answer(value, context["doc"].lang)

    @pass_context
    def pct(context: Any, value: Fraction | int | float | None) -> str:
        return fmt.percent(value, context["doc"].lang)

    env.filters["num"] = num
    env.filters["pct"] = pct
    env.filters["answer"] = answer
    env.filters["op"] = lambda op: OPERATORS.get(op, op)
    env.filters["css_string"] = css_string
    env.filters["filename"] = lambda path: PurePath(str(path)).name  # a report names files, not folders
    return env


def css_string(text: str) -> Any:
    """Text as a quoted CSS string, safe inside <style> (no quote, backslash or tag can end it)."""
    from markupsafe import Markup

    escaped = "".join(ch if ch.isalnum() or ch in " .,:;-_()/" else f"\\{ord(ch):x} " for ch in text)
    return Markup(f'"{escaped}"')


def render_html(
    doc: ReportDoc, *, cover: bool = True, units: list[UnitReport] | None = None, footer: bool = True
) -> str:
    """The whole report, or a part of it: the cover (with the roll-up) and/or some units, with or
    without the page footer."""
    return _render(TEMPLATE, doc, cover=cover, units=doc.units if units is None else units, footer=footer)


def render_parts(doc: ReportDoc, count: int | None = None) -> list[str]:
    """A roll-up's parts, each a document of its own: the cover with the ranking, then the units in
    `count` runs of consecutive units (by default one a unit). Fewer, larger parts cost less: each part
    parses the stylesheet and embeds its fonts again."""
    units = doc.units
    runs = max(1, min(len(units), count or len(units)))
    bounds = [len(units) * i // runs for i in range(runs + 1)]
    parts = [render_html(doc, units=[], footer=False)]
    parts.extend(
        render_html(doc, cover=False, units=units[start:end], footer=False)
        for start, end in zip(bounds, bounds[1:], strict=False)
        if end > start
    )
    return parts


def render_footer(doc: ReportDoc, pages: int, first: int = 1, last: int | None = None) -> str:
    """Pages `first`..`last` (1-based; by default all `pages`) holding nothing but the footer of `doc`:
    its title, page X of Y."""
    return _render("report/footer.html", doc, pages=pages, first=first, last=pages if last is None else last)


def _render(name: str, doc: ReportDoc, **context: Any) -> str:
    lang = doc.lang

    def translate(code: str, **params: Any) -> str:
        return t(code, lang, **params)

    # a layer's name in the report's language, else the worksheet's label for it, else its id
    labels = {u.layer: u.layer_label for u in doc.units if u.layer_label}

    def layer_name(layer: str) -> str:
        code = f"report.layer.{layer}"
        text = translate(code)
        return labels.get(layer, layer) if text == code else text

    template = environment().get_template(name)
    return str(template.render(doc=doc, t=translate, layer_name=layer_name, **context))


def render_pdf(html: str) -> tuple[bytes, int]:
    """The PDF of one whole document and its page count."""

    return render_one(html)
