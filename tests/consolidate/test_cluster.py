"""Reports -> incidents: what merges, what stays apart, determinism, order independence, incrementality."""

from __future__ import annotations

import random
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from event_records import THEATRE, event, reports
from sitrep.consolidate.cluster import cluster_reports, incident_id, recluster, segments


def partition(*items: tuple[str, dict[str, Any]]) -> set[frozenset[tuple[str, str]]]:
    """The clusters of some reports, as sets of (doc_id, event id)."""
    return {frozenset(keys) for keys in cluster_reports(reports(*items), THEATRE).values()}


def together(*items: tuple[str, dict[str, Any]]) -> bool:
    """Whether all the reports end in one incident."""
    return len(partition(*items)) == 1


MERGE = [
    pytest.param(("a", event(date="2024-02-05")), ("b", event(date="2024-02-05")), id="same_site_same_day"),
    pytest.param(("a", event(date="2024-01-27", time_of_day="evening", site="Tower 22")),
                 ("b", event(date="2024-01-28", site="Tower 22")), id="us_saturday_evening_is_local_sunday"),
    pytest.param(("a", event(date="2024-02-04", time_of_day="night")),
                 ("b", event(date="2024-02-05", time_of_day="dawn")), id="night_from_one_day_to_the_next"),
    pytest.param(("a", event(date="2023-10-19", date_earliest="2023-10-18", date_latest="2023-10-19",
                             site="al-Tanf garrison")),
                 ("b", event(date="2023-10-18", site="al-Tanf garrison")), id="interval_holding_the_other_day"),
    pytest.param(("a", event(date="2024-02-05")),
                 ("b", event(date=None, date_earliest="2024-02-01", date_latest="2024-02-06")),
                 id="il_y_a_quatre_jours_joins_dated_report"),
    pytest.param(("a", event(site="Erbil airport base", date="2023-12-25")),
                 ("b", event(site="Erbil", date="2023-12-25")), id="town_contains_its_airport_base"),
    pytest.param(("a", event(site="Tower 22", date="2024-01-28", date_earliest="2024-01-27")),
                 ("b", event(site="al-Tanf garrison", date="2024-01-28", date_earliest="2024-01-27")),
                 id="al_tanf_and_tower_22_23_km_apart"),
    pytest.param(("a", event(date="2024-02-05")),
                 ("b", event(site=None, admin1="Deir ez-Zor", country="SY", date="2024-02-05")),
                 id="province_report_joins_site_with_a_shared_detail"),
    pytest.param(("a", event(event_kind="other_attack", weapons=[])), ("b", event()), id="explosions_heard_and_drone"),
    pytest.param(("a", event(actor="US forces", event_kind="air_strike", site="Baghdad")),
                 ("b", event(actor="Kataib Hezbollah", site="Baghdad")), id="confused_attacker_same_site_and_day"),
    pytest.param(("a", event(munition_count=15)), ("b", event(munition_count=6)), id="counts_disagree"),
]

