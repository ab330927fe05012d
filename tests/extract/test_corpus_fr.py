"""Golden corpus tests on real French articles (../shared/corpus/seeds and dev_fr).

What must and must not be extracted from each article, then the scorer's thresholds
(STYLE.md habit 9). Articles are read at run time; nothing of their text is copied here.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import asdict
from pathlib import Path

import pytest

from sitrep.eval.corpus import load_gold
from sitrep.eval.harness import run_system
from sitrep.eval.scorer import score_corpus, time_agrees
from sitrep.eval.sites import pack_sites
from sitrep.extract import Extractor
from sitrep.models import Document
from sitrep.packs import load_pack
from sitrep.settings import Settings

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
SEEDS = CORPUS / "seeds"
DEV_FR = CORPUS / "dev_fr"
IRI = "Islamic Resistance in Iraq"
INSTALLATIONS = {"base", "airport", "border_crossing"}


def gold_documents(corpus: Path) -> list[dict]:
    with (corpus / "gold.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def seed(prefix: str) -> str:
    """The doc_id of the seed whose file name starts with `prefix` ("003")."""
    return next(d["doc_id"] for d in gold_documents(SEEDS) if d["doc_id"].startswith(prefix))


def site_kind(name: str | None) -> str | None:
    """The gazetteer kind of a site name ("region", "base"...), None when not listed."""
    site = pack_sites().lookup(name)
    if site is None:
        return None
    return next((s.kind for s in load_pack(Settings().pack).sites.values() if s.name == site.name), None)


def canonical(name: str | None) -> str | None:
    return pack_sites().canonical_key(name) if name else None


SEED_GOLD = gold_documents(SEEDS)
SEED_IDS = [d["doc_id"] for d in SEED_GOLD]
SEED_EVENTS = [
    pytest.param(d["doc_id"], event, id=f"{d['doc_id'][:3]}-{event['id']}")
    for d in SEED_GOLD for event in d["events"]
]


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(Settings())


@pytest.fixture(scope="module")
def extracted(extractor) -> dict[str, Document]:
    """Every seeds and dev_fr document, extracted with the gold url and publication date (meta mode)."""
    documents = {}
    for corpus in (SEEDS, DEV_FR):
        for gold in gold_documents(corpus):
            text = (corpus / "docs" / f"{gold['doc_id']}.txt").read_text(encoding="utf-8")
            document = Document(doc_id=gold["doc_id"], text=text, url=gold.get("url"), published=gold.get("published"),
                                published_basis="given" if gold.get("published") else "unknown", language="fr")
            documents[gold["doc_id"]] = extractor.extract(document)
    return documents


# --- what must be found ---------------------------------------------------------------------------


@pytest.mark.parametrize("doc_id,gold_event", SEED_EVENTS)
def test_every_seed_event_is_found_at_its_site_and_date(extracted, doc_id, gold_event):
    if site_kind(gold_event["site"]) == "region":  # a region is output as its province, with no site
        candidates = [e for e in extracted[doc_id].events if e.site is None and e.admin1 == gold_event["admin1"]]
    else:
        candidates = [e for e in extracted[doc_id].events if canonical(e.site) == canonical(gold_event["site"])]
    assert candidates, f"no event at {gold_event['site']}"
    assert any(time_agrees(gold_event, asdict(e)) for e in candidates), [
        (e.date, e.date_earliest, e.date_latest) for e in candidates]


@pytest.mark.parametrize(
    "prefix,counts",
    [("000", {106}), ("003", {20, 6, 14})],
)
def test_pentagon_tallies_are_statistics(extracted, prefix, counts):
    statistics = extracted[seed(prefix)].statistics
    assert {s.count for s in statistics} == counts
    assert {s.claimant for s in statistics} == {"Pentagon"}


@pytest.mark.parametrize("prefix", ["000", "003"])
def test_pentagon_tallies_are_not_events(extracted, prefix):
    document = extracted[seed(prefix)]
    tallies = [(ev.start, ev.end) for s in document.statistics for ev in s.evidence]
    assert tallies
    for event in document.events:
        for evidence in event.evidence:
            assert not any(evidence.start < end and start < evidence.end for start, end in tallies), event.id


# --- what must not be found -----------------------------------------------------------------------


@pytest.mark.parametrize("doc_id", SEED_IDS, ids=lambda doc_id: doc_id[:3])
def test_installation_events_per_site_match_gold(extracted, doc_id):
    """One event per attacked installation and report: a person named Omar or al-Assad adds none."""
    gold = next(d for d in SEED_GOLD if d["doc_id"] == doc_id)
    expected = Counter(canonical(e["site"]) for e in gold["events"] if site_kind(e["site"]) in INSTALLATIONS)
    found = Counter(canonical(e.site) for e in extracted[doc_id].events if site_kind(e.site) in INSTALLATIONS)
    assert found == expected


@pytest.mark.parametrize("doc_id,site", [("fr_sputnik_20231024_tanf", "Ain al-Asad air base"),
                                         ("fr_presstv_20231123_erbil", "al-Harir air base"),
                                         (seed("002"), "Ain al-Asad air base")])
def test_counted_attacks_at_one_place_are_as_many_events(extracted, doc_id, site):
    """"deux attaques à la roquette" are two events, "quatre fortes explosions" not four."""
    gold = next(d for d in [*SEED_GOLD, *gold_documents(DEV_FR)] if d["doc_id"] == doc_id)
    expected = sum(canonical(e["site"]) == canonical(site) for e in gold["events"])
    assert sum(canonical(e.site) == canonical(site) for e in extracted[doc_id].events) == expected


def test_ilhan_omar_is_not_the_al_omar_base(extracted):
    doc_id = seed("002")
    assert "Ilhan Omar" in extracted[doc_id].text  # the trap is still in the article
    gold = next(d for d in SEED_GOLD if d["doc_id"] == doc_id)
    omar = canonical("al-Omar")
    assert sum(canonical(e.site) == omar for e in extracted[doc_id].events) == sum(
        canonical(e["site"]) == omar for e in gold["events"])


@pytest.mark.parametrize("doc_id", SEED_IDS, ids=lambda doc_id: doc_id[:3])
def test_al_mayadeen_the_channel_is_not_mayadin_the_town(extracted, doc_id):
    mayadin = canonical("Mayadin")
    assert [e.id for e in extracted[doc_id].events if canonical(e.site) == mayadin] == []


@pytest.mark.parametrize("doc_id", SEED_IDS, ids=lambda doc_id: doc_id[:3])
def test_ain_al_asad_stays_in_anbar(extracted, doc_id):
    """Seed 004 places Ain al-Asad "dans le nord de l'Irak": the gazetteer's province wins."""
    asad = canonical("Ain al-Asad")
    for event in extracted[doc_id].events:
        if canonical(event.site) == asad:
            assert (event.country, event.admin1) == ("IQ", "Anbar")


