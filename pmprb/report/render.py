"""View-model -> HTML (Jinja, autoescaped) -> PDF (WeasyPrint, same HTML). Nothing is fetched from a
network: the HTML is self-contained and the PDF renderer refuses every URL but inline data."""

from __future__ import annotations

from fractions import Fraction
from functools import cache
from typing import TYPE_CHECKING, Any

from pmprb.i18n import t
from pmprb.report import format as fmt
from pmprb.report.model import ReportDoc

if TYPE_CHECKING:
    from jinja2 import Environment

TEMPLATE = "report/report.html"
OPERATORS = {">=": "≥", ">": ">"}


@cache
def environment() -> Environment:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context

    from pmprb.catalog import data_dir

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

    env.filters["num"] = num
    env.filters["answer"] = answer
    env.filters["op"] = lambda op: OPERATORS.get(op, op)
    return env


def render_html(doc: ReportDoc) -> str:
    lang = doc.lang

    def translate(code: str, **params: Any) -> str:
        return t(code, lang, **params)

    def layer_name(layer: str) -> str:
        code = f"report.layer.{layer}"
        text = translate(code)
        return layer if text == code else text

    template = environment().get_template(TEMPLATE)
    return str(template.render(doc=doc, t=translate, layer_name=layer_name))


def _no_network(url: str, *args: Any, **kwargs: Any) -> Any:
    from weasyprint.urls import default_url_fetcher

    if url.startswith("data:"):
        return default_url_fetcher(url, *args, **kwargs)
    raise ValueError(f"pmprb reports load nothing from outside: {url}")


def render_pdf(html: str) -> tuple[bytes, int]:
    """The PDF and its page count."""
    from weasyprint import HTML

    from pmprb.catalog import data_dir

    document = HTML(string=html, base_url=str(data_dir("templates")), url_fetcher=_no_network).render()
    return bytes(document.write_pdf()), len(document.pages)