APART = [
    pytest.param(("a", event(date="2024-02-05")), ("b", event(date="2024-02-07")), id="two_days_apart"),
    pytest.param(("a", event(date="2024-02-04")), ("b", event(date="2024-02-05")),
                 id="next_day_without_a_night_or_an_interval"),
    pytest.param(("a", event(date="2023-10-18", date_earliest="2023-10-17", site="al-Tanf garrison")),
                 ("b", event(date="2023-10-19", site="al-Tanf garrison")), id="interval_ending_the_day_before"),
    pytest.param(("a", event(date="2023-10-26", time_of_day="evening", event_kind="rocket_or_missile_attack",
                             weapons=["rocket"], actor="Islamic Resistance in Iraq")),
                 ("b", event(date="2023-10-27", date_earliest="2023-10-26", actor="Islamic Resistance in Iraq")),
                 id="rockets_and_drones_contradict_more_than_the_actor_agrees"),
    pytest.param(("a", event()), ("b", event(site="Ain al-Asad air base")), id="different_sites_far_apart"),
    pytest.param(("a", event()), ("b", event(site="Conoco gas field base")), id="two_bases_33_km_apart"),
    pytest.param(("a", event(event_id="e1")), ("a", event(event_id="e2")), id="two_events_of_one_article"),
    pytest.param(("a", event()), ("b", event(distinct=True)), id="a_second_attack_stays_apart"),
    pytest.param(("a", event(event_kind="ied_or_bomb", weapons=["ied"])), ("b", event(event_kind="air_strike")),
                 id="kinds_that_cannot_be_one_attack"),
    pytest.param(("a", event(site="Erbil airport base", actor="US forces", event_kind="air_strike")),
                 ("b", event(site="Erbil", actor="Kataib Hezbollah")), id="opposite_attackers_at_different_places"),
    pytest.param(("a", event()), ("b", event(site=None, admin1="Deir ez-Zor", country="SY", event_kind="other_attack",
                                             weapons=[])), id="province_report_without_shared_detail"),
    pytest.param(("a", event(site="Erbil airport base")), ("b", event(site="al-Harir air base")),
                 id="two_bases_of_one_province_48_km_apart"),
]


@pytest.mark.parametrize("first,second", MERGE)
def test_reports_of_one_attack_merge(first, second) -> None:
    assert together(first, second)


@pytest.mark.parametrize("first,second", APART)
def test_reports_of_different_attacks_stay_apart(first, second) -> None:
    assert not together(first, second)


def test_exact_day_is_preferred_over_the_next_day() -> None:
    """A report of Saturday night joins Saturday's attack, not Friday's, though both are a day apart."""
    found = partition(
        ("atlas", event("e2", date="2023-10-27", event_kind="rocket_or_missile_attack", weapons=["rocket"])),
        ("atlas", event("e3", date="2023-10-28", event_kind="rocket_or_missile_attack", weapons=["rocket"])),
        ("islam", event("e1", date="2023-10-28", time_of_day="night", event_kind="rocket_or_missile_attack",
                        weapons=["rocket"])),
    )
    assert frozenset({("atlas", "e3"), ("islam", "e1")}) in found


def test_second_reports_of_the_second_attack_join_it() -> None:
    found = partition(("a", event()), ("b", event(distinct=True)), ("c", event(distinct=True)), ("d", event()))
    assert found == {frozenset({("a", "e1"), ("d", "e1")}), frozenset({("b", "e1"), ("c", "e1")})}


def test_undated_report_joins_the_only_incident_at_its_site() -> None:
    assert together(("a", event(site="Tower 22", date="2024-01-28")), ("b", event(site="Tower 22", date=None)))


def test_undated_report_stays_apart_when_several_incidents_fit() -> None:
    found = partition(("a", event(date="2024-01-02")), ("b", event(date="2024-02-05")), ("c", event(date=None)))
    assert frozenset({("c", "e1")}) in found


def test_undated_report_goes_where_details_lead() -> None:
    found = partition(
        ("a", event(site="Baghdad", date="2024-02-07", time_of_day="evening", target="vehicle/truck")),
        ("b", event(site="Baghdad", date="2024-02-01")),
        ("c", event(site="Baghdad", date=None, time_of_day="evening", target="vehicle/truck")),
    )
    assert frozenset({("a", "e1"), ("c", "e1")}) in found


def test_incident_id_names_date_place_and_anchor() -> None:
    (anchor,) = reports(("fr_presstv_20240205_omar", event()))
    assert incident_id(anchor).startswith("2024-02-05_al_omar_oil_field_base_")
    assert incident_id(anchor) == incident_id(anchor)
    (undated,) = reports(("x", event(date=None)))
    assert incident_id(undated).startswith("undated_")


def test_segments_break_where_reports_lie_more_than_a_day_apart() -> None:
    items = reports(("a", event(date="2024-02-01")), ("b", event(date="2024-02-02")), ("c", event(date="2024-02-04")))
    assert [[r.doc_id for r in run] for run in segments(items)] == [["a", "b"], ["c"]]


