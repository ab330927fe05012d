"""What a situation report shows, read from the store: figures, breakdowns, timeline, map points, tables.

Every number the report prints is computed here, once, so the HTML, PDF and Markdown renderings
and the tests read the same `ReportData`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sitrep.consolidate.reports import load_theatre
from sitrep.store import Store

UNKNOWN = "unknown"
COUNT_FIELDS = ("killed", "injured")
TOP_ROWS = 8  # rows of each breakdown table before "other"


@dataclass(frozen=True)
class Filters:
    """The slice of the database a report covers (the options of `sitrep report`)."""

    since: str | None = None
    until: str | None = None
    country: str | None = None
    site: str | None = None
    actor: str | None = None


@dataclass(frozen=True)
class CountRange:
    """A casualty figure as reported: `low` when sources agree, `low`..`high` when they disagree."""

    low: int
    high: int

    def text(self) -> str:
        """"3", or "3–5" when sources disagree."""
        return str(self.low) if self.low == self.high else f"{self.low}–{self.high}"


@dataclass(frozen=True)
class MapPoint:
    """One marker of the map: a place and how many incidents happened there."""

    name: str
    country: str | None
    lat: float
    lon: float
    incidents: int


@dataclass(frozen=True)
class Disagreement:
    """A field on which the sources of one incident disagree, with each value and who gives it."""

    incident_id: str
    summary: Mapping[str, Any]
    field: str
    values: list[tuple[Any, list[str]]]  # (value, outlets or doc ids giving it)


@dataclass
class ReportData:
    """Everything a situation report shows, in the order it shows it."""

    filters: Filters
    generated: str
    incidents: list[dict[str, Any]]  # stored incident records (with per-field provenance), by date
    documents: int
    by_country: list[tuple[str, int]]
    by_site: list[tuple[str, int]]
    by_weapon: list[tuple[str, int]]
    by_actor: list[tuple[str, int]]
    by_status: list[tuple[str, int]]
    killed: CountRange
    injured: CountRange
    casualty_ranges: dict[str, dict[str, CountRange]]  # incident id -> field -> range
    map_points: list[MapPoint]
    unplaced: int  # incidents without coordinates, left off the map
    tallies: list[dict[str, Any]]
    disagreements: list[Disagreement]
    undated: int = 0
    first_day: str | None = None
    last_day: str | None = None
    reports: int = field(default=0)

    @property
    def n_incidents(self) -> int:
        """How many incidents the report covers."""
        return len(self.incidents)

    def timeline(self, stack_by: str = "country") -> tuple[list[str], dict[str, list[int]]]:
        """Incidents per day, one series per country (or weapon): (days, {key: counts per day}).

        Days run from the first to the last dated incident, empty days included; an incident
        with several weapons counts once, under its first weapon.
        """
        dated = [(day, stack_key(item, stack_by)) for item in self.incidents if (day := incident_day(item))]
        if not dated:
            return [], {}
        first, last = date.fromisoformat(min(d for d, _ in dated)), date.fromisoformat(max(d for d, _ in dated))
        days = [date.fromordinal(n).isoformat() for n in range(first.toordinal(), last.toordinal() + 1)]
        index = {day: position for position, day in enumerate(days)}
        series: dict[str, list[int]] = {key: [0] * len(days) for key in sorted({key for _, key in dated})}
        for day, key in dated:
            series[key][index[day]] += 1
        return days, series


def incident_day(incident: Mapping[str, Any]) -> str | None:
    """The day an incident is placed on: its date, else the start of its span."""
    return incident.get("date") or incident.get("date_earliest")


def stack_key(incident: Mapping[str, Any], stack_by: str) -> str:
    """The series an incident is counted in on the timeline."""
    if stack_by == "weapon":
        return (incident.get("weapons") or [UNKNOWN])[0]
    if stack_by == "country":
        return incident.get("country") or UNKNOWN
    raise ValueError(f"stack_by must be 'country' or 'weapon', not {stack_by!r}")


def ranked(values: Iterable[str]) -> list[tuple[str, int]]:
    """(value, count), most frequent first (ties alphabetical), the tail folded into "other"."""
    counts = Counter(values)
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    if len(rows) > TOP_ROWS:
        rows = rows[:TOP_ROWS - 1] + [("other", sum(n for _, n in rows[TOP_ROWS - 1:]))]
    return rows


def field_values(incident: Mapping[str, Any], name: str) -> list[dict[str, Any]]:
    """Every value the sources give for one field of an incident record, with their sources."""
    return list(((incident.get("fields") or {}).get(name) or {}).get("values") or [])


def count_range(incident: Mapping[str, Any], name: str) -> CountRange | None:
    """The smallest and largest count sources give for `killed` or `injured`; None when none do."""
    counts = [item["value"] for item in field_values(incident, name) if isinstance(item["value"], int)]
    if not counts and isinstance(incident.get(name), int):
        counts = [incident[name]]
    return CountRange(min(counts), max(counts)) if counts else None


def disagreements_of(incident: Mapping[str, Any]) -> list[Disagreement]:
    """The fields of an incident in conflict, each with its values and the sources giving them."""
    found = []
    for name in incident.get("conflicts") or []:
        values = [(item["value"], [source.get("outlet") or source["doc_id"] for source in item["sources"]])
                  for item in field_values(incident, name)]
        found.append(Disagreement(incident["id"], incident, name, values))
    for name in COUNT_FIELDS:  # casualty counts that differ are shown even when one is "most specific"
        if name not in (incident.get("conflicts") or []) and len(field_values(incident, name)) > 1:
            values = [(item["value"], [source.get("outlet") or source["doc_id"] for source in item["sources"]])
                      for item in field_values(incident, name)]
            found.append(Disagreement(incident["id"], incident, name, values))
    return found


def map_points(incidents: Iterable[Mapping[str, Any]], event_coordinates: Mapping[tuple[str, str], tuple[float, float]],
               pack: str) -> tuple[list[MapPoint], int]:
    """One marker per place with coordinates (pack sites, else a member event's), and the unplaced count."""
    places = load_theatre(pack).places
    located: dict[tuple[float, float], list[Mapping[str, Any]]] = {}
    unplaced = 0
    for incident in incidents:
        place = places.place(incident.get("site"), incident.get("admin1"), incident.get("country"))
        point = (place.lat, place.lon) if place.lat is not None and place.lon is not None else next(
            (event_coordinates[key] for member in incident.get("members") or []
             if (key := (member["doc_id"], str(member["event_id"]))) in event_coordinates), None)
        if point is None:
            unplaced += 1
            continue
        located.setdefault((round(point[0], 4), round(point[1], 4)), []).append(incident)
    points = [MapPoint(name=items[0].get("site") or items[0].get("admin1") or "", country=items[0].get("country"),
                       lat=lat, lon=lon, incidents=len(items)) for (lat, lon), items in sorted(located.items())]
    return points, unplaced


def gather_report(store: Store, pack: str, filters: Filters, today: date | None = None) -> ReportData:
    """Read the incidents, events and tallies a report covers and compute its figures."""
    listing = store.incidents(filters.since, filters.until, filters.site, filters.actor, filters.country)
    incidents = [record for item in listing if (record := store.incident(item["id"])) is not None]
    events = store.events(filters.since, filters.until, filters.site, filters.actor, filters.country)
    coordinates = {(event["doc_id"], str(event["id"])): (event["lat"], event["lon"])
                   for event in events if event.get("lat") is not None and event.get("lon") is not None}
    ranges = {incident["id"]: {name: found for name in COUNT_FIELDS if (found := count_range(incident, name))}
              for incident in incidents}
    points, unplaced = map_points(incidents, coordinates, pack)
    days = sorted(day for incident in incidents if (day := incident_day(incident)))
    return ReportData(
        filters=filters,
        generated=(today or date.today()).isoformat(),
        incidents=incidents,
        documents=len({member["doc_id"] for incident in incidents for member in incident.get("members") or []}),
        by_country=ranked(incident.get("country") or UNKNOWN for incident in incidents),
        by_site=ranked(incident.get("site") or incident.get("admin1") or UNKNOWN for incident in incidents),
        by_weapon=ranked(weapon for incident in incidents for weapon in incident.get("weapons") or [UNKNOWN]),
        by_actor=ranked(incident.get("actor") or UNKNOWN for incident in incidents),
        by_status=ranked(incident["status"] for incident in incidents),
        killed=total(ranges.values(), "killed"),
        injured=total(ranges.values(), "injured"),
        casualty_ranges=ranges,
        map_points=points,
        unplaced=unplaced,
        tallies=tallies_in(store.tallies(pack), filters),
        disagreements=[found for incident in incidents for found in disagreements_of(incident)],
        undated=sum(1 for incident in incidents if not incident_day(incident)),
        first_day=days[0] if days else None,
        last_day=days[-1] if days else None,
        reports=sum(incident.get("n_reports") or 0 for incident in incidents),
    )


def total(ranges: Iterable[Mapping[str, CountRange]], name: str) -> CountRange:
    """The sum over incidents of the lowest and of the highest count reported."""
    found = [item[name] for item in ranges if name in item]
    return CountRange(sum(r.low for r in found), sum(r.high for r in found))


def tallies_in(tallies: list[dict[str, Any]], filters: Filters) -> list[dict[str, Any]]:
    """The tallies stated within the report's period (all of them when it has no bounds)."""
    def inside(tally: Mapping[str, Any]) -> bool:
        stated = tally.get("period_end") or tally.get("stated_date")
        if stated is None:
            return True
        return (filters.since is None or stated >= filters.since) and (filters.until is None or stated <= filters.until)

    return [tally for tally in tallies if inside(tally)]
