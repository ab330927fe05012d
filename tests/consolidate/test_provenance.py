"""Per-field provenance: every source's value, the resolved value, how it was chosen, conflicts."""

from __future__ import annotations

from typing import Any

import pytest

from event_records import THEATRE, event
from sitrep.consolidate.incident import build_incident, theatre_specificity
from sitrep.consolidate.provenance import Source, provenance
from sitrep.consolidate.sources import independence_groups, source_catalogue

CATALOGUE = source_catalogue("iraq_syria")


def resolved(*events: dict[str, Any], official: tuple[int, ...] = (), groups: dict[int, str] | None = None):
    """Provenance of events given by documents d0, d1, ...; `official` marks official sources by index."""
    groups = groups or {}
    pairs = [(Source(f"d{i}", e["id"], official=i in official, independent_of=groups.get(i, f"d{i}")), e)
             for i, e in enumerate(events)]
    return provenance(pairs, theatre_specificity(THEATRE))


def test_munition_counts_in_conflict_keep_every_source() -> None:
    fields = resolved(event(munition_count=15), event(munition_count=6))
    count = fields["munition_count"]
    assert count.conflict
    assert {item.value: [s.doc_id for s in item.sources] for item in count.values} == {15: ["d0"], 6: ["d1"]}
    record = count.to_record()
    assert record["values"][0] == {"value": 15, "sources": [{"doc_id": "d0", "event_id": "e1", "outlet": None,
                                                              "evidence": None}]}


@pytest.mark.parametrize("name,values,expected,method,conflict", [
    ("event_kind", ["other_attack", "drone_attack"], "drone_attack", "most_specific", False),
    ("site", ["Erbil", "Erbil airport base"], "Erbil airport base", "most_specific", False),
    ("actor", ["Iran-backed militias", "Kataib Hezbollah"], "Kataib Hezbollah", "most_specific", False),
    ("actor_basis", ["attributed", "claimed"], "claimed", "most_specific", False),
    ("munition_count", [3, 3], 3, "agreed", False),
    ("munition_count", [3, None], 3, "agreed", False),
    ("munition_count", [2, 3, 3], 3, "most_sources", True),
    ("killed", [3, 4], 4, "largest", True),
    ("site", ["al-Tanf garrison", "Tower 22"], "al-Tanf garrison", "first_reported", True),
])
def test_resolution_rules(name: str, values: list, expected: Any, method: str, conflict: bool) -> None:
    events = [event(f"e{i}", **{name: value}) for i, value in enumerate(values)]
    field = resolved(*events)[name]
    assert (field.value, field.method, field.conflict) == (expected, method, conflict)


def test_official_value_wins_among_equally_specific_ones() -> None:
    field = resolved(event(site="al-Tanf garrison"), event(site="Tower 22"), official=(1,))["site"]
    assert (field.value, field.method, field.conflict) == ("Tower 22", "official", True)


def test_copies_count_as_one_source() -> None:
    counts = [event(munition_count=15), event(munition_count=15), event(munition_count=6), event(munition_count=6)]
    assert resolved(*counts)["munition_count"].method == "largest"  # two sources each: a tie
    field = resolved(*counts, groups={1: "d0"})["munition_count"]  # d1 copies d0
    assert (field.value, field.method) == (6, "most_sources")


def test_weapons_are_the_union_and_conflict_only_when_disjoint() -> None:
    fields = resolved(event(weapons=["rocket"]), event(weapons=["rocket", "missile"]))
    assert (fields["weapons"].value, fields["weapons"].method, fields["weapons"].conflict) == (
        ("missile", "rocket"), "union", False)
    assert resolved(event(weapons=["rocket"]), event(weapons=["drone"]))["weapons"].conflict


def test_a_precise_day_beats_a_best_guess_in_an_interval() -> None:
    field = resolved(event(date="2024-01-28"),
                     event(date="2024-01-27", date_earliest="2024-01-27", date_latest="2024-01-28"))["date"]
    assert (field.value, field.method, field.conflict) == ("2024-01-28", "most_specific", False)


def test_independence_groups_join_copies_and_outlets() -> None:
    groups = independence_groups([("a", "Press TV (French)", "a"), ("b", "PressTV", "b"), ("c", None, "a"),
                                  ("d", "Reuters", "d")], CATALOGUE)
    assert groups == {"a": "a", "b": "a", "c": "a", "d": "d"}


def test_built_incident_summarises_and_keeps_members() -> None:
    events = [
        event(munition_count=15, reported_by=["Al Mayadeen"]) | {"doc_id": "a", "outlet": "Press TV (French)"},
        event(munition_count=6, reported_by=["Pentagon"], target="US forces") | {"doc_id": "b", "outlet": "Reuters"},
    ]
    incident = build_incident("x", events, {}, CATALOGUE, THEATRE)
    record = incident.to_record()
    assert record["id"] == "x" and record["munition_count"] == 6  # the Pentagon's count
    assert record["fields"]["munition_count"]["method"] == "official"
    assert record["conflicts"] == ["munition_count"]
    assert [(m["doc_id"], m["event_id"]) for m in record["members"]] == [("a", "e1"), ("b", "e1")]
    assert record["members"][0]["affiliation"] == "Iranian state media"
    assert record["status"] == "confirmed" and record["n_sources"] == 2
