"""A report in one language: `ReportData` turned into the headline, tables and pictures every format prints.

HTML, PDF and Markdown render the same `ReportView`, so they show the same words and numbers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sitrep.report.charts import map_figure, png_bytes, timeline_figure
from sitrep.report.gather import ReportData
from sitrep.report.labels import incident_summary, load_labels, place_of

Table = tuple[list[str], list[list[str]]]  # (header, rows)


@dataclass
class ReportView:
    """The words, tables and PNG pictures of one report, in one language."""

    lang: str
    labels: dict[str, Any]
    title: str
    subtitle: str
    headline: str
    notes: list[str]
    breakdowns: list[tuple[str, Table]]
    incidents: Table
    tallies: Table
    disagreements: Table
    map_png: bytes
    timeline_png: bytes
    timeline_title: str


def localized(rows: Sequence[tuple[str, int]], names: Mapping[str, str], labels: Mapping[str, Any]) -> list[list[str]]:
    """Breakdown rows with keys in the report language ("unknown" and "other" included)."""
    words = {"unknown": labels["unknown"], "other": labels["other"], **names}
    return [[words.get(key, key), str(count)] for key, count in rows]


def period_text(data: ReportData, labels: Mapping[str, Any]) -> str:
    """The period asked for, else the span of the incidents, else "all dates"."""
    since = data.filters.since or data.first_day
    until = data.filters.until or data.last_day
    return f"{since} – {until}" if since or until else labels["all_dates"]


def tally_period(tally: Mapping[str, Any]) -> str:
    """"start..end" of a stated tally, "?" for an open bound."""
    return f"{tally['period_start'] or '?'}..{tally['period_end'] or tally['stated_date'] or '?'}"


def build_view(data: ReportData, lang: str, stack_by: str = "country") -> ReportView:
    """The report of `data` in language `lang` ("en" or "fr"), pictures drawn."""
    labels = load_labels(lang)
    columns = labels["columns"]
    filters = ", ".join(f"{name}={value}" for name, value in (("country", data.filters.country),
                        ("site", data.filters.site), ("actor", data.filters.actor)) if value)
    subtitle = f"{labels['period']}: {period_text(data, labels)} · {labels['generated']} {data.generated}"
    notes = [labels["ranges_note"]]
    if data.undated:
        notes.append(labels["undated_note"].format(n=data.undated))
    if data.unplaced:
        notes.append(labels["unplaced_note"].format(n=data.unplaced))
    status_names = labels["status"]
    days, series = data.timeline(stack_by)
    timeline_title = f"{labels['timeline']} ({labels['timeline_by_' + stack_by]})"
    series_names = labels["weapons"] if stack_by == "weapon" else {}
    return ReportView(
        lang=lang,
        labels=labels,
        title=labels["title"],
        subtitle=subtitle + (f" · {labels['filters']}: {filters}" if filters else ""),
        headline=headline(data, labels),
        notes=notes,
        breakdowns=[
            (labels["by_country"], ([columns["country"], labels["count"]], localized(data.by_country, {}, labels))),
            (labels["by_site"], ([columns["place"], labels["count"]], localized(data.by_site, {}, labels))),
            (labels["by_weapon"], ([labels["by_weapon"], labels["count"]],
                                   localized(data.by_weapon, labels["weapons"], labels))),
            (labels["by_actor"], ([labels["by_actor"], labels["count"]], localized(data.by_actor, {}, labels))),
            (labels["by_status"], ([columns["status"], labels["count"]],
                                   localized(data.by_status, status_names, labels))),
        ],
        incidents=([columns["date"], columns["place"], columns["status"], columns["sources"], columns["summary"]], [
            [incident.get("date") or (f"{incident['date_earliest']}..{incident['date_latest']}"
                                      if incident.get("date_earliest") else labels["summary"]["undated"]),
             place_of(incident, labels), status_names.get(incident["status"], incident["status"]),
             str(incident.get("n_sources") or 0),
             incident_summary(incident, data.casualty_ranges.get(incident["id"], {}), labels)]
            for incident in data.incidents
        ]),
        tallies=([columns["claimant"], columns["stated"], columns["what"], columns["period"], columns["counted"],
                  columns["sitrep"], columns["difference"]], [
            [tally.get("claimant") or labels["unknown"], str(tally["count"]), tally.get("what") or "",
             tally_period(tally), tally["counts"], str(tally["sitrep_count"]), f"{tally['difference']:+d}"]
            for tally in data.tallies
        ]),
        disagreements=([columns["date"], columns["place"], columns["field"], columns["values"]], [
            [item.summary.get("date") or "", place_of(item.summary, labels),
             labels["fields"].get(item.field, item.field),
             " / ".join(f"{value_text(value)} ({', '.join(sorted(set(sources)))})" for value, sources in item.values)]
            for item in data.disagreements
        ]),
        map_png=png_bytes(map_figure(data.map_points, labels["map"])),
        timeline_png=png_bytes(timeline_figure(days, series, timeline_title, series_names)),
        timeline_title=timeline_title,
    )


def value_text(value: Any) -> str:
    """A field value as text: lists joined with "+"."""
    return "+".join(map(str, value)) if isinstance(value, list | tuple) else str(value)


def headline(data: ReportData, labels: Mapping[str, Any]) -> str:
    """The headline sentence: incidents, reports, documents, killed and injured (ranges where sources disagree)."""
    return labels["headline"].format(incidents=data.n_incidents, reports=data.reports, documents=data.documents,
                                     killed=data.killed.text(), injured=data.injured.text())
