"""Read-only queries the API serves: filtered, sorted, paginated incidents; counts per period; documents.

Every value a user gives reaches the database as a bound parameter (SQLAlchemy expressions, no SQL
strings), so a filter such as `' OR 1=1 --` is only ever text to match. What differs between SQLite
and PostgreSQL stays here: JSON lists are matched through their text form, which both write the
same way (`["drone", "rocket"]`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, Text, cast, exists, func, or_, select
from sqlalchemy.orm import Session, selectinload

from sitrep.models import WEAPONS
from sitrep.store.records import evidence_records, statistic_record
from sitrep.store.repository import Store, first_day, last_day
from sitrep.store.tables import DocumentRow, EventRow, EvidenceRow, IncidentMemberRow, IncidentRow, StatisticRow

SORT_COLUMNS = ("date", "confidence", "n_reports", "n_sources", "site", "country", "actor", "id")
GROUPS = ("country", "site", "actor", "event_kind", "status", "weapon")
INTERVALS = ("day", "week")
LISTING_DROPPED = ("fields", "members")  # listings carry the summary; one incident carries everything
EXPORT_BATCH = 1000


@dataclass(frozen=True)
class IncidentFilters:
    """What narrows an incident query; None means no condition.

    `since`/`until` keep incidents whose day or interval overlaps them; text filters (site, actor,
    admin1) match case-insensitive substrings; `bbox` is (west, south, east, north) in degrees and
    keeps incidents with a report placed inside it; `text` matches names and evidence passages.
    """

    since: date | None = None
    until: date | None = None
    country: str | None = None
    admin1: str | None = None
    site: str | None = None
    actor: str | None = None
    weapon: str | None = None
    event_kind: str | None = None
    status: str | None = None
    text: str | None = None
    bbox: tuple[float, float, float, float] | None = None


def member_event_exists(*conditions: ColumnElement[bool]) -> ColumnElement[bool]:
    """Some member event of the incident meets every condition (a correlated EXISTS, probed per incident)."""
    return exists().where(IncidentMemberRow.incident_id == IncidentRow.id,
                          EventRow.id == IncidentMemberRow.event_id, *conditions).correlate(IncidentRow)


def weapon_condition(weapon: str) -> ColumnElement[bool]:
    """A member event lists `weapon` (one of `models.WEAPONS`), matched in the JSON list's text."""
    if weapon not in WEAPONS:
        raise ValueError(f"unknown weapon {weapon!r}")
    return member_event_exists(cast(EventRow.weapons, Text).contains(f'"{weapon}"', autoescape=True))


def text_condition(text: str) -> ColumnElement[bool]:
    """The text is in the incident's site, admin1, actor or target, or in an evidence passage of a report."""
    in_evidence = exists().where(IncidentMemberRow.incident_id == IncidentRow.id,
                                 EvidenceRow.event_id == IncidentMemberRow.event_id,
                                 EvidenceRow.text.icontains(text, autoescape=True)).correlate(IncidentRow)
    names = [column.icontains(text, autoescape=True)
             for column in (IncidentRow.site, IncidentRow.admin1, IncidentRow.actor, IncidentRow.target)]
    return or_(*names, in_evidence)


def filter_incidents(query: Select[Any], filters: IncidentFilters) -> Select[Any]:
    """`query` (over IncidentRow) narrowed by every filter that is set."""
    if filters.since:
        query = query.where(last_day(IncidentRow) >= filters.since.isoformat())
    if filters.until:
        query = query.where(first_day(IncidentRow) <= filters.until.isoformat())
    if filters.country:
        query = query.where(func.upper(IncidentRow.country) == filters.country.upper())
    for column, value in ((IncidentRow.admin1, filters.admin1), (IncidentRow.site, filters.site),
                          (IncidentRow.actor, filters.actor)):
        if value:
            query = query.where(column.icontains(value, autoescape=True))
    if filters.event_kind:
        query = query.where(IncidentRow.event_kind == filters.event_kind)
    if filters.status:
        query = query.where(IncidentRow.status == filters.status)
    if filters.weapon:
        query = query.where(weapon_condition(filters.weapon))
    if filters.text:
        query = query.where(text_condition(filters.text))
    if filters.bbox:
        west, south, east, north = filters.bbox
        placed = (select(IncidentMemberRow.incident_id).join(EventRow, EventRow.id == IncidentMemberRow.event_id)
                  .where(EventRow.lat.between(south, north), EventRow.lon.between(west, east)))
        query = query.where(IncidentRow.id.in_(placed))  # one pass over the events, not a probe per incident
    return query


