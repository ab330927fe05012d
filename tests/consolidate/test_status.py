"""Status rules and the confidence formula."""

from __future__ import annotations

import pytest

from sitrep.consolidate.provenance import Source
from sitrep.consolidate.sources import source_catalogue
from sitrep.consolidate.status import CLAIMED, CONFIRMED, DENIED, REPORTED, confidence, incident_status

CATALOGUE = source_catalogue("iraq_syria")


def source(doc_id: str = "a", **flags: bool) -> Source:
    return Source(doc_id, "e1", independent_of=flags.pop("group", doc_id), **flags)


@pytest.mark.parametrize("sources,expected", [
    ([source(official=True), source("b", claimed=True)], CONFIRMED),
    ([source(official=True, denied=True)], DENIED),
    ([source(denied=True), source("b", claimed=True)], DENIED),
    ([source(denied=True), source("b", official=True)], CONFIRMED),
    ([source(claimed=True), source("b")], CLAIMED),
    ([source(), source("b", hedged=True)], REPORTED),
], ids=["official_confirms", "official_denies", "denial_beats_claim", "confirmation_beats_denial",
        "group_claims", "media_report"])
def test_status_rules(sources: list[Source], expected: str) -> None:
    assert incident_status(sources) == expected


@pytest.mark.parametrize("sources,expected", [
    ([source()], 0.5),
    ([source(hedged=True)], 0.25),
    ([source(), source("b")], 0.75),
    ([source(), source("b", group="a")], 0.5),  # a copy adds nothing
    ([source(official=True)], 0.9),
    ([source(claimed=True), source("b")], 0.85),
], ids=["one_report", "one_hedged_report", "two_independent", "a_copy", "official", "claim_and_report"])
def test_confidence_formula(sources: list[Source], expected: float) -> None:
    assert confidence(sources, incident_status(sources)) == pytest.approx(expected)


def test_hedging_lowers_confidence() -> None:
    plain, hedged = [source(), source("b")], [source(hedged=True), source("b", hedged=True)]
    assert confidence(hedged, REPORTED) < confidence(plain, REPORTED)


def test_denial_halves_confidence() -> None:
    assert confidence([source(denied=True)], DENIED) == pytest.approx(0.25)


@pytest.mark.parametrize("names,target,expected", [
    (["Pentagon"], "US forces", True),
    (["two U.S. officials"], "coalition forces", True),
    (["NSC (Adrienne Watson)"], "US forces", True),
    (["Al Mayadeen"], "US forces", False),
    (["Pentagon"], None, False),
    (["Pentagon"], "militia", False),
    (["IDF"], "Israel", True),
])
def test_officials_speak_for_their_side(names: list[str], target: str | None, expected: bool) -> None:
    assert CATALOGUE.speaks_for(names, target) is expected


def test_outlets_are_found_in_longer_names() -> None:
    assert CATALOGUE.outlet("Press TV (French)").affiliation == "Iranian state media"
    assert CATALOGUE.outlet("Sputnik Afrique").country == "RU"
    assert CATALOGUE.outlet("Some Blog") is None
