"""The report as PDF, laid out with ReportLab.

ReportLab rather than WeasyPrint: it is pure Python (one wheel, no pango/cairo from the system),
so `pip install sitrep` is enough on any machine and in CI, and it draws the same PNG pictures
the HTML inlines. Page 1 holds the headline, the map and the timeline; tables follow.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import Image, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from sitrep.report.view import ReportView
from sitrep.report.view import Table as TableContent

MARGIN = 1.6 * cm
WIDTH = A4[0] - 2 * MARGIN
TABLE_STYLE = TableStyle([
    ("FONT", (0, 0), (-1, -1), "Helvetica", 7.5),
    ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 7.5),
    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f6f4ef")),
    ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#cccccc")),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
])


def pdf_table(content: TableContent, widths: list[float], cell: ParagraphStyle, width: float = WIDTH) -> Table:
    """A table `width` wide whose cells wrap (Paragraphs), header row repeated on each page."""
    header, rows = content
    data = [header, *[[Paragraph(escape(value), cell) for value in row] for row in rows]]
    table = Table(data, colWidths=[width * share for share in widths], repeatRows=1)
    table.setStyle(TABLE_STYLE)
    return table


def picture(png: bytes, width: float, height: float) -> Image:
    """A PNG picture scaled to a width and height on the page."""
    return Image(io.BytesIO(png), width=width, height=height)


def render_pdf(view: ReportView) -> bytes:
    """The PDF bytes of a report view."""
    styles = getSampleStyleSheet()
    cell = ParagraphStyle("cell", parent=styles["BodyText"], fontSize=7.5, leading=9)
    headline = ParagraphStyle("headline", parent=styles["BodyText"], fontSize=12, leading=15,
                              backColor=colors.HexColor("#f3f0e8"), borderPadding=6, spaceAfter=8)
    note = ParagraphStyle("note", parent=styles["BodyText"], fontSize=8, textColor=colors.HexColor("#555555"))
    story = [
        Paragraph(escape(view.title), styles["Title"]),
        Paragraph(escape(view.subtitle), styles["BodyText"]),
        Spacer(1, 6),
        Paragraph(escape(view.headline), headline),
        *[Paragraph(escape(text), note) for text in view.notes],
        picture(view.map_png, WIDTH, WIDTH * 4.6 / 7.0 * 0.92),
        picture(view.timeline_png, WIDTH, WIDTH * 2.8 / 7.0 * 0.92),
    ]
    half = WIDTH / 2 - 8
    breakdowns = [[Paragraph(escape(title), styles["Heading4"]), pdf_table(content, [0.75, 0.25], cell, half)]
                  for title, content in view.breakdowns]
    pairs = [breakdowns[i:i + 2] + [""] * (2 - len(breakdowns[i:i + 2])) for i in range(0, len(breakdowns), 2)]
    story.append(Table(pairs, colWidths=[WIDTH / 2] * 2, style=[("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story += [Paragraph(escape(view.labels["incidents"]), styles["Heading2"]),
              pdf_table(view.incidents, [0.12, 0.24, 0.1, 0.07, 0.47], cell)]
    story.append(Paragraph(escape(view.labels["tallies"]), styles["Heading2"]))
    story.append(pdf_table(view.tallies, [0.12, 0.08, 0.14, 0.2, 0.26, 0.08, 0.12], cell) if view.tallies[1]
                 else Paragraph(escape(view.labels["no_tallies"]), styles["BodyText"]))
    story.append(Paragraph(escape(view.labels["disagreements"]), styles["Heading2"]))
    story.append(pdf_table(view.disagreements, [0.12, 0.28, 0.15, 0.45], cell) if view.disagreements[1]
                 else Paragraph(escape(view.labels["no_disagreements"]), styles["BodyText"]))
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                                 bottomMargin=MARGIN, title=view.title, author="sitrep")
    document.build(story)
    return buffer.getvalue()
