"""Golden corpus tests on real English articles (../shared/corpus/dev_en).

What must and must not be extracted from each article, then the scorer's thresholds in meta mode
(issue 3 bars; STYLE.md habit 9). Articles are read at run time; nothing of their text is copied here.
Gold events the engine cannot reach yet are marked xfail(strict) with the reason found.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict
from pathlib import Path

import pytest

from sitrep.eval.corpus import load_gold
from sitrep.eval.harness import input_document, run_system
from sitrep.eval.scorer import gold_span, is_dated, match_events, predicted_spans, score_corpus, time_agrees
from sitrep.eval.sites import pack_sites
from sitrep.extract import Extractor
from sitrep.models import Document
from sitrep.packs import load_pack
from sitrep.settings import Settings

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
DEV_EN = CORPUS / "dev_en"
INSTALLATIONS = {"base", "airport", "border_crossing"}


def gold_documents(corpus: Path) -> list[dict]:
    with (corpus / "gold.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def canonical(name: str | None) -> str | None:
    return pack_sites().canonical_key(name) if name else None


def is_listed(name: str | None) -> bool:
    """The site is in the shared gazetteer (SITES.md / sites.csv)."""
    return pack_sites().lookup(name) is not None


def site_kind(name: str | None) -> str | None:
    """The gazetteer kind of a site name ("base", "town"...), None when not listed."""
    site = pack_sites().lookup(name)
    if site is None:
        return None
    return next((s.kind for s in load_pack(Settings().pack).sites.values() if s.name == site.name), None)


def known_gap(key, reasons: dict) -> list:
    """An xfail(strict) mark when `key` has a known engine gap, else no mark."""
    return [pytest.mark.xfail(strict=True, reason=reasons[key])] if key in reasons else []


EN_GOLD = gold_documents(DEV_EN)
EN_IDS = [d["doc_id"] for d in EN_GOLD]
GOLD_BY_ID = {d["doc_id"]: d for d in EN_GOLD}

NODATE_ABU_KAMAL = (
    "the article has no publication date (gold published null) and dates the strikes by a month and day "
    "without a year: resolve/time._day_in_year leaves a yearless date unresolved without a publication "
    "date or a weekday")
ATLAS_SATURDAY = (
    "the Saturday sentence (rockets fell around the base while other attacks hit bases in the Deir ez-Zor and "
    "Hasakah provinces) names places, so its 'the base' is not read as al-Omar (the base anaphor is used only "
    "in sentences without a place), and its Deir ez-Zor province mention is merged by events._same_place into "
    "the al-Omar event (the province contains the base) although the text calls these other attacks")
# Gold events (doc_id, gold event id) that the engine cannot reach yet.
EVENT_GAPS = {
    ("en_theatlasnews_20231029_omar", "e1"):
        "the Sunday attack is told as what a channel 'has reported' for 'tonight ... Sunday': the report verb is "
        "nearer to the date than the trigger, so MentionReader.is_report_time widens it to 28-29 Oct; then "
        + ATLAS_SATURDAY + ", which narrows the event to 28 Oct: no event is dated 29 Oct",
    ("en_theatlasnews_20231029_omar", "e4"): ATLAS_SATURDAY,
    ("en_epochtimes_nodate_55attacks", "e1"): NODATE_ABU_KAMAL + "; the Abu Kamal strike has no date",
    ("en_epochtimes_nodate_55attacks", "e2"):
        NODATE_ABU_KAMAL + "; the Mayadin strike is then continued by a later sentence about the 7 October "
        "attack on Israel ('gunmen', read as an armed clash), which carries the narrative focus of the photo "
        "caption's 2018 date, so the event is dated 15 Dec 2018",
}
# Documents whose installation events do not match gold one for one, with the reason.
INSTALLATION_GAPS = {
    "en_theatlasnews_20231029_omar":
        "two al-Omar events for gold's three (Friday, Saturday, Sunday): the Sunday report and the Saturday "
        "sentence end up in one event (see the e1 and e4 gaps)",
    "en_sunstar_20231209_embassy":
        "a US official's account of the embassy attack places it near the embassy and the Union III base; the "
        "base named as the vicinity of the same attack becomes a second event (Union III, 8 Dec)",
}
# Gold claims the engine does not find as claims of the gold actor, by (doc_id, gold event id).
CLAIM_GAPS = {
    ("en_almayadeen_20240103_tanf", "e6"):
        "the claim ('both claimed by' the group) and the date ('today') are in the sentence before the one that "
        "names the two bases (Green Village, Erbil airport): that sentence names no site, so the claim reaches "
        "neither event and the bases are dated by default (1-2 Jan)",
    ("en_almayadeen_20240103_tanf", "e7"): "as e6: the claim is in the sentence before the one naming Erbil airport",
    ("en_epochtimes_nodate_55attacks", "e1"): NODATE_ABU_KAMAL + ", so no candidate event agrees in time",
    ("en_epochtimes_nodate_55attacks", "e2"): NODATE_ABU_KAMAL + ", so no candidate event agrees in time",
}

LISTED_EVENTS = [
    pytest.param(d["doc_id"], e, id=f"{d['doc_id']}-{e['id']}", marks=known_gap((d["doc_id"], e["id"]), EVENT_GAPS))
    for d in EN_GOLD for e in d["events"] if is_listed(e["site"])]
OTHER_EVENTS = [
    pytest.param(d["doc_id"], e, id=f"{d['doc_id']}-{e['id']}", marks=known_gap((d["doc_id"], e["id"]), EVENT_GAPS))
    for d in EN_GOLD for e in d["events"] if not is_listed(e["site"])]
CLAIMED_EVENTS = [
    pytest.param(d["doc_id"], e, id=f"{d['doc_id']}-{e['id']}", marks=known_gap((d["doc_id"], e["id"]), CLAIM_GAPS))
    for d in EN_GOLD for e in d["events"] if e["actor_basis"] == "claimed"]


@pytest.fixture(scope="module")
def extracted() -> dict[str, Document]:
    """Every dev_en document, extracted as the harness does in meta mode (gold url and publication date)."""
    extractor = Extractor(Settings())
    documents = {}
    for gold in EN_GOLD:
        text = (DEV_EN / "docs" / f"{gold['doc_id']}.txt").read_text(encoding="utf-8")
        documents[gold["doc_id"]] = extractor.extract(input_document(gold["doc_id"], text, gold, "meta"))
    return documents


def dates_overlap(gold_event: dict, predicted: dict) -> bool:
    """The predicted date or interval meets the gold interval itself.

    Stricter than the scorer's one-day slack, so that two attacks on consecutive days merged into
    one event show up as a miss.
    """
    window = gold_span(gold_event)
    if window is None:
        return True
    return any(start <= window[1] and end >= window[0] for start, end in predicted_spans(predicted))


# --- what must be found ---------------------------------------------------------------------------


def test_corpus_is_english_and_complete(extracted):
    assert {document.language for document in extracted.values()} == {"en"}
    assert sorted(path.stem for path in (DEV_EN / "docs").glob("*.txt")) == sorted(EN_IDS)


@pytest.mark.parametrize("doc_id,gold_event", LISTED_EVENTS)
def test_every_gold_event_at_a_listed_site_is_found_there_on_overlapping_dates(extracted, doc_id, gold_event):
    candidates = [asdict(e) for e in extracted[doc_id].events if canonical(e.site) == canonical(gold_event["site"])]
    assert candidates, f"no event at {gold_event['site']}"
    assert any(dates_overlap(gold_event, p) for p in candidates), [
        (p["date"], p["date_earliest"], p["date_latest"]) for p in candidates]


@pytest.mark.parametrize("doc_id,gold_event", OTHER_EVENTS)
def test_every_other_gold_event_is_matched_one_to_one(extracted, doc_id, gold_event):
    """Events at an unlisted place or a province only: the scorer's one-to-one matching must pair them."""
    gold = GOLD_BY_ID[doc_id]
    predicted = [asdict(e) for e in extracted[doc_id].events]
    pairs = dict(match_events(gold["events"], predicted, pack_sites(), is_dated(gold, "meta")))
    index = gold["events"].index(gold_event)
    assert index in pairs, [(p["site"], p["date"]) for p in predicted]


