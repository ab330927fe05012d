"""Pydantic schemas of the API: what each route returns or accepts (they make the OpenAPI document)."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from sitrep.consolidate.status import STATUSES
from sitrep.models import EVENT_KINDS, WEAPONS
from sitrep.store.queries import GROUPS, INTERVALS, SORT_COLUMNS

EventKind = StrEnum("EventKind", {kind: kind for kind in EVENT_KINDS})
Weapon = StrEnum("Weapon", {weapon: weapon for weapon in WEAPONS})
Status = StrEnum("Status", {status: status for status in STATUSES})
Group = StrEnum("Group", {group: group for group in GROUPS})
Interval = StrEnum("Interval", {interval: interval for interval in INTERVALS})
Sort = StrEnum("Sort", {name: name for sort in SORT_COLUMNS for name in (sort, f"-{sort}")})
ExportFormat = StrEnum("ExportFormat", {name: name for name in ("csv", "geojson", "acled")})

ID_PATTERN = r"^[\w.\-#]{1,200}$"  # word characters, '.', '-', '#'; no '/' or '\', so no path in an id
TEXT_PATTERN = r"^[^\x00-\x1f\x7f]*$"  # printable text: no NUL (PostgreSQL refuses it) nor control characters


class Evidence(BaseModel):
    """A passage by character offsets into its document's text."""

    text: str
    start: int
    end: int


class Source(BaseModel):
    """One report of an incident."""

    doc_id: str
    event_id: str
    outlet: str | None = None
    affiliation: str | None = None
    url: str | None = None
    published: str | None = None
    evidence: str | None = None
    independent_of: str
    official: bool
    claimed: bool
    hedged: bool
    denied: bool


class IncidentSummary(BaseModel):
    """An incident's resolved values, status and counts, with the map position of its first placed report."""

    model_config = ConfigDict(extra="allow")

    id: str
    date: str | None = None
    date_earliest: str | None = None
    date_latest: str | None = None
    site: str | None = None
    admin1: str | None = None
    country: str | None = None
    event_kind: str | None = None
    weapons: list[str] = []
    munition_count: int | None = None
    actor: str | None = None
    target: str | None = None
    killed: int | None = None
    injured: int | None = None
    status: str
    confidence: float
    n_reports: int
    n_sources: int
    conflicts: list[str] = []
    lat: float | None = None
    lon: float | None = None


class IncidentListItem(IncidentSummary):
    """A listing line: the summary and how many reports it has."""

    n_members: int


class IncidentPage(BaseModel):
    """One page of a filtered, sorted incident listing."""

    total: int
    limit: int
    offset: int
    items: list[IncidentListItem]


class IncidentDetail(IncidentSummary):
    """Everything about one incident: its sources and each field's values by source (conflicts included)."""

    members: list[Source]
    fields: dict[str, dict[str, Any]]


class DocumentEvent(BaseModel):
    """An event of a document, with its evidence spans."""

    id: str
    date: str | None = None
    site: str | None = None
    event_kind: str | None = None
    actor: str | None = None
    evidence: list[Evidence]


class DocumentDetail(BaseModel):
    """A stored document: metadata, full text, its events and statistics with evidence spans."""

    doc_id: str
    key: str
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    published_basis: str | None = None
    language: str | None = None
    text: str
    events: list[DocumentEvent]
    statistics: list[dict[str, Any]]


class PeriodCount(BaseModel):
    """Incidents in one period (named by its first day)."""

    period: str
    count: int


class Series(BaseModel):
    """Counts per period for one value of the grouping field (null: no grouping, or no value)."""

    key: str | None = None
    total: int
    counts: list[PeriodCount]


class Stats(BaseModel):
    """Incident counts per day or week, split by one field or not."""

    interval: str
    by: str | None = None
    series: list[Series]
    undated: int


class IngestRequest(BaseModel):
    """A document to ingest: the JSONL input fields."""

    id: str = Field(pattern=ID_PATTERN, description="Document id (letters, digits, '_', '-', '.').")
    text: str = Field(min_length=1, max_length=10_000_000)
    url: str | None = Field(default=None, max_length=2000, pattern=TEXT_PATTERN)
    title: str | None = Field(default=None, max_length=2000, pattern=TEXT_PATTERN)
    outlet: str | None = Field(default=None, max_length=200, pattern=TEXT_PATTERN)
    published: date | None = None


class IngestResult(BaseModel):
    """What ingesting one document did."""

    doc_id: str
    stored: bool = Field(description="False when the same text was stored before (nothing changes).")
    events: int
    incidents_written: int