def test_ain_al_asad_in_the_north_trap_is_present(extracted):
    text = extracted[seed("004")].text
    assert re.search(r"Ain al-Asad dans le nord de l.Irak", text)
    assert any(canonical(e.site) == canonical("Ain al-Asad") for e in extracted[seed("004")].events)


# --- what every event carries ---------------------------------------------------------------------


def test_every_event_has_evidence_that_slices_the_text(extracted):
    for doc_id, document in extracted.items():
        for event in document.events:
            assert event.evidence, (doc_id, event.id)
            for evidence in event.evidence:
                assert evidence.text and document.text[evidence.start:evidence.end] == evidence.text, (doc_id, event.id)


@pytest.mark.parametrize("doc_id", SEED_IDS, ids=lambda doc_id: doc_id[:3])
def test_claimed_events_are_claimed_by_the_islamic_resistance(extracted, doc_id):
    claimed = [e for e in extracted[doc_id].events if e.actor_basis == "claimed"]
    assert [e.actor for e in claimed] == [IRI] * len(claimed)


def test_gold_claims_are_found_as_claims(extracted):
    for gold in SEED_GOLD:
        for gold_event in gold["events"]:
            if gold_event["actor_basis"] != "claimed":
                continue
            candidates = [e for e in extracted[gold["doc_id"]].events
                          if canonical(e.site) == canonical(gold_event["site"]) and time_agrees(gold_event, asdict(e))]
            assert any(e.actor_basis == "claimed" for e in candidates), (gold["doc_id"], gold_event["id"])


@pytest.mark.xfail(strict=True, reason="the hedged sentence ('auraient été entendues') is merged with the sentence "
                   "that confirms the attack ('bel et bien attaquée'); Draft.hedged is all(), so the event is not hedged")
def test_conditional_report_is_hedged(extracted):
    document = extracted[seed("003")]
    hedged_at = document.text.index("auraient été entendues")
    carrying = [e for e in document.events if any(ev.start <= hedged_at < ev.end for ev in e.evidence)]
    assert carrying
    assert any(e.hedged for e in carrying)


# --- the scorer's thresholds ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_scores():
    return score_corpus(load_gold(SEEDS), run_system(SEEDS, "text", Settings()), "text", pack_sites())


def test_seed_event_f1(seed_scores):
    assert seed_scores.events.f1 >= 0.90, seed_scores.events.to_dict()


@pytest.mark.parametrize(
    "field,threshold",
    [("date", 0.90), ("country", 0.95), ("admin1", 0.95), ("event_kind", 0.85), ("weapons", 0.85),
     ("munition_count", 0.85), ("actor", 0.85), ("actor_basis", 0.85)],
)
def test_seed_field_accuracy(seed_scores, field, threshold):
    accuracy = seed_scores.fields[field]
    assert accuracy.matched and accuracy.accuracy >= threshold, accuracy.to_dict()


def test_dev_fr_event_f1():
    scores = score_corpus(load_gold(DEV_FR), run_system(DEV_FR, "meta", Settings()), "meta", pack_sites())
    assert scores.events.f1 >= 0.80, scores.events.to_dict()
