"""Language identification: documents (fr/en/ar, recognised de/es, none) and passages by script."""

from __future__ import annotations

import pytest

from sitrep.ingest import detect_language, passage_languages
from sitrep.ingest.language import SAMPLE_CHARS, language_detector


@pytest.mark.parametrize(
    "expected,text",
    [
        ("fr", "Les drones de la Résistance islamique en Irak ont une nouvelle fois ciblé une base américaine."),
        ("fr", "La base d'al-Omar a été attaquée ce matin, lundi 8 janvier, par 30 roquettes."),
        ("en", "Two armed drones targeted Iraq's Ain al-Asad airbase, a security source told Reuters on Tuesday."),
        ("en", "Three U.S. service members were injured in a one-way drone attack in northern Iraq."),
        ("ar", "أعلنت المقاومة الإسلامية في العراق أنها استهدفت قاعدة الحرير الجوية التي تستضيف قوات أميركية."),
        ("ar", "هاجمت 3 طائرات انتحارية مسيرة قاعدة التنف التي تتبع للجيش الأمريكي شرقي سوريا."),
        ("de", "Drei US-Soldaten wurden bei einem Drohnenangriff in Jordanien getötet, viele weitere verletzt."),
        ("es", "Tres soldados estadounidenses murieron en un ataque con drones en la frontera entre Siria y Jordania."),
    ],
)
def test_document_language(expected, text):
    assert detect_language(text) == expected


@pytest.mark.parametrize("text", ["", "   \n", "12345 ... !! 2024-02-05", "٢٠٢٤/٠٢/٠٥ — 21:35", "a1"])
def test_no_language_without_words(text):
    assert detect_language(text) is None


def test_detection_reads_only_the_start():
    french = "La base américaine a été attaquée par des drones. " * (SAMPLE_CHARS // 40)
    english = "The US base was attacked by drones on Tuesday night. " * 200
    assert detect_language(french + english) == "fr"


def test_detector_is_built_once():
    assert language_detector() is language_detector()


def test_arabic_tweet_inside_french_text():
    french = "Les médias arabes ont rapporté lundi 5 février à l'aube qu'une frappe par drone avait visé la base.\n"
    tweet = "مشاهد من استهداف المقاومة الإسلامية في العراق لقاعدة أميركية في حقل العمر النفطي #الميادين #العراق\n"
    after = "Les combattants de la Résistance islamique irakienne ont pris pour cible la base militaire américaine."
    text = french + tweet + after
    passages = passage_languages(text)
    assert [code for _, _, code in passages] == ["fr", "ar", "fr"]
    (_, french_end, _), (arabic_start, arabic_end, _), _ = passages
    assert text[arabic_start:arabic_end] == tweet.strip()
    assert french_end == arabic_start


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Des roquettes ont visé la base d'Aïn al-Assad dans la province d'al-Anbar.", ["fr"]),
        ("قصفت طائرة مسيرة مجهولة قاعدة عسكرية أمريكية في الأردن.", ["ar"]),
        ("", []),
    ],
    ids=["french_only", "arabic_only", "empty"],
)
def test_single_language_passages(text, expected):
    assert [code for _, _, code in passage_languages(text)] == expected
