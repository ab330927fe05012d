"""Publication-date inference: tables by evidence kind and language, then the shared corpus."""

from __future__ import annotations

import json
from datetime import date
from importlib.resources import files
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.resolve.published import infer_published, parse_crawler_header, url_date

REFERENCE = date(2025, 6, 30)
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
KNOWN_BASES = ("url", "dateline", "page_date", "inferred")


@pytest.mark.parametrize(
    "url,expected",
    [
        ("https://elmanshar.com/2024/02/03/%d9%81%d8%b5%d8%a7%d8%a6%d9%84/", "2024-02-03"),
        ("https://french.presstv.ir/Detail/2023/11/23/715118/Irak---nouvelle-attaque", "2023-11-23"),
        ("https://fr.sputniknews.africa/20231024/deux-bases-attaquees-1063041659.html", "2023-10-24"),
        ("https://www.staging.libe.io/international/syrie-attaque-de-drone-20240205_PXX5ZM3GPBDD5HAPP/", "2024-02-05"),
        ("https://www.rtl.be/actu/monde/les-forces-americaines-attaquees/2023-10-30/article/603479", "2023-10-30"),
        ("https://example.org/news?date=2024-01-16&id=3", "2024-01-16"),
        ("https://example.org/2023/02/30/not-a-day", None),
        ("https://menafn.com/1107531632/US-airstrikes-in-Iraq", None),
        ("https://www.islamtimes.org/en/news/1091951/us-base-in-syria", None),
        ("https://20231024.example.org/story", None),
    ],
)
def test_url_date(url, expected):
    found = url_date(url)
    assert (found.isoformat() if found else None) == expected


def test_unix_time_in_url_needs_the_page_month():
    url = "https://www.i24news.tv/fr/actu/international/1703567812-les-etats-unis-frappent"
    assert url_date(url) is None
    assert url_date(url, page_month=(2023, 12)) == date(2023, 12, 26)
    assert url_date(url, page_month=(2024, 1)) is None


@pytest.mark.parametrize(
    "text,expected",
    [
        (" date 2023-10 https://fr.sputniknews.africa/20231024/x.html\n\nDeux bases", (2023, 10, None, True)),
        (" date 2024-01-03 Islamic Resistance of Iraq Targets US al-Tanf Base", (2024, 1, 3, False)),
        ("date 2024-13 Deux bases", None),
        ("Deux bases attaquées, date 2024-01 selon", None),
    ],
)
def test_parse_crawler_header(text, expected):
    header = parse_crawler_header(text)
    if expected is None:
        assert header is None
    else:
        assert (header.year, header.month, header.day, header.url is not None) == expected
        assert text[header.end :].lstrip().startswith(("Deux", "Islamic"))


@pytest.mark.parametrize(
    "text,expected",
    [
        # crawler header with a full day
        (" date 2024-01-03 Islamic Resistance of Iraq Targets US al-Tanf Base", ("2024-01-03", "page_date")),
        # a month only: it fixes year and month of a weekday + day mention ...
        (" date 2024-08 Des roquettes ont été lancées, le lundi 5 août, contre la base", ("2024-08-05", "page_date")),
        # ... even when another year would be nearer the reference date
        (" date 2019-08 Des roquettes ont été lancées, le lundi 5 août, contre la base", ("2019-08-05", "page_date")),
        # ... and a day outside that month is not the publication day
        (" date 2024-09 Des roquettes ont été lancées, le lundi 5 août, contre la base", (None, "unknown")),
        (" date 2023-12 Les Etats-Unis ont annoncé avoir frappé lundi trois sites", (None, "unknown")),
        # the header URL stands in for a missing URL
        (" date 2023-10 https://fr.sputniknews.africa/20231024/deux-bases.html\nDeux bases", ("2023-10-24", "url")),
    ],
)
def test_crawler_header(text, expected):
    assert infer_published(text, None, reference_date=REFERENCE) == expected


