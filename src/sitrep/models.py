"""Typed records every stage shares: Document, Event, Evidence, Statistic."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

EVENT_KINDS = (
    "rocket_or_missile_attack",
    "drone_attack",
    "air_strike",
    "artillery_shelling",
    "ied_or_bomb",
    "armed_clash",
    "interception",
    "other_attack",
)
WEAPONS = ("rocket", "missile", "drone", "aircraft", "artillery", "mortar", "ied", "small_arms", "unknown")


@dataclass
class Evidence:
    """A passage of the document text, by character offsets."""

    text: str
    start: int
    end: int


@dataclass
class Event:
    """One specific act of armed violence reported in a document (SCHEMA.md EVENT)."""

    id: str
    date: str | None = None
    date_earliest: str | None = None
    date_latest: str | None = None
    date_precision: str = "unknown"  # day | interval | unknown
    time_of_day: str | None = None
    site: str | None = None
    place_text: str | None = None
    admin1: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    event_kind: str = "other_attack"
    weapons: list[str] = field(default_factory=list)
    munition_count: int | None = None
    actor: str | None = None
    actor_basis: str = "unknown"
    target: str | None = None
    killed: int | None = None
    injured: int | None = None
    damage: str = "unknown"
    reported_by: list[str] = field(default_factory=list)
    hedged: bool = False
    distinct: bool = False  # the report says it is another attack than one already told ("a second attack")
    denied: bool = False  # a source in the report denies the attack took place
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Statistic:
    """An aggregate count stated by someone, e.g. a running tally of attacks."""

    claimant: str | None
    count: int
    what: str
    period_start: str | None = None
    period_end: str | None = None
    stated_date: str | None = None
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Document:
    """An article as read by ingest and filled in by extraction."""

    doc_id: str
    text: str
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    published_basis: str = "unknown"  # given|url|dateline|page_date|inferred|unknown
    language: str | None = None
    source_path: str | None = None
    events: list[Event] = field(default_factory=list)
    statistics: list[Statistic] = field(default_factory=list)

    def to_record(self) -> dict[str, Any]:
        """The extract contract of SCHEMA.md: one JSON object per document."""
        record = asdict(self)
        record.pop("text")
        return record