# --- determinism, order independence, incrementality -------------------------------------------

SITE_NAMES = ["al-Omar oil field base", "Conoco gas field base", "al-Tanf garrison", "Tower 22", "Erbil",
              "Erbil airport base", "Baghdad"]
DAYS = [f"2024-01-{day:02d}" for day in range(20, 31)]


@st.composite
def random_reports(draw: st.DrawFn) -> list[tuple[str, dict[str, Any]]]:
    """Up to 30 events in up to 8 documents over nearby sites and days, some undated or interval-dated."""
    items = []
    for index in range(draw(st.integers(1, 30))):
        date = draw(st.sampled_from([*DAYS, None]))
        fields = {
            "site": draw(st.sampled_from(SITE_NAMES)),
            "date": date,
            "date_earliest": draw(st.sampled_from([date, DAYS[0]])) if date else None,
            "event_kind": draw(st.sampled_from(["drone_attack", "rocket_or_missile_attack", "other_attack"])),
            "time_of_day": draw(st.sampled_from([None, "evening", "dawn"])),
            "actor": draw(st.sampled_from([None, "Islamic Resistance in Iraq", "US forces"])),
            "distinct": draw(st.booleans()) and index % 5 == 0,
        }
        items.append((f"doc{draw(st.integers(0, 7))}", event(f"e{index}", **fields)))
    return items


@settings(max_examples=60, deadline=None)
@given(random_reports(), st.randoms(use_true_random=False))
def test_result_does_not_depend_on_input_order(items, rng: random.Random) -> None:
    shuffled = list(items)
    rng.shuffle(shuffled)
    assert cluster_reports(reports(*items), THEATRE) == cluster_reports(reports(*shuffled), THEATRE)


@settings(max_examples=60, deadline=None)
@given(random_reports(), st.randoms(use_true_random=False))
def test_documents_added_one_by_one_give_the_batch_result(items, rng: random.Random) -> None:
    """Incremental: each new document re-clusters only its blocks, and the end state equals a batch run."""
    by_doc: dict[str, list] = {}
    for doc_id, record in items:
        by_doc.setdefault(doc_id, []).append((doc_id, record))
    order = list(by_doc)
    rng.shuffle(order)
    stored: dict[str, list] = {}  # block -> its reports
    incidents: dict[str, list] = {}
    for doc_id in order:
        new = reports(*by_doc[doc_id])
        touched = {report.block for report in new}
        for report in new:
            stored.setdefault(report.block, []).append(report)
        old_keys = {r.key for block in touched for r in stored[block]} - {r.key for r in new}
        previous = {key: members for key, members in incidents.items() if set(members) & old_keys}
        changes = recluster(previous, [r for block in touched for r in stored[block]], THEATRE)
        assert changes.changed <= set(changes.incidents)
        assert not changes.removed & set(changes.incidents)
        for key in changes.removed:
            del incidents[key]
        incidents.update(changes.incidents)
    assert incidents == cluster_reports(reports(*items), THEATRE)


def test_an_unrelated_document_changes_no_incident() -> None:
    first = reports(("a", event(date="2024-02-05")), ("b", event(date="2024-02-05")))
    before = cluster_reports(first, THEATRE)
    later = reports(("c", event(site="Ain al-Asad air base", date="2024-02-05")))
    changes = recluster({}, later, THEATRE)
    assert set(changes.incidents).isdisjoint(before) and changes.removed == set()


def test_a_new_report_rewrites_only_the_incident_it_joins() -> None:
    old = reports(("a", event(date="2024-02-05")), ("b", event(date="2024-01-20")))
    previous = cluster_reports(old, THEATRE)
    changes = recluster(previous, old + reports(("c", event(date="2024-02-05"))), THEATRE)
    assert len(changes.changed) == 1 and changes.removed == set()
    (changed,) = changes.changed
    assert ("c", "e1") in changes.incidents[changed]
