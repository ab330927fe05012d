"""Per-field provenance: every source's value with its evidence, the resolved value and how it was chosen.

For each field, the values the reports give (nulls and "unknown" left out) are grouped with their
sources. The resolved value is chosen in this order, the method saying which step decided:
1. `only` (one report), `agreed` (every report gives the same value);
2. `most_specific`: a value more specific than the others (a base over its town, drone_attack over
   other_attack, a precise day over an interval, a named group over "Iran-backed groups");
3. `official`: among equally specific values, the only one an official of the targeted side gives;
4. `most_sources`: the value the most independent sources give (copies and one outlet count once);
5. on a tie, `largest` for counts (later reports revise casualty counts upward), else
   `first_reported` (the earliest published report).
Weapons are the `union` of the specific weapons reported. A field is in *conflict* when equally
specific values disagree (munition_count {15: [A], 6: [B]}); for weapons, when two sets share nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

FIELDS = ("date", "time_of_day", "site", "admin1", "country", "event_kind", "weapons", "munition_count",
          "actor", "actor_basis", "target", "killed", "injured", "damage")
COUNT_FIELDS = frozenset({"munition_count", "killed", "injured"})
NO_VALUE = (None, "", "unknown", [], ())

Event = Mapping[str, Any]
Specificity = Callable[[Any, Event], int]


@dataclass(frozen=True)
class Source:
    """One report of an incident: the document and event, who published it and how it is told."""

    doc_id: str
    event_id: str
    outlet: str | None = None
    affiliation: str | None = None
    url: str | None = None
    published: str | None = None
    evidence: str | None = None
    independent_of: str = ""  # documents in one group (copies, one outlet) count as one source
    official: bool = False  # cites an official of the side the attack targeted
    claimed: bool = False  # the group's own statement
    hedged: bool = False
    denied: bool = False

    def to_record(self) -> dict[str, Any]:
        """The source as a JSON-ready dict."""
        return asdict(self)


@dataclass
class FieldValue:
    """One value of a field and the sources that give it."""

    value: Any
    sources: list[Source] = field(default_factory=list)

    @property
    def independent(self) -> int:
        """How many independent sources give the value."""
        return len({source.independent_of or source.doc_id for source in self.sources})


@dataclass
class FieldProvenance:
    """A field of an incident: resolved value, method, every value with its sources, conflict flag."""

    name: str
    value: Any
    method: str
    values: list[FieldValue]
    conflict: bool

    def to_record(self) -> dict[str, Any]:
        """{value, method, conflict, values: [{value, sources: [{doc_id, event_id, outlet, evidence}]}]}."""
        return {
            "value": self.value,
            "method": self.method,
            "conflict": self.conflict,
            "values": [
                {"value": item.value,
                 "sources": [{"doc_id": s.doc_id, "event_id": s.event_id, "outlet": s.outlet, "evidence": s.evidence}
                             for s in item.sources]}
                for item in self.values
            ],
        }


def field_value(name: str, event: Event) -> Any:
    """A report's value for a field, hashable; None when it gives none."""
    if name == "weapons":
        value: Any = tuple(sorted(set(event.get("weapons") or ()) - {"unknown"}))
    elif name == "date":
        value = event.get("date") or interval_text(event)
    else:
        value = event.get(name)
    return None if value in NO_VALUE else value


def interval_text(event: Event) -> str | None:
    """"earliest..latest" for an event known only by an interval."""
    earliest, latest = event.get("date_earliest"), event.get("date_latest")
    return f"{earliest or '?'}..{latest or '?'}" if earliest or latest else None


def date_specificity(_value: Any, event: Event) -> int:
    """A day reported as such (2) beats a best guess inside an interval (1) and a bare interval (0)."""
    day = event.get("date")
    if not day:
        return 0
    return 2 if event.get("date_earliest") in (None, day) and event.get("date_latest") in (None, day) else 1


def kind_specificity(value: Any, _event: Event) -> int:
    """Any named kind beats "other_attack"."""
    return 0 if value == "other_attack" else 1


def basis_specificity(value: Any, _event: Event) -> int:
    """The group's own claim beats an attribution by others."""
    return 2 if value == "claimed" else 1


def uniform(_value: Any, _event: Event) -> int:
    """Every value equally specific."""
    return 1


BASE_SPECIFICITY: dict[str, Specificity] = {
    "date": date_specificity, "event_kind": kind_specificity, "actor_basis": basis_specificity,
}


def group_by_value(name: str, reports: list[tuple[Source, Event]],
                   specificity: Specificity) -> list[tuple[int, FieldValue]]:
    """(specificity, FieldValue) for each distinct value, in order of first appearance."""
    grouped: dict[Any, tuple[int, FieldValue]] = {}
    for source, event in reports:
        value = field_value(name, event)
        if value is None:
            continue
        rank, item = grouped.get(value, (0, FieldValue(value)))
        item.sources.append(source)
        grouped[value] = (max(rank, specificity(value, event)), item)
    return list(grouped.values())


def first_published(item: FieldValue) -> tuple[str, str]:
    """Sort key: the earliest publication date (unknown last), then doc_id."""
    return min((source.published or "9999", source.doc_id) for source in item.sources)


def resolve(name: str, ranked: list[tuple[int, FieldValue]], n_reports: int) -> tuple[Any, str, bool]:
    """(resolved value, method, conflict) from values ranked by specificity (see module docstring)."""
    if not ranked:
        return None, "none", False
    top = max(rank for rank, _ in ranked)
    best = [item for rank, item in ranked if rank == top]
    if name == "weapons":
        sets = [set(item.value) for item in best]
        conflict = any(not a & b for i, a in enumerate(sets) for b in sets[i + 1:])
        union = tuple(sorted(set().union(*sets)))
        return union, ("only" if n_reports == 1 else "agreed" if len(ranked) == 1 else "union"), conflict
    if len(best) == 1:
        method = "only" if n_reports == 1 else "agreed" if len(ranked) == 1 else "most_specific"
        return best[0].value, method, False
    official = [item for item in best if any(source.official for source in item.sources)]
    if len(official) == 1:
        return official[0].value, "official", True
    most = max(item.independent for item in best)
    leaders = [item for item in best if item.independent == most]
    if len(leaders) == 1:
        return leaders[0].value, "most_sources", True
    if name in COUNT_FIELDS:
        return max(item.value for item in leaders), "largest", True
    return min(leaders, key=first_published).value, "first_reported", True


def provenance(reports: list[tuple[Source, Event]],
               specificity: Mapping[str, Specificity]) -> dict[str, FieldProvenance]:
    """Every field's provenance over an incident's reports.

    Args:
        reports: (source, event record) for each member report.
        specificity: per field, a function (value, event) -> rank, added to BASE_SPECIFICITY
            (dates, kinds, actor basis); other fields are uniform.
    """
    ranks = {**BASE_SPECIFICITY, **specificity}
    result = {}
    for name in FIELDS:
        ranked = group_by_value(name, reports, ranks.get(name, uniform))
        value, method, conflict = resolve(name, ranked, len(reports))
        result[name] = FieldProvenance(name, value, method, [item for _, item in ranked], conflict)
    return result
