"""Read-only queries the API serves: filtered, sorted, paginated incidents; counts per period; documents.

Every value a user gives reaches the database as a bound parameter (SQLAlchemy expressions, no SQL
strings), so a filter such as `' OR 1=1 --` is only ever text to match. Filters and sorts read the
incident's stored columns (days, point, upper-case country), its weapon rows and the full-text
index (`store.search`), never its member events, so each is an index look-up at any size.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Row, Select, exists, func, select
from sqlalchemy.orm import Session, selectinload

from sitrep.models import WEAPONS
from sitrep.store.records import evidence_records, statistic_record
from sitrep.store.repository import Store
from sitrep.store.search import ScannedFor, text_condition, text_match_count
from sitrep.store.tables import DocumentRow, EventRow, IncidentRow, IncidentWeaponRow, StatisticRow

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
    keeps incidents whose point (their first placed report) is inside it; `text` matches names and
    evidence passages from the start of a word, case and accents aside (`store.search`).
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


def weapon_condition(weapon: str) -> ColumnElement[bool]:
    """Some report of the incident names `weapon` (one of `models.WEAPONS`)."""
    if weapon not in WEAPONS:
        raise ValueError(f"unknown weapon {weapon!r}")
    return exists().where(IncidentWeaponRow.incident_id == IncidentRow.id,
                          IncidentWeaponRow.weapon == weapon).correlate(IncidentRow)


def names_containing(column: ColumnElement[str], text: str) -> Select[Any]:
    """The distinct values of `column` (site, admin1, actor) that contain `text`, any case.

    The names are walked through the column's index one at a time (a recursive "loose index scan":
    each step looks up the next greater name), so matching costs one probe per distinct name, not a
    read of every incident; the incidents then come from the same index.
    """
    values = column.table.alias().c[column.key]
    names = select(func.min(values).label("name")).cte(f"{column.key}_names", recursive=True)
    following = select(func.min(values)).where(values > names.c.name).scalar_subquery()
    names = names.union_all(select(following).where(names.c.name.is_not(None)))
    return select(names.c.name).where(names.c.name.icontains(text, autoescape=True))


def filter_incidents(query: Select[Any], filters: IncidentFilters, scan: bool = False,
                     in_order: bool = False) -> Select[Any]:
    """`query` (over IncidentRow) narrowed by every filter that is set.

    With `scan`, SQLite probes the incidents that the text filters (names, free text) allow while it
    scans another index (a covering one, or the sort's with `in_order`, which stops after a page)
    instead of looking each of them up (`search.ScannedFor`): cheaper once many match.
    PostgreSQL's planner, which has statistics, chooses by itself.
    """
    if filters.since:
        query = query.where(IncidentRow.last_day >= filters.since.isoformat())
    if filters.until:
        query = query.where(IncidentRow.first_day <= filters.until.isoformat())
    if filters.country:
        query = query.where(IncidentRow.country == filters.country.upper())  # stored upper case
    for column, value in ((IncidentRow.admin1, filters.admin1), (IncidentRow.site, filters.site),
                          (IncidentRow.actor, filters.actor)):
        if value:
            query = query.where((ScannedFor(column) if scan else column).in_(names_containing(column, value)))
    if filters.event_kind:
        query = query.where(IncidentRow.event_kind == filters.event_kind)
    if filters.status:
        query = query.where(IncidentRow.status == filters.status)
    if filters.weapon:
        query = query.where(weapon_condition(filters.weapon))
    if filters.text:
        query = query.where(text_condition(IncidentRow.id, filters.text, per_row=True) if scan and in_order
                            else text_condition(ScannedFor(IncidentRow.id) if scan else IncidentRow.id, filters.text))
    if filters.bbox:
        west, south, east, north = filters.bbox
        query = query.where(IncidentRow.lat.between(south, north), IncidentRow.lon.between(west, east))
    return query


def sort_order(sort: str) -> list[ColumnElement[Any]]:
    """ORDER BY for `date`, `-date`, `confidence`, ... (see SORT_COLUMNS); NULLs last, ties broken by id."""
    name = sort.removeprefix("-")
    if name not in SORT_COLUMNS:
        raise ValueError(f"cannot sort by {sort!r}; choose one of {', '.join(SORT_COLUMNS)}")
    column = IncidentRow.__table__.c["first_day" if name == "date" else name]
    ordered = column.desc() if sort.startswith("-") else column.asc()
    # NULLS LAST only where NULLs can occur: on a NOT NULL column it would stop PostgreSQL from
    # reading a page off the column's index backwards
    return [ordered.nulls_last() if column.nullable else ordered,
            IncidentRow.id.desc() if sort.startswith("-") else IncidentRow.id]


def with_place(row: Row[Any], drop: tuple[str, ...] = ()) -> dict[str, Any]:
    """A (record, lat, lon) row as the incident record with `lat` and `lon`, less the `drop` keys."""
    return {name: value for name, value in row.record.items() if name not in drop} | {"lat": row.lat, "lon": row.lon}


def page_by_scan(session: Session, filters: IncidentFilters, total: int, needed: int) -> bool:
    """SQLite: whether to find a page by scanning the sort order rather than sorting every match.

    A scan reads about `needed` x all / `total` incidents, sorting reads `total`; only the text
    filters leave SQLite this choice.
    """
    if session.get_bind().dialect.name != "sqlite" or not (filters.text or filters.site or filters.actor
                                                            or filters.admin1):
        return False
    everything = session.scalar(select(func.count()).select_from(IncidentRow)) or 0
    return needed * everything < total * total


def incident_page(store: Store, filters: IncidentFilters, sort: str = "date", limit: int = 50,
                  offset: int = 0) -> dict[str, Any]:
    """One page of matching incidents (summaries with coordinates) and how many match in all.

    Returns:
        {"total": int, "limit": int, "offset": int, "items": [summary, ...]}; a summary is the stored
        incident record without per-field provenance and members, plus `lat`, `lon`.
    """
    order = sort_order(sort)
    with store.sessions() as session:
        text_only = filters.text is not None and filters == IncidentFilters(text=filters.text)
        count = text_match_count(filters.text) if text_only else \
            filter_incidents(select(func.count()).select_from(IncidentRow), filters)
        total = session.scalar(count) or 0
        # sort and page over narrow columns first; read the (wide) JSON records of one page only
        scan = page_by_scan(session, filters, total, offset + limit)
        page_ids = list(session.scalars(filter_incidents(select(IncidentRow.id), filters, scan, in_order=True)
                                        .order_by(*order).limit(limit).offset(offset)))
        rows = {row.id: row for row in session.execute(
            select(IncidentRow.id, IncidentRow.record, IncidentRow.lat, IncidentRow.lon)
            .where(IncidentRow.id.in_(page_ids)))}
    items = [with_place(rows[incident_id], LISTING_DROPPED) | {"n_members": len(rows[incident_id].record.get("members", []))}
             for incident_id in page_ids]
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def incident_detail(store: Store, incident_id: str) -> dict[str, Any] | None:
    """One incident's full record (sources, per-field provenance, conflicts) with coordinates; None if unknown."""
    with store.sessions() as session:
        row = session.execute(select(IncidentRow.record, IncidentRow.lat, IncidentRow.lon)
                              .where(IncidentRow.id == incident_id)).first()
    return None if row is None else with_place(row)


def incident_records(store: Store, filters: IncidentFilters, sort: str = "date") -> Iterator[dict[str, Any]]:
    """Every matching incident's full record with coordinates, in batches (for exports)."""
    order = sort_order(sort)
    with store.sessions() as session:
        query = filter_incidents(select(IncidentRow.record, IncidentRow.lat, IncidentRow.lon), filters).order_by(*order)
        for row in session.execute(query.execution_options(yield_per=EXPORT_BATCH)):
            yield with_place(row)


def period_start(day: str, interval: str) -> str:
    """The first day of the period (`day`, or the Monday of its ISO week) that `day` falls in."""
    if interval == "day":
        return day[:10]
    value = date.fromisoformat(day[:10])
    return (value - timedelta(days=value.weekday())).isoformat()


def day_counts(session: Session, filters: IncidentFilters, by: str | None) -> list[tuple[str, Any, int]]:
    """(first day, value of `by` or None, incident count) for dated matching incidents, grouped in the database.

    By weapon, an incident counts once under each weapon its reports name; the weapon rows carry
    the day, so incidents are joined only when a filter needs them.
    """
    if by == "weapon":
        day, group = IncidentWeaponRow.first_day, IncidentWeaponRow.weapon
        query = select(day, group, func.count()).select_from(IncidentWeaponRow)
        if filters != IncidentFilters():
            query = filter_incidents(query.join(IncidentRow, IncidentRow.id == IncidentWeaponRow.incident_id), filters,
                                 scan=True)
    else:
        day, group = IncidentRow.first_day, getattr(IncidentRow, by) if by else None
        query = filter_incidents(select(day, group, func.count()) if group is not None else select(day, func.count()),
                                 filters, scan=True)  # every match is read: scan a covering index
    if group is None:
        query = query.group_by(day)
    else:  # in the order of the index read: (weapon, first_day), or (country or status..., first_day, ...)
        query = query.group_by(group, day) if by == "weapon" else query.group_by(day, group)
    rows = session.connection().execute(query)  # plain rows: the ORM's row building costs more than the query
    # undated incidents are grouped too and dropped here: a `first_day IS NOT NULL` condition
    # would keep PostgreSQL from aggregating in the index's order
    return [(row[0], row[1] if group is not None else None, row[-1]) for row in rows if row[0] is not None]


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
        for day, key, count in day_counts(session, filters, by):
            counts[key][period_start(day, interval)] += count  # weeks are folded here from day counts
        undated_query = filter_incidents(select(func.count()).select_from(IncidentRow), filters)
        undated = session.scalar(undated_query.where(IncidentRow.first_day.is_(None))) or 0
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
