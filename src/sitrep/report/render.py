"""One report, any format: gather from the store, build the view in a language, render it."""

from __future__ import annotations

import base64
from datetime import date
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from sitrep.report.gather import Filters, ReportData, gather_report
from sitrep.report.pdf import render_pdf
from sitrep.report.view import ReportView, build_view
from sitrep.settings import Settings
from sitrep.store import Store

FORMATS = ("html", "pdf", "md")


def markdown_cell(value: str) -> str:
    """A Markdown table cell: pipes escaped, line breaks flattened."""
    return value.replace("|", "\\|").replace("\n", " ")


def template_environment() -> Environment:
    """Jinja2 templates of the package; HTML autoescaped, Markdown not."""
    environment = Environment(loader=PackageLoader("sitrep.report", "templates"),
                              autoescape=select_autoescape(["html.j2"]), trim_blocks=True, lstrip_blocks=True,
                              keep_trailing_newline=True)
    environment.filters["md"] = markdown_cell
    return environment


def render_view(view: ReportView, fmt: str) -> bytes:
    """A report view as HTML (self-contained), Markdown or PDF bytes."""
    if fmt == "pdf":
        return render_pdf(view)
    if fmt not in FORMATS:
        raise ValueError(f"report format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    template = template_environment().get_template(f"report.{fmt}.j2")
    text = template.render(view=view, map_png=base64.b64encode(view.map_png).decode("ascii"),
                           timeline_png=base64.b64encode(view.timeline_png).decode("ascii"))
    return text.encode("utf-8")


def render_report(data: ReportData, fmt: str = "html", lang: str = "en", stack_by: str = "country") -> bytes:
    """The report of gathered data in a format ("html", "pdf", "md") and language ("en", "fr")."""
    if fmt not in FORMATS:
        raise ValueError(f"report format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    return render_view(build_view(data, lang, stack_by), fmt)


def write_report(settings: Settings, filters: Filters, out: Path, fmt: str = "html", lang: str = "en",
                 stack_by: str = "country", today: date | None = None) -> ReportData:
    """Read the database at `settings.database_url`, write the report to `out`, return its data."""
    with Store(settings.database_url) as store:
        data = gather_report(store, settings.pack, filters, today)
    out.write_bytes(render_report(data, fmt, lang, stack_by))
    return data
