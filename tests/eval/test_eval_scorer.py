"""Scoring rules of SCHEMA.md: compatibility, matching, field accuracy, statistics, incidents."""

from __future__ import annotations

import pytest

from sitrep.eval.scorer import (
    bcubed,
    compatible,
    date_correct,
    field_correct,
    match_events,
    place_agrees,
    score_corpus,
    score_statistics,
    time_agrees,
)
from sitrep.eval.sites import distance_km, normalise_text, pack_sites

SITES = pack_sites()
CONOCO = (35.3361, 40.3094)


def event(**fields: object) -> dict[str, object]:
    """A gold-shaped event with neutral defaults."""
    base: dict[str, object] = {
        "id": "e1", "date": "2024-02-05", "date_earliest": "2024-02-04", "date_latest": "2024-02-05",
        "site": "al-Omar oil field base", "country": "SY", "admin1": "Deir ez-Zor",
        "event_kind": "drone_attack", "weapons": ["drone"], "munition_count": None,
        "actor": "Islamic Resistance in Iraq", "actor_basis": "claimed", "target": "US forces",
        "killed": None, "injured": None,
    }
    return base | fields


@pytest.mark.parametrize(
    "text,expected",
    [
        ("al-Omar", "omar"),
        ("Aïn al-Assad", "ain assad"),
        ("champ pétrolier d’al-Omar", "champ petrolier d'omar"),
        ("Al Asad  Air Base", "asad air base"),
        ("Deir ez-Zor", "deir ez-zor"),
        ("Kharab al-Jir", "kharab jir"),
        ("Hasakah", "hasakah"),
    ],
)
def test_normalise_text_folds_case_accents_and_article(text: str, expected: str) -> None:
    assert normalise_text(text) == expected


@pytest.mark.parametrize(
    "gold_site,predicted_site,expected",
    [
        ("al-Omar oil field base", "Omar field", True),
        ("al-Omar oil field base", "champ pétrolier d'al-Omar", True),
        ("Ain al-Asad air base", "Aïn al-Assad", True),
        ("Ain al-Asad air base", "AIN AL ASAD AIR BASE", True),
        ("Tower 22", "البرج 22", True),
        ("Conoco gas field base", "Koniko", True),
        ("Kirkuk", "kirkuk", True),
        ("Kirkuk", "Kirkuk air base", False),
        ("al-Tanf garrison", "Conoco", False),
        ("Erbil airport base", "Erbil", False),
    ],
)
def test_place_agrees_by_canonical_site(gold_site: str, predicted_site: str, expected: bool) -> None:
    predicted = event(site=predicted_site, country=None, admin1=None)
    assert place_agrees(event(site=gold_site), predicted, SITES) is expected


@pytest.mark.parametrize(
    "gold_site,lat,lon,expected",
    [
        ("Conoco gas field base", CONOCO[0], CONOCO[1], True),
        ("Conoco gas field base", CONOCO[0] + 0.03, CONOCO[1], True),  # about 3.3 km north
        ("Conoco gas field base", CONOCO[0] + 0.06, CONOCO[1], False),  # about 6.7 km north
        ("Koniko", CONOCO[0] + 0.03, CONOCO[1], True),  # gold written as an alias
        ("Kirkuk", CONOCO[0], CONOCO[1], False),  # unlisted gold site: no coordinates
        ("Conoco gas field base", None, None, False),
    ],
)
def test_place_agrees_within_five_km_of_gold_site(gold_site: str, lat: float | None, lon: float | None,
                                                  expected: bool) -> None:
    predicted = event(site="some plant", country="IQ", admin1="Anbar", lat=lat, lon=lon)
    assert place_agrees(event(site=gold_site), predicted, SITES) is expected


def test_distance_km_is_haversine() -> None:
    assert distance_km(0.0, 0.0, 0.0, 1.0) == pytest.approx(111.19, abs=0.01)


@pytest.mark.parametrize(
    "gold,predicted,expected",
    [
        ({"site": None}, {"site": "Mayadin"}, True),
        ({"site": None}, {"site": None}, True),
        ({"site": "al-Omar oil field base"}, {"site": None}, True),
        ({"site": None, "admin1": "deir ez zor"}, {"site": None}, False),
        ({"site": None}, {"site": None, "admin1": "DEIR EZ-ZOR"}, True),
        ({"site": None}, {"site": None, "admin1": "Hasakah"}, False),
        ({"site": None}, {"site": None, "country": "IQ"}, False),
        ({"site": None, "country": None, "admin1": None}, {"site": None, "country": None, "admin1": None}, False),
        ({"site": "al-Omar oil field base"}, {"site": "Mayadin"}, False),  # both sites given, both differ
    ],
)
def test_place_agrees_by_country_and_admin1_when_a_site_is_missing(gold: dict, predicted: dict,
                                                                    expected: bool) -> None:
    assert place_agrees(event(**gold), event(**predicted), SITES) is expected


