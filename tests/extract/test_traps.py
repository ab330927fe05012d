"""The traps of French attack reports, one invented sentence each.

People named like places, a channel named like a town, launch origins, time zones, background
and threats, claims and their negation, hedges and written-out counts. Publication date:
Monday 5 February 2024 unless a case says otherwise.
"""

from __future__ import annotations

import pytest

from sitrep.eval.sites import pack_sites
from sitrep.extract import Extractor
from sitrep.models import Document, Event
from sitrep.settings import Settings

PUBLISHED = "2024-02-05"  # a Monday
IRI = "Islamic Resistance in Iraq"


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(Settings())


@pytest.fixture
def events(extractor):
    def run(text: str, published: str = PUBLISHED) -> list[Event]:
        document = Document(doc_id="trap", text=text, published=published, published_basis="given", language="fr")
        return extractor.extract(document).events
    return run


def canonical(name: str | None) -> str | None:
    return pack_sites().canonical_key(name) if name else None


def sites(found: list[Event]) -> list[str | None]:
    return [canonical(event.site) for event in found]


def failing(text: str, reason: str):
    return pytest.param(text, marks=pytest.mark.xfail(strict=True, reason=reason))


@pytest.mark.parametrize(
    "text,site",
    [
        ("Le député Omar a déclaré lundi que les frappes américaines en Syrie étaient illégales.", "al-Omar"),
        ("Ilhan Omar a condamné lundi les frappes américaines en Syrie.", "al-Omar"),
        ("La représentante Ilhan Omar a dénoncé lundi l'attaque contre la base de Conoco.", "al-Omar"),
        ("Bashar al-Assad a rencontré lundi des responsables irakiens à Damas.", "Ain al-Asad"),
        ("Bashar al-Assad a rencontré lundi des responsables irakiens après l'attaque.", "Ain al-Asad"),
        ("Le président syrien Bachar al-Assad a condamné lundi les frappes américaines.", "Ain al-Asad"),
        ("Bashar al-Assad a dénoncé lundi le bombardement de Damas.", "Ain al-Asad"),
    ],
)
def test_person_named_like_a_place_is_not_the_place(events, text, site):
    assert canonical(site) not in sites(events(text))


@pytest.mark.parametrize(
    "text,site",
    [
        ("Selon Al Mayadeen, la base d'al-Omar a été visée lundi par des drones.", "al-Omar"),
        ("Selon Al-Mayadeen, des roquettes ont visé lundi la base d'al-Omar.", "al-Omar"),
        ("Des drones ont visé lundi la base de Conoco, a rapporté Al Mayadeen.", "Conoco"),
        ("Al Mayadeen a rapporté lundi que des drones avaient visé la base de Conoco.", "Conoco"),
    ],
)
def test_al_mayadeen_is_the_source_not_the_town(events, text, site):
    found = events(text)
    assert sites(found) == [canonical(site)]
    assert "Al Mayadeen" in found[0].reported_by


@pytest.mark.parametrize(
    "text,site",
    [
        ("Des roquettes ont été tirées lundi depuis la ville de Mayadin vers la base de Conoco.", "Conoco"),
        ("Des roquettes ont été tirées lundi vers la base de Conoco depuis la ville de Mayadin.", "Conoco"),
        ("Des roquettes tirées lundi depuis Mayadin se sont abattues sur la base d'al-Omar.", "al-Omar"),
        ("Lundi, des roquettes tirées depuis la ville de Mayadin ont visé la base de Conoco.", "Conoco"),
    ],
)
def test_launch_origin_is_not_the_target(events, text, site):
    assert sites(events(text)) == [canonical(site)]


@pytest.mark.parametrize(
    "text,site",
    [
        ("Quatre roquettes se sont abattues lundi à 18h30, heure locale de Bagdad, sur la base d'Aïn al-Assad.",
         "Ain al-Asad"),
        ("Lundi à 18h30, heure locale de Bagdad, quatre roquettes se sont abattues sur Aïn al-Assad.", "Ain al-Asad"),
        ("Lundi, des roquettes se sont abattues à 22 h, heure de Bagdad, sur la base d'al-Harir.", "al-Harir"),
    ],
)
def test_time_zone_city_is_not_a_place(events, text, site):
    found = events(text)
    assert sites(found) == [canonical(site)]
    assert "Baghdad" not in {event.admin1 for event in found}


