"""The repository: the only code that reads or writes the event database.

`Store(url)` opens SQLite or PostgreSQL and migrates the schema to the newest revision.
`save` writes a document with its events, statistics and evidence in one transaction (`save_many`
a batch of them);
`events` and `statistics` read them back as plain dicts for the CLI and the API.
`consolidate` places new events in incidents; `incidents`, `incident` and `tallies` read them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from datetime import date
from types import TracebackType
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import contains_eager, selectinload, sessionmaker

from sitrep.consolidate.reports import load_theatre
from sitrep.consolidate.sources import source_catalogue
from sitrep.consolidate.tallies import compare_tally
from sitrep.errors import StoreError
from sitrep.models import Document
from sitrep.store.engine import open_engine
from sitrep.store.incidents import ConsolidationReport, consolidate
from sitrep.store.migrate import upgrade_to_head
from sitrep.store.records import document_row, event_record, incident_listing, statistic_record
from sitrep.store.tables import DocumentRow, EventRow, IncidentRow, StatisticRow


def _from_outlet(listing: dict[str, Any], outlet: str) -> bool:
    wanted = outlet.casefold()
    return any(wanted in (member.get(field) or "").casefold()
               for member in listing["members"] for field in ("outlet", "affiliation"))


def content_hash(text: str) -> str:
    """The sha256 hex digest of a document text, which identifies it across re-ingests."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def iso_day(value: str, option: str) -> str:
    """`value` as YYYY-MM-DD, or ValueError naming the option it came from."""
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError as error:
        raise ValueError(f"{option} must be a date as YYYY-MM-DD, got {value!r}") from error


Dated = type[EventRow] | type[IncidentRow]  # rows with date, interval, site, actor and country columns


def first_day(row: Dated = EventRow) -> ColumnElement[str]:
    """The earliest day an event (or incident) may have happened: its date, else the start of its interval."""
    return func.coalesce(row.date, row.date_earliest, row.date_latest)


def last_day(row: Dated = EventRow) -> ColumnElement[str]:
    """The latest day an event (or incident) may have happened: its date, else the end of its interval."""
    return func.coalesce(row.date, row.date_latest, row.date_earliest)