GOLD_DAY = {"date": "2024-02-05", "date_earliest": "2024-02-04", "date_latest": "2024-02-05"}
GOLD_INTERVAL = {"date": None, "date_earliest": "2024-02-02", "date_latest": "2024-02-04"}
GOLD_UNDATED = {"date": None, "date_earliest": None, "date_latest": None}
NO_DATE = {"date": None, "date_earliest": None, "date_latest": None}


def day(value: str) -> dict[str, str | None]:
    """A prediction with a single date and no interval."""
    return {"date": value, "date_earliest": None, "date_latest": None}


@pytest.mark.parametrize(
    "gold,predicted,dated,expected",
    [
        (GOLD_DAY, day("2024-02-05"), True, True),
        (GOLD_DAY, day("2024-02-03"), True, True),  # earliest - 1 day
        (GOLD_DAY, day("2024-02-06"), True, True),  # latest + 1 day
        (GOLD_DAY, day("2024-02-02"), True, False),
        (GOLD_DAY, day("2024-02-07"), True, False),
        (GOLD_DAY, {"date": None, "date_earliest": "2024-01-30", "date_latest": "2024-02-03"}, True, True),
        (GOLD_DAY, {"date": None, "date_earliest": "2024-01-30", "date_latest": "2024-02-02"}, True, False),
        (GOLD_DAY, {"date": "2024-01-01", "date_earliest": "2024-02-06", "date_latest": "2024-02-09"}, True, True),
        (GOLD_DAY, NO_DATE, True, False),
        (GOLD_DAY, NO_DATE, False, True),  # text mode, undated document: no time condition
        (GOLD_DAY, day("2020-01-01"), False, True),
        (GOLD_INTERVAL, day("2024-02-01"), True, True),
        (GOLD_INTERVAL, day("2024-02-06"), True, False),
        ({"date": "2024-02-05", "date_earliest": None, "date_latest": None}, day("2024-02-06"), True, True),
        (GOLD_UNDATED, NO_DATE, True, True),  # gold knows no date: nothing to compare with
        (GOLD_UNDATED, day("2024-02-06"), True, True),
    ],
)
def test_time_agrees_with_one_day_slack(gold: dict, predicted: dict, dated: bool, expected: bool) -> None:
    assert time_agrees(event(**gold), event(**predicted), dated) is expected


def test_compatible_needs_place_and_time() -> None:
    gold = event()
    assert compatible(gold, event(site="Omar field"), SITES)
    assert not compatible(gold, event(site="Omar field", **day("2024-02-10")), SITES)
    assert not compatible(gold, event(site="al-Tanf garrison"), SITES)


@pytest.mark.parametrize(
    "gold,predicted,expected",
    [
        (GOLD_DAY, day("2024-02-05"), True),
        (GOLD_DAY, day("2024-02-04"), False),
        (GOLD_DAY, NO_DATE, False),
        (GOLD_INTERVAL, day("2024-02-03"), True),
        (GOLD_INTERVAL, day("2024-02-04"), True),
        (GOLD_INTERVAL, day("2024-02-05"), False),  # inside the ±1 day window, outside the interval
        (GOLD_INTERVAL, NO_DATE, True),
        (GOLD_UNDATED, NO_DATE, True),
        (GOLD_UNDATED, day("2024-02-05"), False),
    ],
)
def test_date_correct(gold: dict, predicted: dict, expected: bool) -> None:
    assert date_correct(event(**gold), event(**predicted)) is expected


@pytest.mark.parametrize(
    "name,gold_value,predicted_value,expected",
    [
        ("actor", "Islamic Resistance in Iraq", "islamic resistance in iraq", True),
        ("actor", "Kata'ib Hezbollah", "Kata’ib Hezbollah", True),
        ("actor", None, None, True),
        ("actor", None, "Hezbollah", False),
        ("admin1", "Salah al-Din", "Salah Din", True),
        ("target", "US forces", "", False),
        ("weapons", ["rocket", "drone"], ["Drone", "rocket"], True),
        ("weapons", ["rocket"], ["rocket", "drone"], False),
        ("weapons", [], None, True),
        ("munition_count", 30, 30, True),
        ("munition_count", None, 30, False),
        ("killed", None, None, True),
        ("killed", None, 0, False),
        ("injured", 3, 3, True),
        ("country", "SY", "sy", True),
        ("event_kind", "drone_attack", "air_strike", False),
    ],
)
def test_field_correct(name: str, gold_value: object, predicted_value: object, expected: bool) -> None:
    assert field_correct(name, event(**{name: gold_value}), event(**{name: predicted_value})) is expected


def test_match_is_one_to_one() -> None:
    gold = [event(id="e1"), event(id="e2")]
    assert match_events(gold, [event(id="p1")], SITES) == [(0, 0)]
    assert match_events([event()], [event(id="p1"), event(id="p2")], SITES) == [(0, 0)]


