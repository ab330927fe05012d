"""SQLAlchemy tables: documents, events, statistics, evidence; incidents, their members, fingerprints.

Dates are ISO 8601 strings (YYYY-MM-DD): they round-trip exactly, and compare and sort
correctly as text on SQLite and PostgreSQL alike. Strings carry no length limit, so PostgreSQL
does not refuse, for its length, a value that SQLite accepts. Any change here needs a new Alembic
revision in `migrations/versions/` (a test compares the two).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, DateTime, ForeignKey, Index, LargeBinary, MetaData, Text, false
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utc_now() -> datetime:
    """The current time, timezone-aware (UTC)."""
    return datetime.now(UTC)


class Base(DeclarativeBase):
    """Declarative base; named constraints keep Alembic batch migrations on SQLite possible."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {str: Text, list[str]: JSON}


class DocumentRow(Base):
    """One ingested article; `content_hash` (sha256 of the text) makes re-ingest a no-op."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    doc_id: Mapped[str] = mapped_column(index=True)
    content_hash: Mapped[str] = mapped_column(unique=True)
    url: Mapped[str | None]
    title: Mapped[str | None]
    outlet: Mapped[str | None]
    published: Mapped[str | None]
    published_basis: Mapped[str]
    language: Mapped[str | None]
    source_path: Mapped[str | None]
    text: Mapped[str]
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)

    events: Mapped[list[EventRow]] = relationship(
        back_populates="document", cascade="all, delete-orphan", passive_deletes=True
    )
    statistics: Mapped[list[StatisticRow]] = relationship(
        back_populates="document", cascade="all, delete-orphan", passive_deletes=True
    )


class EventRow(Base):
    """One event of a document; columns mirror `sitrep.models.Event` (`event_key` is its `id`)."""

    __tablename__ = "events"
    __table_args__ = (
        CheckConstraint("munition_count >= 0", name="munition_count_not_negative"),
        CheckConstraint("killed >= 0", name="killed_not_negative"),
        CheckConstraint("injured >= 0", name="injured_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    event_key: Mapped[str]
    date: Mapped[str | None] = mapped_column(index=True)
    date_earliest: Mapped[str | None]
    date_latest: Mapped[str | None]
    date_precision: Mapped[str]
    time_of_day: Mapped[str | None]
    site: Mapped[str | None] = mapped_column(index=True)
    place_text: Mapped[str | None]
    admin1: Mapped[str | None]
    country: Mapped[str | None] = mapped_column(index=True)
    lat: Mapped[float | None]
    lon: Mapped[float | None]
    event_kind: Mapped[str]
    weapons: Mapped[list[str]]
    munition_count: Mapped[int | None]
    actor: Mapped[str | None] = mapped_column(index=True)
    actor_basis: Mapped[str]
    target: Mapped[str | None]
    killed: Mapped[int | None]
    injured: Mapped[int | None]
    damage: Mapped[str]
    reported_by: Mapped[list[str]]
    hedged: Mapped[bool]
    distinct: Mapped[bool] = mapped_column(default=False, server_default=false())
    denied: Mapped[bool] = mapped_column(default=False, server_default=false())

    document: Mapped[DocumentRow] = relationship(back_populates="events")
    evidence: Mapped[list[EvidenceRow]] = relationship(
        back_populates="event",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="EvidenceRow.id",
    )


class StatisticRow(Base):
    """An aggregate count stated in a document (`sitrep.models.Statistic`)."""

    __tablename__ = "statistics"
    __table_args__ = (CheckConstraint("count >= 0", name="count_not_negative"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    claimant: Mapped[str | None]
    count: Mapped[int]
    what: Mapped[str]
    period_start: Mapped[str | None]
    period_end: Mapped[str | None]
    stated_date: Mapped[str | None]

    document: Mapped[DocumentRow] = relationship(back_populates="statistics")
    evidence: Mapped[list[EvidenceRow]] = relationship(
        back_populates="statistic",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="EvidenceRow.id",
    )


class EvidenceRow(Base):
    """A quoted passage (character offsets into the document) supporting one event or statistic."""

    __tablename__ = "evidence"
    __table_args__ = (
        CheckConstraint("(event_id IS NULL) <> (statistic_id IS NULL)", name="one_owner"),
        CheckConstraint('start >= 0 AND "end" >= start', name="offsets_in_order"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int | None] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), index=True
    )
    statistic_id: Mapped[int | None] = mapped_column(
        ForeignKey("statistics.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str]
    start: Mapped[int]
    end: Mapped[int]

    event: Mapped[EventRow | None] = relationship(back_populates="evidence")
    statistic: Mapped[StatisticRow | None] = relationship(back_populates="evidence")


# Each serves a filter with the date sort, and covers the columns counts and stats read next to it,
# so neither reads the wide rows (their JSON record).
DAY_AND_GROUPS = ("first_day", "id", "last_day", "site", "actor", "status", "event_kind", "admin1")
INCIDENT_INDEXES = {
    "ix_incidents_first_day_id": ("first_day", "id", "last_day"),
    "ix_incidents_last_day_first_day": ("last_day", "first_day"),
    "ix_incidents_country_first_day": ("country", *DAY_AND_GROUPS),
    "ix_incidents_country_site_first_day": ("country", "site", "first_day"),  # a country's counts by site
    "ix_incidents_status_first_day": ("status", "first_day", "id", "last_day", "country"),
    "ix_incidents_event_kind_first_day": ("event_kind", "first_day", "id", "last_day", "country"),
    "ix_incidents_confidence_id": ("confidence", "id"),
    "ix_incidents_lat_lon": ("lat", "lon", "first_day", "id"),
}


class IncidentRow(Base):
    """One real-world attack: resolved values for filtering, and the full record (sources, provenance) as JSON.

    `first_day`/`last_day` (the date, else the interval's ends), `lat`/`lon` (the first placed
    report, anchor first) and the upper-case `country` are stored so filters and the date sort
    read indexes, never the member events. Composite indexes serve a filter plus the date sort.
    """

    __tablename__ = "incidents"
    __table_args__ = (
        CheckConstraint("confidence >= 0 AND confidence <= 1", name="confidence_in_range"),
        CheckConstraint("n_reports >= 1", name="has_reports"),
        *(Index(name, *columns) for name, columns in INCIDENT_INDEXES.items()),
    )

    id: Mapped[str] = mapped_column(primary_key=True)
    block: Mapped[str] = mapped_column(index=True)
    date: Mapped[str | None] = mapped_column(index=True)
    date_earliest: Mapped[str | None]
    date_latest: Mapped[str | None]
    first_day: Mapped[str | None]
    last_day: Mapped[str | None]
    site: Mapped[str | None] = mapped_column(index=True)
    admin1: Mapped[str | None] = mapped_column(index=True)
    country: Mapped[str | None]
    lat: Mapped[float | None]
    lon: Mapped[float | None]
    event_kind: Mapped[str | None]
    actor: Mapped[str | None] = mapped_column(index=True)
    target: Mapped[str | None]
    status: Mapped[str]
    confidence: Mapped[float]
    n_reports: Mapped[int]
    n_sources: Mapped[int]
    record: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)

    members: Mapped[list[IncidentMemberRow]] = relationship(
        back_populates="incident", cascade="all, delete-orphan", passive_deletes=True,
        order_by="IncidentMemberRow.position",
    )
    weapons: Mapped[list[IncidentWeaponRow]] = relationship(cascade="all, delete-orphan", passive_deletes=True)
    search: Mapped[IncidentSearchRow] = relationship(cascade="all, delete-orphan", passive_deletes=True)


class IncidentMemberRow(Base):
    """An event's place in an incident; every consolidated event is in exactly one."""

    __tablename__ = "incident_members"

    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    incident_id: Mapped[str] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"), index=True)
    block: Mapped[str] = mapped_column(index=True)  # the place block, so a new report reloads only its block
    position: Mapped[int]  # 0 for the anchor that names the incident

    incident: Mapped[IncidentRow] = relationship(back_populates="members")
    event: Mapped[EventRow] = relationship()


class IncidentWeaponRow(Base):
    """A weapon some report of the incident names (one of `models.WEAPONS`)."""

    __tablename__ = "incident_weapons"
    __table_args__ = (Index("ix_incident_weapons_weapon", "weapon", "first_day", "incident_id"),
                      Index("ix_incident_weapons_weapon_day", "weapon", "first_day"))  # narrow: counts per day

    incident_id: Mapped[str] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"), primary_key=True)
    weapon: Mapped[str] = mapped_column(primary_key=True)
    first_day: Mapped[str | None]  # the incident's, so counts by weapon need no join when nothing else filters


class IncidentSearchRow(Base):
    """An incident's folded names and evidence passages, which the full-text index covers (`store.search`).

    The integer id is the rowid of SQLite's FTS5 index; it never changes, unlike an implicit rowid.
    """

    __tablename__ = "incident_search"

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[str] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"), unique=True)
    body: Mapped[str]


class FingerprintRow(Base):
    """A document's MinHash signature, and the earlier document it copies (syndication), if any."""

    __tablename__ = "fingerprints"

    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    signature: Mapped[bytes] = mapped_column(LargeBinary)
    original_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="SET NULL"))