class Store:
    """An event database at a SQLAlchemy URL (`sqlite:///path.db` or `postgresql://...`).

    Opening migrates the schema to head; the folder of a SQLite file is created if missing.
    Use as a context manager, or call `close()`.
    """

    def __init__(self, url: str) -> None:
        self.engine = open_engine(url)
        upgrade_to_head(self.engine)
        self.sessions = sessionmaker(self.engine)

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Release every pooled connection."""
        self.engine.dispose()

    def save(self, document: Document) -> bool:
        """Store a document with its events, statistics and evidence, all or nothing.

        Returns:
            True if stored; False, changing nothing, if a document with the same text
            (same content hash) is already stored.

        Raises:
            StoreError: the database refused a value (e.g. a negative count); the
                transaction is rolled back and earlier documents are untouched.
        """
        [outcome] = self.save_many([document])
        if isinstance(outcome, StoreError):
            raise outcome
        return outcome

    def save_many(self, documents: Sequence[Document]) -> list[bool | StoreError]:
        """Store documents in one transaction; the outcome of each as `save` gives it.

        A batch the database refuses is rolled back and saved again one document per
        transaction, so one bad document costs only itself: its outcome is the StoreError,
        the others are stored. A text given twice is stored once (the second outcome is False).
        """
        if not documents:
            return []
        digests = [content_hash(document.text) for document in documents]
        try:
            with self.sessions.begin() as session:
                known = set(session.scalars(select(DocumentRow.content_hash)
                                            .where(DocumentRow.content_hash.in_(set(digests)))))
                outcomes: list[bool | StoreError] = []
                for document, digest in zip(documents, digests, strict=True):
                    outcomes.append(digest not in known)
                    if digest not in known:
                        session.add(document_row(document, digest))
                        known.add(digest)
            return outcomes
        except SQLAlchemyError as error:
            if len(documents) > 1:
                return [outcome for document in documents for outcome in self.save_many([document])]
            reason = str(getattr(error, "orig", None) or error).splitlines()[0]
            failure = StoreError(documents[0].doc_id, f" ({reason})")
            failure.__cause__ = error
            return [failure]

    def stored_hashes(self, digests: Iterable[str] | None = None) -> set[str]:
        """Which of `digests` (content hashes) are stored; every stored hash when None."""
        query = select(DocumentRow.content_hash)
        if digests is not None:
            wanted = set(digests)
            if not wanted:
                return set()
            query = query.where(DocumentRow.content_hash.in_(wanted))
        with self.sessions() as session:
            return set(session.scalars(query))

    def events(
        self,
        since: str | None = None,
        until: str | None = None,
        site: str | None = None,
        actor: str | None = None,
        country: str | None = None,
    ) -> list[dict[str, Any]]:
        """Stored events, each with its evidence and source document, ordered by date then doc.

        Args:
            since, until: YYYY-MM-DD bounds (inclusive) on the event date; an event with only
                an interval (date_earliest..date_latest) is kept when the interval overlaps
                them, an event with no date at all is dropped by either bound.
            site, actor: case-insensitive substrings of the canonical site or actor name.
            country: ISO 3166-1 alpha-2 code, any case.

        Returns:
            One dict per event: the Event fields of the extract contract (`evidence` as
            {text, start, end} dicts) plus doc_id, url, outlet and published.
        """
        query = (
            select(EventRow)
            .join(EventRow.document)
            .options(contains_eager(EventRow.document), selectinload(EventRow.evidence))
            .order_by(first_day().nulls_last(), DocumentRow.doc_id, EventRow.id)
        )
        query = filter_events(query, since, until, site, actor, country)
        with self.sessions() as session:
            return [event_record(row) for row in session.scalars(query)]

    def statistics(self) -> list[dict[str, Any]]:
        """Stored statistics, each with its evidence and source document, in document order."""
        query = (
            select(StatisticRow)
            .join(StatisticRow.document)
            .options(contains_eager(StatisticRow.document), selectinload(StatisticRow.evidence))
            .order_by(DocumentRow.doc_id, StatisticRow.id)
        )
        with self.sessions() as session:
            return [statistic_record(row) for row in session.scalars(query)]

    def consolidate(self, pack: str) -> ConsolidationReport:
        """Place every event not yet in an incident, in one transaction (see `store.incidents`).

        Only the incidents of the place blocks the new events fall in are re-clustered, and only
        those whose membership changed are rewritten; the ids of the others stay as they are.
        """
        with self.sessions.begin() as session:
            return consolidate(session, load_theatre(pack), source_catalogue(pack))

    def incidents(
        self,
        since: str | None = None,
        until: str | None = None,
        site: str | None = None,
        actor: str | None = None,
        country: str | None = None,
        outlet: str | None = None,
    ) -> list[dict[str, Any]]:
        """Stored incidents, ordered by date then id; the filters are those of `events`, plus
        `outlet`: some report comes from an outlet whose name or affiliation contains it.

        Returns:
            One dict per incident: resolved values, status, confidence, counts, conflicts and
            `members` (each report: doc_id, event_id, outlet, affiliation, evidence, ...).
        """
        query = select(IncidentRow).order_by(IncidentRow.first_day.nulls_last(), IncidentRow.id)
        query = filter_events(query, since, until, site, actor, country, IncidentRow)
        with self.sessions() as session:
            listings = [incident_listing(row.record) for row in session.scalars(query)]
        return [listing for listing in listings if outlet is None or _from_outlet(listing, outlet)]

    def incident(self, incident_id: str) -> dict[str, Any] | None:
        """One incident with every source, each field's values by source and its conflicts; None if unknown."""
        with self.sessions() as session:
            row = session.get(IncidentRow, incident_id)
            return row.record if row is not None else None

    def tallies(self, pack: str) -> list[dict[str, Any]]:
        """Each stored statistic as a tally, beside sitrep's incident count over its period and place."""
        with self.sessions() as session:
            summaries = [incident_listing(record) for record in session.scalars(select(IncidentRow.record))]
        catalogue, theatre = source_catalogue(pack), load_theatre(pack)
        return [compare_tally(statistic, summaries, catalogue, theatre).to_record() for statistic in self.statistics()]

    def document_count(self) -> int:
        """How many documents are stored."""
        with self.sessions() as session:
            return session.scalar(select(func.count(DocumentRow.id))) or 0


def filter_events(
    query: Select[Any],
    since: str | None,
    until: str | None,
    site: str | None,
    actor: str | None,
    country: str | None,
    row: Dated = EventRow,
) -> Select[Any]:
    """`query` narrowed by the `Store.events` (or, with `row=IncidentRow`, `Store.incidents`) filters that are set."""
    first, last = (row.first_day, row.last_day) if row is IncidentRow else (first_day(row), last_day(row))
    if since:
        query = query.where(last >= iso_day(since, "since"))
    if until:
        query = query.where(first <= iso_day(until, "until"))
    if site:
        query = query.where(row.site.icontains(site, autoescape=True))
    if actor:
        query = query.where(row.actor.icontains(actor, autoescape=True))
    if country:
        query = query.where(func.upper(row.country) == country.upper())
    return query
