"""The plain baseline: longest alias per sentence, first date or publication date, merged."""

from __future__ import annotations

import pytest

from sitrep.eval.baseline import AliasTable, baseline_document, first_date
from sitrep.eval.sites import pack_sites

ALIASES = AliasTable.from_sites(pack_sites())


@pytest.mark.parametrize(
    "sentence,site",
    [
        ("Un drone a visé le champ pétrolier d'al-Omar", "al-Omar oil field base"),
        ("Attack on AIN AL-ASAD air base", "Ain al-Asad air base"),
        ("Rockets hit the Erbil International Airport", "Erbil airport base"),  # longer than "Erbil"
        ("هجوم على قاعدة التنف", "al-Tanf garrison"),
        ("Nothing happened here", None),
    ],
)
def test_longest_alias_wins(sentence: str, site: str | None) -> None:
    found = ALIASES.site_in(sentence)
    assert (found.name if found else None) == site


@pytest.mark.parametrize(
    "language,sentence,published,expected",
    [
        ("fr", "L'attaque a eu lieu hier", "2024-02-05", "2024-02-04"),
        ("en", "The base was attacked on 3 February 2024", "2024-02-05", "2024-02-03"),
        ("fr", "Aucune date ici", "2024-02-05", None),
    ],
)
def test_first_date_is_relative_to_publication(language: str, sentence: str, published: str,
                                               expected: str | None) -> None:
    assert first_date(sentence, language, published) == expected


def test_baseline_merges_same_site_and_date() -> None:
    text = "Une attaque contre Conoco.\nLa base de Conoco a été touchée!\nPuis al-Tanf hier."
    document = baseline_document("d1", text, "2024-02-05", "fr", ALIASES)
    assert [(event.site, event.date) for event in document.events] == [
        ("Conoco gas field base", "2024-02-05"),
        ("al-Tanf garrison", "2024-02-04"),
    ]
    conoco = document.events[0]
    assert (conoco.country, conoco.admin1, conoco.lat, conoco.lon) == ("SY", "Deir ez-Zor", 35.3361, 40.3094)
    assert conoco.event_kind == "other_attack" and conoco.actor is None
