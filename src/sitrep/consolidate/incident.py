"""An incident as users see it: its reports as sources, per-field provenance, status and confidence."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sitrep.consolidate.provenance import FieldProvenance, Source, Specificity, provenance
from sitrep.consolidate.reports import Theatre
from sitrep.consolidate.sources import SourceCatalogue
from sitrep.consolidate.status import confidence, incident_status

SUMMARY_FIELDS = ("site", "admin1", "country", "event_kind", "weapons", "munition_count", "actor", "target",
                  "killed", "injured")
ISO_DAY_LENGTH = 10


@dataclass
class Incident:
    """One real-world attack: every report of it, each field's values by source, status, confidence."""

    id: str
    sources: list[Source]
    fields: dict[str, FieldProvenance]
    status: str
    confidence: float
    earliest: str | None  # the span every report's date or interval falls in
    latest: str | None

    @property
    def date(self) -> str | None:
        """The resolved day, or None when the reports give only intervals."""
        value = self.fields["date"].value
        return value if isinstance(value, str) and len(value) == ISO_DAY_LENGTH else None

    @property
    def conflicts(self) -> list[str]:
        """The fields on which equally specific reports disagree."""
        return [name for name, item in self.fields.items() if item.conflict]

    @property
    def n_sources(self) -> int:
        """How many independent sources report the incident."""
        return len({source.independent_of or source.doc_id for source in self.sources})

    def summary(self) -> dict[str, Any]:
        """The resolved values, status, confidence and counts: one line of `sitrep incidents`."""
        values = {name: self.fields[name].value for name in SUMMARY_FIELDS}
        values["weapons"] = list(values["weapons"] or [])
        return {
            "id": self.id, "date": self.date, "date_earliest": self.earliest, "date_latest": self.latest,
            **values,
            "status": self.status, "confidence": self.confidence,
            "n_reports": len(self.sources), "n_sources": self.n_sources, "conflicts": self.conflicts,
        }

    def to_record(self) -> dict[str, Any]:
        """The summary, the members (sources) and every field's provenance, JSON-ready."""
        return {
            **self.summary(),
            "members": [source.to_record() for source in self.sources],
            "fields": {name: item.to_record() for name, item in self.fields.items()},
        }


def first_evidence(event: Mapping[str, Any]) -> str | None:
    """The first evidence passage of an event record, as text."""
    evidence = event.get("evidence") or []
    if not evidence:
        return None
    first = evidence[0]
    return first.get("text") if isinstance(first, Mapping) else str(first)


def majority_target(events: Sequence[Mapping[str, Any]]) -> str | None:
    """The target most reports name (ties: alphabetical), or None."""
    counts = Counter(event["target"] for event in events if event.get("target"))
    return min(counts, key=lambda target: (-counts[target], target)) if counts else None


def source_of(event: Mapping[str, Any], target: str | None, groups: Mapping[str, str],
              catalogue: SourceCatalogue) -> Source:
    """A member report as a Source; `event` holds the event fields plus doc_id, outlet, url, published."""
    outlet = catalogue.outlet(event.get("outlet"))
    names = [*(event.get("reported_by") or []), event.get("outlet")]
    return Source(
        doc_id=event["doc_id"],
        event_id=str(event["id"]),
        outlet=event.get("outlet"),
        affiliation=outlet.affiliation if outlet else None,
        url=event.get("url"),
        published=event.get("published"),
        evidence=first_evidence(event),
        independent_of=groups.get(event["doc_id"], event["doc_id"]),
        official=catalogue.speaks_for(names, event.get("target") or target),
        claimed=event.get("actor_basis") == "claimed",
        hedged=bool(event.get("hedged")),
        denied=bool(event.get("denied", False)),
    )


def theatre_specificity(theatre: Theatre) -> dict[str, Specificity]:
    """Site and actor ranks from the pack: installations over towns over regions; named over generic groups."""
    def site_rank(value: Any, event: Mapping[str, Any]) -> int:
        return theatre.places.place(value, event.get("admin1"), event.get("country")).specificity

    def actor_rank(value: Any, _event: Mapping[str, Any]) -> int:
        return 0 if value in theatre.generic_actors else 1

    return {"site": site_rank, "actor": actor_rank}


def span(events: Sequence[Mapping[str, Any]]) -> tuple[str | None, str | None]:
    """The earliest and latest day any report gives (date or interval bounds)."""
    days = [event.get(name) for event in events for name in ("date", "date_earliest", "date_latest")]
    days = [day[:ISO_DAY_LENGTH] for day in days if isinstance(day, str) and len(day) >= ISO_DAY_LENGTH]
    return (min(days), max(days)) if days else (None, None)


def build_incident(incident_id: str, events: Sequence[Mapping[str, Any]], groups: Mapping[str, str],
                   catalogue: SourceCatalogue, theatre: Theatre) -> Incident:
    """Assemble an incident from its member events (anchor first).

    Args:
        events: event records with their document's doc_id, outlet, url and published.
        groups: doc_id -> independence group (see `sources.independence_groups`).
    """
    target = majority_target(events)
    sources = [source_of(event, target, groups, catalogue) for event in events]
    fields = provenance(list(zip(sources, events, strict=True)), theatre_specificity(theatre))
    status = incident_status(sources)
    earliest, latest = span(events)
    return Incident(incident_id, sources, fields, status, confidence(sources, status), earliest, latest)