def sort_order(sort: str) -> list[ColumnElement[Any]]:
    """ORDER BY for `date`, `-date`, `confidence`, ... (see SORT_COLUMNS); ties broken by id."""
    name = sort.removeprefix("-")
    if name not in SORT_COLUMNS:
        raise ValueError(f"cannot sort by {sort!r}; choose one of {', '.join(SORT_COLUMNS)}")
    column = first_day(IncidentRow) if name == "date" else getattr(IncidentRow, name)
    ordered = column.desc() if sort.startswith("-") else column.asc()
    return [ordered.nulls_last(), IncidentRow.id.desc() if sort.startswith("-") else IncidentRow.id]


def coordinates(session: Session, incident_ids: list[str]) -> dict[str, tuple[float, float]]:
    """Incident id -> (lat, lon) of its first report (anchor first) that is placed on the map."""
    rows = session.execute(
        select(IncidentMemberRow.incident_id, EventRow.lat, EventRow.lon)
        .join(EventRow, EventRow.id == IncidentMemberRow.event_id)
        .where(IncidentMemberRow.incident_id.in_(incident_ids), EventRow.lat.is_not(None), EventRow.lon.is_not(None))
        .order_by(IncidentMemberRow.incident_id, IncidentMemberRow.position)
    )
    placed: dict[str, tuple[float, float]] = {}
    for incident_id, lat, lon in rows:
        placed.setdefault(incident_id, (lat, lon))
    return placed


def with_place(record: dict[str, Any], placed: dict[str, tuple[float, float]], drop: tuple[str, ...] = ()) -> dict[str, Any]:
    """An incident record with `lat` and `lon` (None when no report is placed), less the `drop` keys."""
    lat, lon = placed.get(record["id"], (None, None))
    return {name: value for name, value in record.items() if name not in drop} | {"lat": lat, "lon": lon}


def incident_page(store: Store, filters: IncidentFilters, sort: str = "date", limit: int = 50,
                  offset: int = 0) -> dict[str, Any]:
    """One page of matching incidents (summaries with coordinates) and how many match in all.

    Returns:
        {"total": int, "limit": int, "offset": int, "items": [summary, ...]}; a summary is the stored
        incident record without per-field provenance and members, plus `lat`, `lon`.
    """
    order = sort_order(sort)
    with store.sessions() as session:
        total = session.scalar(filter_incidents(select(func.count()).select_from(IncidentRow), filters)) or 0
        # sort and page over narrow columns first; read the (wide) JSON records of one page only
        page_ids = list(session.scalars(filter_incidents(select(IncidentRow.id), filters)
                                        .order_by(*order).limit(limit).offset(offset)))
        records = dict(session.execute(select(IncidentRow.id, IncidentRow.record).where(IncidentRow.id.in_(page_ids))).all())
        rows = [(incident_id, records[incident_id]) for incident_id in page_ids]
        placed = coordinates(session, page_ids)
    items = [with_place(record, placed, LISTING_DROPPED) | {"n_members": len(record.get("members", []))}
             for _, record in rows]
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def incident_detail(store: Store, incident_id: str) -> dict[str, Any] | None:
    """One incident's full record (sources, per-field provenance, conflicts) with coordinates; None if unknown."""
    with store.sessions() as session:
        row = session.get(IncidentRow, incident_id)
        if row is None:
            return None
        return with_place(row.record, coordinates(session, [incident_id]))


def incident_records(store: Store, filters: IncidentFilters, sort: str = "date") -> Iterator[dict[str, Any]]:
    """Every matching incident's full record with coordinates, in batches (for exports)."""
    order = sort_order(sort)
    with store.sessions() as session:
        query = filter_incidents(select(IncidentRow.id, IncidentRow.record), filters).order_by(*order)
        result = session.execute(query.execution_options(yield_per=EXPORT_BATCH))
        for batch in result.partitions():
            placed = coordinates(session, [row.id for row in batch])
            for row in batch:
                yield with_place(row.record, placed)


def period_start(day: str, interval: str) -> str:
    """The first day of the period (`day`, or the Monday of its ISO week) that `day` falls in."""
    value = date.fromisoformat(day[:10])
    return (value - timedelta(days=value.weekday())).isoformat() if interval == "week" else value.isoformat()