@pytest.mark.parametrize(
    "language,text,expected",
    [
        ("fr", "La base a été ciblée ce lundi 30 octobre à l'aube par 15 missiles.", ("2023-10-30", "inferred")),
        ("fr", "La Résistance a affirmé ce mercredi 1er novembre avoir visé la base.", ("2023-11-01", "inferred")),
        ("fr", "La base a été attaquée ce matin, lundi 8 janvier.", ("2024-01-08", "inferred")),
        ("fr", "Escalade\n\npublié le 5 février 2024 à 12h56\n", ("2024-02-05", "dateline")),
        ("fr", "Deux bases attaquées. Le... 24.10.2023, Sputnik Afrique", ("2023-10-24", "dateline")),
        ("fr", "Mis en ligne mardi 6 févr. 2024\nLa base a été attaquée.", ("2024-02-06", "dateline")),
        ("fr", "Le lundi 31 octobre 2023, la base a été attaquée.", (None, "unknown")),  # weekday disagrees
        ("en", "Missile barrage on US base\n\nJanuary 20, 2024, 8:20 PM\n\nMissiles hit.", ("2024-01-20", "dateline")),
        ("en", "Prominent Commander Martyred\n\nThursday 8 February 2024 - 09:53\n", ("2024-02-08", "dateline")),
        ("en", "By AP\nPublished: Oct. 19, 2023 at 12:28 PM CDT|Updated: 2 hours ago", ("2023-10-19", "dateline")),
        ("en", "Aldgra Fredly\n10/21/2023\nUpdated:\n10/22/2023\n0:00", ("2023-10-21", "dateline")),
        ("en", "The Pentagon said on Monday, October 30, that drones hit the base.", ("2023-10-30", "inferred")),
        ("en", "Drones hit the base.\nAuthored by Tyler Durden January 28th 2024", ("2024-01-28", "dateline")),
        ("ar", "المقاومة الإسلامية في العراق\n\nالجمعة 17 نوفمبر 2023 03:00 م\n", ("2023-11-17", "dateline")),
        ("ar", "أعلنت المقاومة في بيان السبت ٣ شباط ٢٠٢٤ أنها استهدفت قاعدة", ("2024-02-03", "dateline")),
        ("ar", "انفجارات سمعت، عصر اليوم الخميس 26 تشرين الأول/ أكتوبر، جنوب الحسكة", ("2023-10-26", "inferred")),
        ("ar", "قصفت طائرة مسيرة يوم الأربعاء 7 شباط سيارة في بغداد", ("2024-02-07", "inferred")),
        ("ar", "نشر في 2024/2/8\nقصفت طائرة مسيرة سيارة في بغداد", ("2024-02-08", "dateline")),
    ],
)
def test_date_in_text(language, text, expected):
    assert infer_published(text, None, reference_date=REFERENCE, language=language) == expected


@pytest.mark.parametrize(
    "language,text",
    [
        ("fr", "Deux bases militaires ont été prises pour cible tôt jeudi, ont indiqué des sources."),
        ("fr", "Des roquettes ont visé la base le 24 octobre."),  # day and month, no weekday, no year
        ("en", "Attacks since Oct. 17 were counted, she said at a Nov. 14 press conference."),
        ("en", "Pentagon confirms 55 attacks\nA vehicle in Hajin, on Dec. 15, 2018. Delil Souleiman/AFP/Getty Images"),
        ("ar", "قال الرئيس الأمريكي جو بايدن اليوم الأحد إن ثلاثة عسكريين قتلوا"),
        ("en", "12345 ... !!"),
        ("en", ""),
    ],
)
def test_unknown_stays_unknown(language, text):
    assert infer_published(text, None, reference_date=REFERENCE, language=language) == (None, "unknown")


def test_latest_reported_day_wins():
    text = "Samedi 6 janvier, une frappe a visé un camion.\nLe lundi 8 janvier, la base a été attaquée."
    assert infer_published(text, None, reference_date=REFERENCE) == ("2024-01-08", "inferred")


def test_this_day_beats_a_later_day():
    text = "La base a été attaquée ce lundi 8 janvier.\nUne réunion est prévue le mercredi 10 janvier."
    assert infer_published(text, None, reference_date=REFERENCE) == ("2024-01-08", "inferred")


def test_this_weekday_moves_the_reported_day_forward():
    text = "Le Pentagone a déclaré ce dimanche qu'il enquête.\nDes roquettes ont visé, samedi 20 janvier, la base."
    assert infer_published(text, None, reference_date=REFERENCE) == ("2024-01-21", "inferred")


