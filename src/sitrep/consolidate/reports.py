"""Reports: one event as one document tells it, reduced to what clustering compares."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from sitrep.consolidate.places import Place, PlaceIndex
from sitrep.packs import Pack, load_pack

ReportKey = tuple[str, str]  # (doc_id, event id)
STATE, GROUP = "state", "group"  # who carried an attack out, as far as clustering cares
MAX_SPAN_DAYS = 14  # an event known only within a longer interval is clustered as undated


@dataclass(frozen=True)
class Theatre:
    """What consolidation needs from a theatre pack: places, state actors, generic actor names."""

    places: PlaceIndex
    state_actors: frozenset[str]
    generic_actors: frozenset[str]

    @classmethod
    def from_pack(cls, pack: Pack) -> Theatre:
        """The theatre of a loaded pack."""
        states = frozenset(name for name, actor in pack.actors.items() if actor.kind == "state")
        generic = frozenset(name for name, actor in pack.actors.items() if actor.generic)
        return cls(PlaceIndex(pack), states, generic)

    def attacker(self, actor: str | None, target: str | None) -> str | None:
        """STATE or GROUP: the actor's kind, else GROUP when a state's forces were the target."""
        if actor:
            return STATE if actor in self.state_actors else GROUP
        return GROUP if target in self.state_actors else None


@dataclass(frozen=True, slots=True)
class Report:
    """One event of one document.

    Days are proleptic ordinals (`date.toordinal()`): `day` is the best single date, `earliest` and
    `latest` the interval that surely holds the event; all None when the report gives no time.
    `distinct` marks a report that says it is another attack ("une nouvelle attaque").
    """

    doc_id: str
    event_id: str
    place: Place
    block: str
    day: int | None
    earliest: int | None
    latest: int | None
    kind: str
    weapons: frozenset[str]
    actor: str | None
    attacker: str | None = None  # STATE or GROUP (see Theatre.attacker)
    target: str | None = None
    time_of_day: str | None = None
    munition_count: int | None = None
    killed: int | None = None
    injured: int | None = None
    distinct: bool = False

    @property
    def key(self) -> ReportKey:
        """(doc_id, event id): what names a report in `sitrep extract` output."""
        return (self.doc_id, self.event_id)

    @property
    def dated(self) -> bool:
        """Whether the report gives any time at all."""
        return self.earliest is not None


@cache
def load_theatre(pack: str) -> Theatre:
    """The Theatre of a theatre pack shipped with sitrep."""
    return Theatre.from_pack(load_pack(pack))


def ordinal(value: Any) -> int | None:
    """An ISO date string (YYYY-MM-DD...) as an ordinal, or None when absent or malformed."""
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10]).toordinal()
    except ValueError:
        return None


def report_days(event: Mapping[str, Any]) -> tuple[int | None, int | None, int | None]:
    """(day, earliest, latest) of an event; the interval widens to hold every day given.

    All None when no day is given, or when they span more than MAX_SPAN_DAYS.
    """
    day = ordinal(event.get("date"))
    known = [x for x in (day, ordinal(event.get("date_earliest")), ordinal(event.get("date_latest"))) if x is not None]
    if not known or max(known) - min(known) > MAX_SPAN_DAYS:
        return None, None, None
    return day, min(known), max(known)


def report_from_event(doc_id: str, event: Mapping[str, Any], theatre: Theatre) -> Report:
    """A Report from an event in the extract contract (a record dict or a stored event row dict)."""
    places = theatre.places
    place = places.place(event.get("site"), event.get("admin1"), event.get("country"),
                         event.get("lat"), event.get("lon"))
    day, earliest, latest = report_days(event)
    return Report(
        doc_id=doc_id,
        event_id=str(event["id"]),
        place=place,
        block=places.block(place),
        day=day,
        earliest=earliest,
        latest=latest,
        kind=event.get("event_kind") or "other_attack",
        weapons=frozenset(w for w in event.get("weapons") or () if w != "unknown"),
        actor=event.get("actor"),
        attacker=theatre.attacker(event.get("actor"), event.get("target")),
        target=event.get("target"),
        time_of_day=event.get("time_of_day"),
        munition_count=event.get("munition_count"),
        killed=event.get("killed"),
        injured=event.get("injured"),
        distinct=bool(event.get("distinct", False)),
    )
