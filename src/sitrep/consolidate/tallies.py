"""Tallies: aggregate counts stated by someone, set beside sitrep's own count of incidents.

A statistic ("106 attacks on US forces in Iraq and Syria since 7 October", the Pentagon) becomes a
tally record: claimant, count, period, place and date stated. sitrep's count is the number of
stored incidents that fall in the same period and place and are of the same kind of attack:
- the period runs from `period_start` (open when unknown) to `period_end`, else the date stated;
- the place is the countries the statistic names ("Syria", "(SY)"), else anywhere;
- a claimant who speaks officially for a side (officials.yaml: the Pentagon for US forces) counts
  attacks on that side: incidents whose target is that side, or whose target is unknown and whose
  actor is not a state; a claimant that is an armed actor of the pack counts its own attacks;
  anyone else, every incident.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Any

from sitrep.consolidate.reports import Theatre
from sitrep.consolidate.sources import SourceCatalogue, mentions
from sitrep.lang import load_language, supported_languages

ISO_IN_PARENTHESES = re.compile(r"\(([A-Z]{2})\)")


@dataclass
class Tally:
    """A stated aggregate count beside sitrep's count over the same period and place."""

    claimant: str | None
    count: int
    what: str
    period_start: str | None
    period_end: str | None
    stated_date: str | None
    countries: list[str]
    counts: str  # what sitrep counted: "attacks on US forces, coalition forces", "attacks by X", "all incidents"
    sitrep_count: int
    doc_id: str | None = None
    evidence: str | None = None

    @property
    def difference(self) -> int:
        """The claimant's count minus sitrep's."""
        return self.count - self.sitrep_count

    def to_record(self) -> dict[str, Any]:
        """The tally with its difference, JSON-ready."""
        return asdict(self) | {"difference": self.difference}


@lru_cache(maxsize=1)
def country_words() -> dict[str, tuple[str, ...]]:
    """ISO code -> country words of every supported language (lang/*/lexicon.yaml `countries`)."""
    found: dict[str, list[str]] = {}
    for code in supported_languages():
        for iso, names in (load_language(code).lexicon.get("countries") or {}).items():
            found.setdefault(iso, []).extend(names)
    return {iso: tuple(names) for iso, names in found.items()}


def tally_countries(what: str) -> list[str]:
    """The countries a statistic's description names, as ISO codes, sorted."""
    codes = set(ISO_IN_PARENTHESES.findall(what))
    codes |= {iso for iso, names in country_words().items() if any(mentions(what, name) for name in names)}
    return sorted(codes)


IncidentTest = Callable[[Mapping[str, Any]], bool]


def counted_incidents(statistic: Mapping[str, Any], catalogue: SourceCatalogue,
                      theatre: Theatre) -> tuple[str, IncidentTest]:
    """(description, predicate) of the incidents a statistic's claimant counts."""
    claimant = statistic.get("claimant")
    official = catalogue.official(claimant)
    if official is not None:
        sides = official.speaks_for

        def on_side(incident: Mapping[str, Any]) -> bool:
            target, actor = incident.get("target"), incident.get("actor")
            return target in sides or (target is None and actor not in theatre.state_actors)

        return "attacks on " + ", ".join(sorted(sides)), on_side
    if claimant in theatre.places.pack.actors:
        return f"attacks by {claimant}", lambda incident: incident.get("actor") == claimant
    return "all incidents", lambda incident: True


def incident_day(incident: Mapping[str, Any]) -> str | None:
    """The day an incident is counted on: its date, else the start of its span."""
    return incident.get("date") or incident.get("date_earliest")


def compare_tally(statistic: Mapping[str, Any], incidents: Iterable[Mapping[str, Any]],
                  catalogue: SourceCatalogue, theatre: Theatre) -> Tally:
    """A statistic as a Tally, with the count of `incidents` (summaries) in its period and place."""
    countries = tally_countries(statistic.get("what") or "")
    end = statistic.get("period_end") or statistic.get("stated_date")
    start = statistic.get("period_start")
    description, counted = counted_incidents(statistic, catalogue, theatre)
    sitrep_count = sum(
        1 for incident in incidents
        if (day := incident_day(incident)) is not None
        and (start is None or day >= start) and (end is None or day <= end)
        and (not countries or incident.get("country") in countries)
        and counted(incident)
    )
    evidence = statistic.get("evidence") or []
    return Tally(
        claimant=statistic.get("claimant"), count=statistic["count"], what=statistic.get("what") or "",
        period_start=start, period_end=statistic.get("period_end"), stated_date=statistic.get("stated_date"),
        countries=countries, counts=description, sitrep_count=sitrep_count, doc_id=statistic.get("doc_id"),
        evidence=evidence[0]["text"] if evidence else None,
    )