@pytest.mark.parametrize("doc_id,gold_event", CLAIMED_EVENTS)
def test_gold_claims_are_found_as_claims_of_the_same_actor(extracted, doc_id, gold_event):
    candidates = [e for e in extracted[doc_id].events
                  if canonical(e.site) == canonical(gold_event["site"]) and time_agrees(gold_event, asdict(e))]
    assert any((e.actor, e.actor_basis) == (gold_event["actor"], "claimed") for e in candidates), [
        (e.site, e.actor, e.actor_basis) for e in candidates]


# --- what must not be found -----------------------------------------------------------------------


@pytest.mark.parametrize("doc_id", [pytest.param(i, marks=known_gap(i, INSTALLATION_GAPS)) for i in EN_IDS])
def test_installation_events_per_site_match_gold(extracted, doc_id):
    """One event per attacked installation and attack: a base named as a vicinity or a repeat adds none."""
    gold_events = GOLD_BY_ID[doc_id]["events"]
    expected = Counter(canonical(e["site"]) for e in gold_events if site_kind(e["site"]) in INSTALLATIONS)
    found = Counter(canonical(e.site) for e in extracted[doc_id].events if site_kind(e.site) in INSTALLATIONS)
    assert found == expected


@pytest.mark.parametrize("doc_id", [i for i in EN_IDS if not GOLD_BY_ID[i]["events"]])
def test_document_without_gold_events_has_none(extracted, doc_id):
    """Gold codes no event in these articles (a timeline of past attacks with tallies): none may be extracted."""
    assert [(e.site, e.date) for e in extracted[doc_id].events] == []


@pytest.mark.parametrize("doc_id", [i for i in EN_IDS
                                    if not any(canonical(e["site"]) == canonical("Mayadin")
                                               for e in GOLD_BY_ID[i]["events"])])
def test_al_mayadeen_the_channel_is_not_mayadin_the_town(extracted, doc_id):
    assert [e.id for e in extracted[doc_id].events if canonical(e.site) == canonical("Mayadin")] == []


def test_evidence_slices_the_text(extracted):
    for doc_id, document in extracted.items():
        for event in document.events:
            assert event.evidence, (doc_id, event.id)
            for evidence in event.evidence:
                assert document.text[evidence.start:evidence.end] == evidence.text, (doc_id, event.id)


# --- the scorer's thresholds (issue 3: dev_en, meta mode) -----------------------------------------


@pytest.fixture(scope="module")
def scores():
    return score_corpus(load_gold(DEV_EN), run_system(DEV_EN, "meta", Settings()), "meta", pack_sites())


def test_dev_en_event_f1(scores):
    assert scores.events.f1 >= 0.85, scores.events.to_dict()


@pytest.mark.parametrize("field", ["date", "country", "admin1"])
def test_dev_en_field_accuracy(scores, field):
    accuracy = scores.fields[field]
    assert accuracy.matched and accuracy.accuracy >= 0.90, accuracy.to_dict()
