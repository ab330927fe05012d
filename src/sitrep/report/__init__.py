"""Situation reports: `sitrep report` writes the database's incidents as HTML, PDF or Markdown.

gather   figures, breakdowns, timeline and map points read from the store (ReportData)
labels   the words of each report language (labels/<code>.yaml) and one-line incident summaries
charts   the map (on the web UI's country outlines) and the timeline, drawn with matplotlib
view     ReportData in one language: headline, tables, pictures (ReportView)
render   one self-contained HTML file (pictures inline) or Markdown from Jinja2 templates; PDF via pdf
pdf      the same view laid out with ReportLab
"""

from __future__ import annotations

from sitrep.report.gather import Filters, ReportData, gather_report
from sitrep.report.render import FORMATS, render_report, write_report

__all__ = ["FORMATS", "Filters", "ReportData", "gather_report", "render_report", "write_report"]