def test_match_prefers_pairs_agreeing_on_more_fields() -> None:
    gold = [event(event_kind="drone_attack", weapons=["drone"]), event(event_kind="rocket_or_missile_attack",
                                                                       weapons=["rocket"])]
    predicted = [event(event_kind="rocket_or_missile_attack", weapons=["rocket"]),
                 event(event_kind="drone_attack", weapons=["drone"])]
    assert match_events(gold, predicted, SITES) == [(0, 1), (1, 0)]


def test_match_maximises_pairs_before_agreement() -> None:
    # g0 agrees best with p0, but only p0 fits g1: two pairs beat one better pair.
    gold = [event(actor="Kataib Hezbollah"), event(site="Conoco gas field base", actor="Kataib Hezbollah")]
    predicted = [event(site=None, actor="Kataib Hezbollah"), event(actor=None, event_kind="air_strike")]
    assert match_events(gold, predicted, SITES) == [(0, 1), (1, 0)]


def test_match_ignores_incompatible_pairs() -> None:
    assert match_events([event()], [event(site="al-Tanf garrison")], SITES) == []
    assert match_events([], [event()], SITES) == []


@pytest.mark.parametrize(
    "gold,predicted,found,precision",
    [
        ([{"claimant": "Pentagon", "count": 106}], [{"claimant": "pentagon", "count": 106}], 1, 1.0),
        ([{"claimant": "Pentagon", "count": 106}], [{"claimant": "Pentagon", "count": 105}], 0, 0.0),
        ([{"claimant": "Pentagon", "count": 106}], [{"claimant": "US military", "count": 106}], 0, 0.0),
        ([{"claimant": None, "count": 150}], [{"claimant": None, "count": 150}], 1, 1.0),
        ([{"claimant": "Pentagon", "count": 27}, {"claimant": "Pentagon", "count": 27}],
         [{"claimant": "Pentagon", "count": 27}], 1, 1.0),
        ([{"claimant": "Pentagon", "count": 27}],
         [{"claimant": "Pentagon", "count": 27}, {"claimant": "Pentagon", "count": 27}], 1, 0.5),
        ([], [], 0, None),
    ],
)
def test_statistic_needs_claimant_and_count(gold: list, predicted: list, found: int,
                                            precision: float | None) -> None:
    scores = score_statistics("d1", gold, predicted)
    assert len(scores.found) == found
    assert len(scores.missed) == len(gold) - found
    assert scores.counts.precision == precision


def test_bcubed_scores_clusters_over_gold_events() -> None:
    perfect = bcubed(["a", "a", "b"], ["x", "x", "y"])
    assert (perfect.precision, perfect.recall) == (1.0, 1.0)
    merged = bcubed(["a", "a", "b"], ["x", "x", "x"])
    assert merged.precision == pytest.approx((2 / 3 + 2 / 3 + 1 / 3) / 3)
    assert merged.recall == 1.0
    unmatched = bcubed(["a", "a"], ["x", None])
    assert (unmatched.precision, unmatched.recall) == (1.0, 0.5)


def gold_document(doc_id: str, events: list[dict], basis: str = "url", statistics: list | None = None) -> dict:
    """A gold.jsonl line."""
    return {"doc_id": doc_id, "published": "2024-02-05", "published_basis": basis,
            "events": events, "statistics": statistics or []}


def test_score_corpus_micro_averages_over_documents() -> None:
    gold = [gold_document("d1", [event(id="e1"), event(id="e2", site="Conoco gas field base")]),
            gold_document("d2", [event(id="e1", site="al-Tanf garrison", admin1="Homs")])]
    predicted = [{"doc_id": "d1", "events": [event(id="p1", actor="Hezbollah")]},
                 {"doc_id": "d2", "events": [event(id="p1", site="Tanf", admin1="Homs"), event(id="p2", site="Hajin")]},
                 {"doc_id": "unknown", "events": [event()]}]
    scores = score_corpus(gold, predicted, "meta")
    assert (scores.events.tp, scores.events.fp, scores.events.fn) == (2, 1, 1)
    assert (scores.n_docs, scores.n_gold, scores.n_predicted) == (2, 3, 3)
    assert (scores.fields["actor"].correct, scores.fields["actor"].matched) == (1, 2)
    assert scores.fields["date"].accuracy == 1.0


@pytest.mark.parametrize("basis,mode,tp,date_matched", [
    ("unknown", "text", 1, 0),
    ("external", "text", 1, 0),
    ("url", "text", 0, 0),
    ("unknown", "meta", 0, 0),
])
def test_undated_documents_in_text_mode_drop_time_and_date(basis: str, mode: str, tp: int,
                                                           date_matched: int) -> None:
    gold = [gold_document("d1", [event()], basis=basis)]
    predicted = [{"doc_id": "d1", "events": [event(date="2023-01-01", date_earliest=None, date_latest=None)]}]
    scores = score_corpus(gold, predicted, mode)
    assert scores.events.tp == tp
    assert scores.fields["date"].matched == date_matched
    assert scores.fields["actor"].matched == tp


def test_score_corpus_rejects_unknown_mode() -> None:
    with pytest.raises(ValueError, match="mode"):
        score_corpus([], [], "full")
