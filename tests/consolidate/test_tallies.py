"""Tallies: stated counts beside sitrep's incident count over the same period, place and side."""

from __future__ import annotations

import pytest

from event_records import THEATRE
from sitrep.consolidate.sources import source_catalogue
from sitrep.consolidate.tallies import compare_tally, tally_countries

CATALOGUE = source_catalogue("iraq_syria")


def incident(day: str, country: str, target: str | None = "US forces", actor: str | None = None) -> dict:
    return {"date": day, "date_earliest": day, "country": country, "target": target, "actor": actor}


INCIDENTS = [
    incident("2023-10-18", "SY"), incident("2023-10-19", "IQ"), incident("2023-10-25", "IQ", target=None),
    incident("2023-10-26", "SY", target="militia", actor="US forces"),  # a US strike: not an attack on US forces
    incident("2023-11-02", "IQ"),  # after the period
    incident("2023-10-20", "IQ", target=None, actor="Islamic Resistance in Iraq"),
]


@pytest.mark.parametrize("what,expected", [
    ("attacks on US forces in Iraq and Syria", ["IQ", "SY"]),
    ("attacks (SY)", ["SY"]),
    ("attaques en Irak", ["IQ"]),
    ("attacks", []),
])
def test_tally_countries(what: str, expected: list[str]) -> None:
    assert tally_countries(what) == expected


def test_pentagon_tally_counts_attacks_on_us_forces_in_period_and_place() -> None:
    statistic = {"claimant": "Pentagon", "count": 14, "what": "attacks (IQ)", "period_start": "2023-10-17",
                 "period_end": None, "stated_date": "2023-10-30", "doc_id": "d", "evidence": [{"text": "14 attacks"}]}
    tally = compare_tally(statistic, INCIDENTS, CATALOGUE, THEATRE)
    assert (tally.sitrep_count, tally.difference, tally.countries) == (3, 11, ["IQ"])
    assert tally.counts == "attacks on US forces, coalition forces"
    assert tally.to_record()["evidence"] == "14 attacks"


def test_group_tally_counts_its_own_attacks() -> None:
    statistic = {"claimant": "Islamic Resistance in Iraq", "count": 2, "what": "attacks", "stated_date": "2023-10-30"}
    assert compare_tally(statistic, INCIDENTS, CATALOGUE, THEATRE).sitrep_count == 1


def test_unknown_claimant_counts_every_incident_of_the_period() -> None:
    statistic = {"claimant": None, "count": 100, "what": "attacks", "period_start": "2023-10-19",
                 "stated_date": "2023-10-31"}
    tally = compare_tally(statistic, INCIDENTS, CATALOGUE, THEATRE)
    assert (tally.sitrep_count, tally.counts) == (4, "all incidents")