def test_weekday_year_is_the_latest_on_or_before_reference():
    text = "La base a été attaquée lundi 8 janvier."
    assert infer_published(text, None, reference_date=date(2019, 1, 1)) == ("2018-01-08", "inferred")


def test_weekday_year_follows_full_dates_in_the_text():
    text = (
        "Selon des sources locales citées par plusieurs médias de la région, la base a déjà été attaquée"
        " le 29 octobre 2023 par des drones.\nElle a de nouveau été visée ce lundi 30 octobre."
    )
    # 2028-10-30 is also a Monday, and nearer the reference date
    assert infer_published(text, None, reference_date=date(2030, 1, 1)) == ("2023-10-30", "inferred")


@pytest.mark.parametrize(
    "text,url",
    [
        ("publié le 5 février 2024 à 12h56", None),
        ("La base a été attaquée.", "https://walf-groupe.com/blog/2024/02/05/base"),
    ],
)
def test_nothing_after_the_reference_date(text, url):
    assert infer_published(text, url, reference_date=date(2024, 1, 1)) == (None, "unknown")


def test_month_files_are_valid():
    words: dict[str, tuple[str, int]] = {}
    for data_file in sorted(files("sitrep").joinpath("lang").glob("*/months.yaml")):
        data = yaml.safe_load(data_file.read_text(encoding="utf-8"))
        assert set(data) == {"months", "weekdays", "this_day", "published_labels", "updated_labels"}, data_file
        assert sorted(data["months"]) == list(range(1, 13)), data_file
        assert sorted(data["weekdays"]) == list(range(7)), data_file
        for section in ("months", "weekdays"):
            for number, names in data[section].items():
                for name in names:
                    key = name.lower()
                    assert words.setdefault(f"{section}:{key}", (data_file.parent.name, number))[1] == number, name


def corpus_cases() -> list[tuple[str, dict, str]]:
    """(corpus name, gold record, document text) for every document of the shared corpus."""
    cases = []
    for gold_file in sorted(CORPUS.glob("*/gold.jsonl")):
        for line in gold_file.read_text(encoding="utf-8").splitlines():
            if line.strip():
                gold = json.loads(line)
                text = (gold_file.parent / "docs" / f"{gold['doc_id']}.txt").read_text(encoding="utf-8")
                cases.append((gold_file.parent.name, gold, text))
    return cases


CORPUS_CASES = corpus_cases() if CORPUS.is_dir() else []
needs_corpus = pytest.mark.skipif(not CORPUS_CASES, reason="shared corpus not found beside the repository")


@needs_corpus
@pytest.mark.parametrize("corpus,gold,text", CORPUS_CASES, ids=[f"{c}/{g['doc_id']}" for c, g, _ in CORPUS_CASES])
def test_corpus_publication_date(corpus, gold, text):
    """Given the URL where gold dates come from it: the gold date; else unknown or a hedged date."""
    url = gold.get("url") if gold["published_basis"] == "url" else None
    published, basis = infer_published(text, url, reference_date=REFERENCE, language=gold["language"])
    if gold["published_basis"] in KNOWN_BASES:
        assert published == gold["published"]
    else:
        assert published is None or basis in ("inferred", "page_date")


@needs_corpus
@pytest.mark.parametrize("corpus,gold,text", CORPUS_CASES, ids=[f"{c}/{g['doc_id']}" for c, g, _ in CORPUS_CASES])
def test_corpus_text_only_is_never_wrong(corpus, gold, text):
    """Without any URL, a date found in the text is the gold date (or the text says nothing)."""
    published, _ = infer_published(text, None, reference_date=REFERENCE, language=gold["language"])
    if gold["published_basis"] in KNOWN_BASES:
        assert published in (None, gold["published"])


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from(list("lundi 8 janvier 2024 ce/.-,\nſAOÛT٣شباط الخميس0123456789 May"))),
    url=st.none() | st.text(max_size=60),
)
def test_any_text_gives_a_date_not_after_reference_or_unknown(text, url):
    published, basis = infer_published(text, url, reference_date=REFERENCE)
    if published is None:
        assert basis == "unknown"
    else:
        assert date.fromisoformat(published) <= REFERENCE
        assert basis in KNOWN_BASES