def day_counts(session: Session, filters: IncidentFilters, group: ColumnElement[Any] | None,
               condition: ColumnElement[bool] | None = None) -> list[tuple[str, Any, int]]:
    """(first day, group value or None, incident count) for dated incidents, grouped in the database."""
    day = first_day(IncidentRow)
    columns = [day, group] if group is not None else [day]
    query = filter_incidents(select(*columns, func.count()).where(day.is_not(None)), filters)
    if condition is not None:
        query = query.where(condition)
    query = query.group_by(day, group) if group is not None else query.group_by(day)
    return [(row[0], row[1] if group is not None else None, row[-1]) for row in session.execute(query)]


def weapon_days(session: Session, filters: IncidentFilters) -> list[tuple[str, set[str]]]:
    """(first day, weapons of every report) of each dated matching incident, in one pass over the members."""
    day = first_day(IncidentRow)
    query = filter_incidents(
        select(IncidentRow.id, day, EventRow.weapons)
        .join(IncidentMemberRow, IncidentMemberRow.incident_id == IncidentRow.id)
        .join(EventRow, EventRow.id == IncidentMemberRow.event_id)
        .where(day.is_not(None)), filters)
    days: dict[str, str] = {}
    weapons: dict[str, set[str]] = defaultdict(set)
    for incident_id, first, listed in session.execute(query):
        days[incident_id] = first
        weapons[incident_id].update(weapon for weapon in listed or [] if weapon in WEAPONS)
    return [(days[incident_id], weapons[incident_id]) for incident_id in days]


def incident_counts(store: Store, filters: IncidentFilters, interval: str = "day",
                    by: str | None = None) -> dict[str, Any]:
    """Incidents per day or ISO week (periods named by their first day), split by one field if asked.

    Args:
        by: country, site, actor, event_kind, status, or weapon (an incident with two weapons
            counts once under each); None for one series.

    Returns:
        {"interval", "by", "series": [{"key", "total", "counts": [{"period", "count"}, ...]}, ...],
        "undated": incidents that match but have no day to place them on}.
    """
    if interval not in INTERVALS:
        raise ValueError(f"interval must be one of {', '.join(INTERVALS)}")
    if by is not None and by not in GROUPS:
        raise ValueError(f"by must be one of {', '.join(GROUPS)}")
    counts: dict[Any, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    with store.sessions() as session:
        if by == "weapon":
            for day, weapons in weapon_days(session, filters):
                for weapon in weapons:
                    counts[weapon][period_start(day, interval)] += 1
        else:
            group = getattr(IncidentRow, by) if by else None
            for day, key, count in day_counts(session, filters, group):
                counts[key][period_start(day, interval)] += count
        undated_query = filter_incidents(select(func.count()).select_from(IncidentRow), filters)
        undated = session.scalar(undated_query.where(first_day(IncidentRow).is_(None))) or 0
    series = [
        {"key": key, "total": sum(periods.values()),
         "counts": [{"period": period, "count": periods[period]} for period in sorted(periods)]}
        for key, periods in counts.items()
    ]
    series.sort(key=lambda item: (-item["total"], str(item["key"])))
    return {"interval": interval, "by": by, "series": series, "undated": undated}


def document_detail(store: Store, document_key: str) -> dict[str, Any] | None:
    """A stored document by the key incidents use (doc_id, or `doc_id#<hash prefix>` when shared), or None.

    Returns:
        The document's metadata and full text, its events (each with evidence spans as character
        offsets into the text) and statistics.
    """
    doc_id, _, hash_prefix = document_key.partition("#")
    query = select(DocumentRow).where(DocumentRow.doc_id == doc_id).order_by(DocumentRow.id)
    if hash_prefix:
        query = query.where(DocumentRow.content_hash.startswith(hash_prefix, autoescape=True))
    query = query.options(selectinload(DocumentRow.events).selectinload(EventRow.evidence),
                          selectinload(DocumentRow.statistics).selectinload(StatisticRow.evidence))
    with store.sessions() as session:
        row = session.scalars(query.limit(1)).first()
        if row is None:
            return None
        return {
            "doc_id": row.doc_id, "key": document_key, "url": row.url, "title": row.title, "outlet": row.outlet,
            "published": row.published, "published_basis": row.published_basis, "language": row.language,
            "text": row.text,
            "events": [{"id": event.event_key, "date": event.date, "site": event.site, "event_kind": event.event_kind,
                        "actor": event.actor, "evidence": evidence_records(event.evidence)} for event in row.events],
            "statistics": [statistic_record(statistic) for statistic in row.statistics],
        }
