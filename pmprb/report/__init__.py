"""HTML and PDF reports for admins: a view-model built from scores (`build`), rendered through the
Jinja templates in templates/report (`render_html`) and WeasyPrint (`render_pdf`)."""

from pmprb.report.build import Scored, build
from pmprb.report.render import render_html, render_pdf

__all__ = ["Scored", "build", "render_html", "render_pdf"]
