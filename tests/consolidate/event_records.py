"""Events written as the extract contract writes them, and the reports clustering makes of them."""

from __future__ import annotations

from typing import Any

from sitrep.consolidate.reports import Report, Theatre, load_theatre, report_from_event

THEATRE = load_theatre("iraq_syria")

SITES = {  # canonical site -> (admin1, country)
    "al-Omar oil field base": ("Deir ez-Zor", "SY"),
    "Conoco gas field base": ("Deir ez-Zor", "SY"),
    "al-Tanf garrison": ("Homs", "SY"),
    "Tower 22": ("Mafraq", "JO"),
    "Ain al-Asad air base": ("Anbar", "IQ"),
    "Erbil airport base": ("Erbil", "IQ"),
    "Erbil": ("Erbil", "IQ"),
    "al-Harir air base": ("Erbil", "IQ"),
    "Baghdad": ("Baghdad", "IQ"),
}


def event(event_id: str = "e1", site: str | None = "al-Omar oil field base", date: str | None = "2024-02-05",
          **fields: Any) -> dict[str, Any]:
    """An event record: a site from SITES (admin1 and country filled in), a date, any other field."""
    admin1, country = SITES.get(site, (fields.pop("admin1", None), fields.pop("country", None)))
    record = {"id": event_id, "site": site, "admin1": admin1, "country": country, "date": date,
              "date_earliest": date, "date_latest": date, "event_kind": "drone_attack", "weapons": ["drone"]}
    return record | fields


def reports(*items: tuple[str, dict[str, Any]], theatre: Theatre = THEATRE) -> list[Report]:
    """Reports from (doc_id, event record) pairs."""
    return [report_from_event(doc_id, record, theatre) for doc_id, record in items]