@pytest.mark.parametrize(
    "text",
    [
        "Les bases américaines ont été attaquées à plusieurs reprises ces dernières semaines.",
        "Les bases américaines en Syrie ont été attaquées à plusieurs reprises ces dernières semaines.",
        "Ces derniers jours, la base d'al-Tanf a été visée à plusieurs reprises.",
        "Les forces américaines stationnées sur la base d'al-Tanf ont été attaquées plus de 60 fois depuis octobre.",
    ],
)
def test_background_mention_is_not_an_event(events, text):
    assert events(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "La Résistance islamique en Irak promet de frapper la base d'al-Tanf.",
        "La Résistance islamique en Irak a menacé lundi de frapper la base d'al-Tanf.",
        "Le groupe a averti lundi qu'il frapperait la base d'al-Tanf.",
        "La Résistance promet de nouvelles frappes contre la base d'al-Tanf.",
    ],
)
def test_threat_is_not_an_event(events, text):
    assert events(text) == []


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Des drones ont visé lundi la base d'al-Tanf. Aucun groupe n'a revendiqué l'attaque.", (None, "unknown")),
        ("Des drones ont visé lundi la base d'al-Tanf, une attaque qu'aucun groupe n'a revendiquée.",
         (None, "unknown")),
        ("Des roquettes ont visé lundi la base de Conoco. Aucun groupe n'a revendiqué cette attaque.",
         (None, "unknown")),
        ("La Résistance islamique en Irak a revendiqué lundi une attaque de drones contre la base d'al-Tanf.",
         (IRI, "claimed")),
        ("La Résistance islamique en Irak a revendiqué l'attaque de drones de lundi contre la base d'al-Tanf.",
         (IRI, "claimed")),
        ("La Résistance islamique en Irak a annoncé lundi avoir visé la base de Conoco avec trois drones.",
         (IRI, "claimed")),
        # Stated by the reporter, not by the group.
        ("La Résistance islamique en Irak a visé lundi la base d'al-Tanf avec deux drones.", (IRI, "attributed")),
    ],
)
def test_claims_and_their_negation(events, text, expected):
    found = events(text)
    assert len(found) == 1
    assert (found[0].actor, found[0].actor_basis) == expected


@pytest.mark.parametrize(
    "text,hedged",
    [
        ("Des explosions auraient été entendues lundi dans la base d'al-Omar.", True),
        ("Selon des sources locales, des explosions auraient été entendues lundi près de la base de Conoco.", True),
        ("La base de Conoco aurait été visée lundi par des roquettes.", True),
        ("Des drones auraient visé lundi la base d'al-Tanf, selon des sources locales.", True),
        ("Des roquettes ont visé lundi la base de Conoco.", False),
    ],
)
def test_conditional_mood_is_hedged(events, text, hedged):
    found = events(text)
    assert len(found) == 1
    assert found[0].hedged is hedged


@pytest.mark.parametrize(
    "text,count",
    [
        ("La base d'al-Omar a été visée lundi par trente roquettes.", 30),
        ("Trente roquettes ont visé lundi la base d'al-Omar.", 30),
        ("La Résistance islamique en Irak a visé lundi la base d'al-Tanf avec deux drones.", 2),
        ("Lundi, la base d'al-Tanf a été attaquée avec deux drones.", 2),
        ("Neuf roquettes ont été tirées lundi sur la base de Conoco.", 9),
        ("Lundi, la base d'al-Tanf a été visée par 3 drones.", 3),
        ("Un drone a visé lundi la base d'al-Tanf.", 1),
        ("Des roquettes ont visé lundi la base de Conoco.", None),
    ],
)
def test_munition_count_in_digits_or_words(events, text, count):
    found = events(text)
    assert len(found) == 1
    assert found[0].munition_count == count


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Des roquettes ont été tirées samedi soir sur la base de Conoco.", ("2024-02-03", "evening")),
        ("Tôt jeudi, un drone a visé la base d'al-Tanf.", ("2024-02-01", "early morning")),
        ("Des roquettes ont visé hier la base américaine d'al-Harir.", ("2024-02-04", None)),
        ("Des roquettes ont visé la base d'al-Omar il y a trois jours.", ("2024-02-02", None)),
        ("Des drones ont visé vendredi dernier la base d'al-Harir, au Kurdistan irakien.", ("2024-02-02", None)),
    ],
)
def test_event_date_and_time_of_day(events, text, expected):
    found = events(text)
    assert len(found) == 1
    assert (found[0].date, found[0].time_of_day) == expected


def test_la_veille_is_the_day_before_the_previous_report(events):
    found = events("Samedi, la Résistance islamique a visé la base d'al-Tanf. "
                   "La veille, deux drones avaient visé la base d'al-Harir.")
    assert [(canonical(e.site), e.date) for e in found] == [
        (canonical("al-Tanf"), "2024-02-03"), (canonical("al-Harir"), "2024-02-02")]


@pytest.mark.parametrize(
    "text,count",
    [
        ("La base d'Aïn al-Assad a été visée dimanche par deux attaques à la roquette.", 2),
        ("La base d'al-Tanf a subi samedi trois assauts de drones, selon une source locale.", 3),
        ("Quatre fortes explosions ont secoué dimanche la base d'Aïn al-Assad.", 1),  # explosions, not attacks
        ("Deux drones ont visé dimanche la base d'Aïn al-Assad.", 1),  # munitions, not attacks
        ("La base d'Aïn al-Assad a été la cible de 40 attaques depuis octobre.", 0),  # a tally
    ],
)
def test_counted_attacks_at_one_place_are_as_many_events(events, text, count):
    assert len(events(text)) == count


def test_the_earlier_act_a_sequence_word_introduces_keeps_its_own_date(events):
    found = events("Dimanche, un drone a visé la base d'Aïn al-Assad. "
                   "Cette attaque fait suite à un assaut visant vendredi la base d'al-Tanf.")
    assert sorted((canonical(event.site), event.date) for event in found) == sorted(
        [(canonical("Ain al-Asad air base"), "2024-02-04"), (canonical("al-Tanf garrison"), "2024-02-02")])
