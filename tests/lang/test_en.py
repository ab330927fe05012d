"""English language data, one behaviour per table: time words, numbers, attack triggers, claims and traps.

The sentences are invented and short, in the style of English wire copy. Publication date:
Monday 5 February 2024 unless a case says otherwise, so "Saturday" is the 3rd and "yesterday"
the 4th. Cases marked xfail(strict) show what the engine should do and does not yet; each reason
names where it goes wrong.
"""

from __future__ import annotations

from datetime import date

import pytest

import sitrep.resolve.time as time_module
from sitrep.eval.sites import pack_sites
from sitrep.extract import Extractor
from sitrep.models import Document, Event
from sitrep.resolve.numbers import parse_number
from sitrep.resolve.time import TimeExpression, time_tagger
from sitrep.settings import Settings

MONDAY = date(2024, 2, 5)
PUBLISHED = MONDAY.isoformat()
IRI = "Islamic Resistance in Iraq"


def engine_gap(*values, reason: str):
    return pytest.param(*values, marks=pytest.mark.xfail(strict=True, reason=reason))


# --- time words -----------------------------------------------------------------------------------


def expressions(text: str, published: date | None = MONDAY) -> list[TimeExpression]:
    return time_tagger("en").find(text, published)


def dated(text: str, published: date | None = MONDAY) -> list[tuple[str, date | None, date | None]]:
    """(surface text, earliest, latest) of every expression that is not a bare part of the day."""
    return [(text[e.start:e.end], e.earliest, e.latest) for e in expressions(text, published) if e.kind != "part"]


def only(text: str, published: date | None = MONDAY) -> TimeExpression:
    """The single expression of a sentence."""
    found = expressions(text, published)
    assert len(found) == 1, found
    return found[0]


SUNDAY, SATURDAY, FRIDAY = date(2024, 2, 4), date(2024, 2, 3), date(2024, 2, 2)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Rockets hit the base yesterday.", ("yesterday", SUNDAY, SUNDAY)),
        ("The base was attacked today.", ("today", MONDAY, MONDAY)),
        ("Drones targeted the base tonight.", ("tonight", MONDAY, MONDAY)),
        ("The base was attacked overnight.", ("overnight", MONDAY, MONDAY)),
        ("Explosions were heard at the base last night.", ("last night", SUNDAY, SUNDAY)),
        ("The base was hit this morning.", ("this morning", MONDAY, MONDAY)),
        ("The base was attacked the day before yesterday.", ("the day before yesterday", SATURDAY, SATURDAY)),
    ],
)
def test_day_words_count_back_from_publication(text, expected):
    assert dated(text) == [expected]


@pytest.mark.parametrize(
    "text,published,expected",
    [
        # The publication day itself is the most recent Monday on or before publication.
        ("The base was attacked on Monday.", MONDAY, ("Monday", MONDAY)),
        ("The base was attacked on Sunday.", MONDAY, ("Sunday", SUNDAY)),
        ("The base was hit Tuesday.", MONDAY, ("Tuesday", date(2024, 1, 30))),
        ("Drones hit the base last Friday.", MONDAY, ("last Friday", FRIDAY)),
        # "last" on the publication's own weekday means a week ago.
        ("Drones hit the base last Monday.", MONDAY, ("last Monday", date(2024, 1, 29))),
        ("Drones hit the base last Friday.", FRIDAY, ("last Friday", date(2024, 1, 26))),
        ("THE BASE WAS HIT ON SATURDAY.", MONDAY, ("SATURDAY", SATURDAY)),
    ],
)
def test_relative_weekday_before_publication(text, published, expected):
    surface, day = expected
    assert dated(text, published) == [(surface, day, day)]


@pytest.mark.parametrize(
    "text,expected",
    [
        # Vague quantities give an interval from 2 to 7 days back.
        ("The base was attacked a few days ago.", ("a few days ago", date(2024, 1, 29), SATURDAY)),
        ("The base was attacked several days ago.", ("several days ago", date(2024, 1, 29), SATURDAY)),
        ("The base was attacked earlier this week.", ("earlier this week", date(2024, 1, 30), SUNDAY)),
        ("The base was attacked last week.", ("last week", date(2024, 1, 23), date(2024, 1, 29))),
        ("The base was attacked two days ago.", ("two days ago", SATURDAY, SATURDAY)),
        ("The base was attacked 3 days ago.", ("3 days ago", FRIDAY, FRIDAY)),
        ("The base was attacked three weeks ago.", ("three weeks ago", date(2024, 1, 12), date(2024, 1, 18))),
    ],
)
def test_days_ago_in_digits_words_and_vague_intervals(text, expected):
    assert dated(text) == [expected]


@pytest.mark.parametrize(
    "text,published,expected",
    [
        ("The base was attacked on Oct. 30.", MONDAY, ("Oct. 30", date(2023, 10, 30))),
        ("The base was attacked on Dec. 8.", MONDAY, ("Dec. 8", date(2023, 12, 8))),
        ("The base was attacked Jan. 28.", MONDAY, ("Jan. 28", date(2024, 1, 28))),
        ("The base was attacked on December 8th.", MONDAY, ("December 8th", date(2023, 12, 8))),
        ("The base was attacked on 8 December.", MONDAY, ("8 December", date(2023, 12, 8))),
        ("A rocket attack hit the embassy on Friday, Dec. 8.", date(2023, 12, 9),
         ("Friday, Dec. 8", date(2023, 12, 8))),
        # One day after publication is tolerated (time zones, late updates); two days is last year.
        ("The base was attacked on Feb. 6.", MONDAY, ("Feb. 6", date(2024, 2, 6))),
        ("The base was attacked on Feb. 7.", MONDAY, ("Feb. 7", date(2023, 2, 7))),
    ],
)
def test_month_first_date_without_year_on_or_before_publication(text, published, expected):
    surface, day = expected
    assert dated(text, published) == [(surface, day, day)]


@pytest.mark.parametrize(
    "text,published,expected",
    [
        ("The base was attacked on October 30, 2023.", MONDAY, ("October 30, 2023", date(2023, 10, 30))),
        ("The base was attacked on October 30, 2023.", None, ("October 30, 2023", date(2023, 10, 30))),
        ("The base was attacked on 30 October 2023.", None, ("30 October 2023", date(2023, 10, 30))),
        ("The base was attacked on Oct. 30, 2023.", None, ("Oct. 30, 2023", date(2023, 10, 30))),
    ],
)
def test_full_dates_with_year(text, published, expected):
    surface, day = expected
    assert dated(text, published) == [(surface, day, day)]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Bases were attacked between 17 and 27 October.",
         ("between 17 and 27 October", date(2023, 10, 17), date(2023, 10, 27))),
        engine_gap("Bases were attacked between Oct. 17 and Oct. 27.",
                   ("between Oct. 17 and Oct. 27", date(2023, 10, 17), date(2023, 10, 27)),
                   reason="resolve/time.py's 'range' pattern is day-first ('17 and 27 October'); the English "
                          "month-first form gives two separate one-day dates"),
    ],
)
def test_day_ranges(text, expected):
    assert dated(text) == [expected]


@pytest.mark.parametrize(
    "text,published,expected",
    [
        ("There have been 160 attacks since Oct. 17.", MONDAY, (date(2023, 10, 17), MONDAY)),
        ("There have been 160 attacks since October 17, 2023.", None, (date(2023, 10, 17), None)),
        ("There have been 160 attacks since Oct. 17.", None, (None, None)),
    ],
)
def test_since_opens_a_period_up_to_publication(text, published, expected):
    expression = only(text, published)
    assert expression.kind == "since"
    assert not expression.specific
    assert (expression.earliest, expression.latest) == expected


@pytest.mark.parametrize(
    "text,focus_text,offset,expected",
    [
        ("Officials spoke on Sunday. The day before, the base was attacked.", "Sunday", -1, SATURDAY),
        ("The base was hit on Saturday. The next day, a drone was shot down.", "Saturday", 1, SUNDAY),
        ("The base was hit on Saturday. The same day, a drone was shot down.", "Saturday", 0, SATURDAY),
    ],
)
def test_focus_words_resolve_against_the_previous_time(text, focus_text, offset, expected):
    focus, relative = expressions(text)
    assert text[focus.start:focus.end] == focus_text
    assert (relative.kind, relative.focus_offset, relative.earliest) == ("focus", offset, None)
    resolved = relative.shifted(focus)
    assert (resolved.kind, resolved.earliest, resolved.latest) == ("anaphoric", expected, expected)


@pytest.mark.parametrize(
    "text,kind",
    [
        ("Rockets hit the base yesterday.", "days_ago"),
        ("The base was attacked today.", "days_ago"),
        ("Explosions were heard at the base last night.", "days_ago"),
        ("The base was attacked on Monday.", "weekday"),
        ("Drones hit the base last Friday.", "weekday"),
        ("Drones targeted the base early Friday.", "weekday"),
        ("The base was attacked a few days ago.", "ago"),
        ("The base was attacked on Oct. 30.", "date"),
        ("The day before, drones hit the base.", "focus"),
    ],
)
def test_unknown_publication_leaves_relative_expressions_unresolved(text, kind):
    expression = only(text, None)
    assert (expression.kind, expression.earliest, expression.latest) == (kind, None, None)


def test_unknown_publication_weekday_and_date_pick_the_year_they_agree_in(monkeypatch):
    class FrozenDate(date):
        @classmethod
        def today(cls):
            return cls(2025, 6, 30)

    monkeypatch.setattr(time_module, "date", FrozenDate)
    # 8 December was a Friday in 2023 (not in 2024).
    assert dated("A rocket attack hit the embassy on Friday, Dec. 8.", None) == [
        ("Friday, Dec. 8", date(2023, 12, 8), date(2023, 12, 8))]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Drones targeted the base early Friday.", ("early Friday", FRIDAY, "early morning")),
        ("The base was attacked early on Friday.", ("early on Friday", FRIDAY, "early morning")),
        ("The base was attacked in the early hours of Friday.", ("early hours of Friday", FRIDAY, "early morning")),
        ("Rockets hit the base Monday night.", ("Monday night", MONDAY, "night")),
        ("Drones hit the base Saturday evening.", ("Saturday evening", SATURDAY, "evening")),
        ("Drones hit the base on Sunday morning.", ("Sunday morning", SUNDAY, "morning")),
        ("The base was attacked at dawn on Sunday.", ("at dawn on Sunday", SUNDAY, "dawn")),
        ("The base was hit late Sunday.", ("late Sunday", SUNDAY, "evening")),
        ("Explosions were heard at the base last night.", ("last night", SUNDAY, "night")),
        ("The base was hit this morning.", ("this morning", MONDAY, "morning")),
        ("Rockets hit the base on Monday at 6:30 p.m.", ("Monday at 6:30 p.m.", MONDAY, "18:30")),
        ("Drones targeted the base tonight.", ("tonight", MONDAY, "night")),
        ("The base was attacked overnight.", ("overnight", MONDAY, "night")),
    ],
)
def test_time_of_day_attached(text, expected):
    days = [e for e in expressions(text) if e.kind != "part"]
    assert [(text[e.start:e.end], e.earliest, e.time_of_day) for e in days] == [expected]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Rockets hit the base at 6:30 p.m.", "18:30"),
        ("Rockets hit the base at 6:30 pm.", "18:30"),
        ("Rockets hit the base at 06:30.", "06:30"),
        ("Rockets hit the base at 10 p.m.", "22:00"),
    ],
)
def test_clock_time_is_the_time_of_day(text, expected):
    assert [e.time_of_day for e in expressions(text)] == [expected]


# --- numbers --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,expected",
    [("30", 30), ("7", 7), ("0", 0), ("106", 106), ("1,000", 1000), ("2,500", 2500), ("12,345", 12345),
     ("1000", 1000)],
)
def test_digits_with_english_thousands_separator(text, expected):
    assert parse_number(text, "en") == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("one", 1),
        ("two", 2),
        ("Two", 2),
        ("four", 4),
        ("eleven", 11),
        ("fourteen", 14),
        ("thirty", 30),
        ("twenty-three", 23),
        ("twenty three", 23),
        ("ninety-nine", 99),
        ("one hundred", 100),
        (" four ", 4),
    ],
)
def test_english_number_words(text, expected):
    assert parse_number(text, "en") == expected


@pytest.mark.parametrize("text", ["a", "A", "an"])
def test_english_article_is_not_a_count(text):
    assert parse_number(text, "en") is None


@pytest.mark.parametrize("text", ["", "junk", "rockets", "the", "3rd", "first", "-5", "2.5", "several", "dozens"])
def test_not_a_number(text):
    assert parse_number(text, "en") is None


# --- attack sentences -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(Settings())


@pytest.fixture
def events(extractor):
    def run(text: str, published: str = PUBLISHED) -> list[Event]:
        document = Document(doc_id="t", text=text, published=published, published_basis="given", language="en")
        return extractor.extract(document).events
    return run


def canonical(name: str | None) -> str | None:
    return pack_sites().canonical_key(name) if name else None


def sites(found: list[Event]) -> list[str | None]:
    return [canonical(event.site) for event in found]


def one(found: list[Event]) -> Event:
    assert len(found) == 1, [(e.site, e.date) for e in found]
    return found[0]


@pytest.mark.parametrize(
    "text,site,kind,weapons",
    [
        ("Militants attacked the al-Tanf base on Monday.", "al-Tanf", "other_attack", ["unknown"]),
        ("Drones targeted the Conoco base on Monday.", "Conoco", "drone_attack", ["drone"]),
        ("Rockets struck Ain al-Asad air base on Sunday.", "Ain al-Asad", "rocket_or_missile_attack", ["rocket"]),
        ("The al-Harir base came under attack on Sunday.", "al-Harir", "other_attack", ["unknown"]),
        ("Rockets were fired at the Conoco base on Monday.", "Conoco", "rocket_or_missile_attack", ["rocket"]),
        ("Rockets hit the Conoco base on Monday.", "Conoco", "rocket_or_missile_attack", ["rocket"]),
        ("An explosion was heard at the al-Shaddadi base on Monday.", "al-Shaddadi", "other_attack", ["unknown"]),
        ("A mortar attack targeted the Union III base on Monday.", "Union III", "artillery_shelling", ["mortar"]),
        ("A roadside bomb hit a US convoy near Ain al-Asad air base on Monday.", "Ain al-Asad", "ied_or_bomb", ["ied"]),
        ("US airstrikes hit a weapons storage facility in Albu Kamal on Friday.", "Albu Kamal", "air_strike",
         ["aircraft"]),
    ],
)
def test_attack_sentence_is_an_event_with_its_weapon(events, text, site, kind, weapons):
    event = one(events(text))
    assert (canonical(event.site), event.event_kind, event.weapons) == (canonical(site), kind, weapons)


@pytest.mark.parametrize(
    "text,count",
    [
        ("Four Katyusha rockets hit Ain al-Asad air base on Monday.", 4),
        ("Four Katyusha rockets were fired at Ain al-Asad air base on Monday.", 4),
        ("Two drones targeted the al-Tanf base on Monday.", 2),
        ("The al-Tanf base was attacked with two drones on Monday.", 2),
        ("The al-Tanf base was attacked by three drones on Monday.", 3),
        ("Fourteen rockets were fired at the US embassy in Baghdad on Friday.", 14),
        ("14 rockets were fired at the US embassy in Baghdad on Friday.", 14),
        # The English article is not a count (unlike French "un drone").
        ("A drone targeted the al-Tanf base on Monday.", None),
        ("Rockets hit the Conoco base on Monday.", None),
        engine_gap("Twenty-three rockets hit Ain al-Asad air base on Monday.", 23,
                   reason="the blank English tokenizer splits 'Twenty-three' into 'Twenty' '-' 'three'; "
                          "mentions._number_before reads at most two tokens before the weapon and skips a word "
                          "that follows '-', so the count is None"),
    ],
)
def test_munition_count_in_digits_or_words(events, text, count):
    assert one(events(text)).munition_count == count


@pytest.mark.parametrize(
    "text,expected",
    [
        ("The Islamic Resistance in Iraq claimed responsibility for a drone attack on the al-Tanf base on Monday.",
         (IRI, "claimed")),
        ("The Islamic Resistance in Iraq claimed responsibility for Monday's attack on the al-Tanf base.",
         (IRI, "claimed")),
        ("The Islamic Resistance in Iraq took responsibility for a drone attack on the al-Tanf base on Monday.",
         (IRI, "claimed")),
        ("Kataib Hezbollah claimed responsibility for the attack on Ain al-Asad air base on Monday.",
         ("Kataib Hezbollah", "claimed")),
        ("The Islamic Resistance in Iraq said in a statement it targeted the Conoco base with drones on Monday.",
         (IRI, "claimed")),
        ("In a statement, the Islamic Resistance in Iraq said it targeted the Conoco base with drones on Monday.",
         (IRI, "claimed")),
        ("The Islamic Resistance in Iraq said on Telegram that it targeted the al-Tanf base with drones on Monday.",
         (IRI, "claimed")),
        ("Drones targeted the al-Tanf base on Monday. The Islamic Resistance in Iraq claimed responsibility "
         "for the attack.", (IRI, "claimed")),
        # Stated by the reporter, not by the group.
        ("The Islamic Resistance in Iraq targeted the al-Tanf base with two drones on Monday.", (IRI, "attributed")),
        ("Iran-backed militias fired rockets at Ain al-Asad air base on Monday, US officials said.",
         ("Iran-backed militias", "attributed")),
        ("Drones targeted the al-Tanf base on Monday. The Islamic Resistance in Iraq claimed responsibility.", (IRI, "claimed")),
    ],
)
def test_claims_and_attributions(events, text, expected):
    event = one(events(text))
    assert (event.actor, event.actor_basis) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Drones targeted the al-Tanf base on Monday. No group has claimed responsibility.",
        "Drones targeted the al-Tanf base on Monday. No group claimed responsibility for the attack.",
        "Drones targeted the al-Tanf base on Monday; no one has claimed responsibility.",
        "Rockets were fired at the Conoco base on Monday, and no group claimed responsibility.",
        "No group has claimed responsibility for Monday's drone attack on the al-Tanf base.",
    ],
)
def test_negated_claim_leaves_the_actor_unknown(events, text):
    event = one(events(text))
    assert (event.actor, event.actor_basis) == (None, "unknown")


@pytest.mark.parametrize(
    "text,source,expected",
    [
        ("Drones targeted the al-Tanf base on Monday, according to Reuters.", "Reuters", (None, "unknown")),
        ("According to Reuters, drones targeted the al-Tanf base on Monday.", "Reuters", (None, "unknown")),
        ("The Islamic Resistance in Iraq targeted the al-Tanf base with drones on Monday, according to Reuters.",
         "Reuters", (IRI, "attributed")),
        ("Iran-backed militias fired rockets at Ain al-Asad air base on Monday, according to US officials.",
         "US officials", ("Iran-backed militias", "attributed")),
        ("According to Reuters, the Islamic Resistance in Iraq targeted the al-Tanf base with drones "
                   "on Monday.", "Reuters", (IRI, "attributed")),
    ],
)
def test_attribution_names_the_source_and_is_not_a_claim(events, text, source, expected):
    event = one(events(text))
    assert source in event.reported_by
    assert (event.actor, event.actor_basis) == expected


@pytest.mark.parametrize(
    "text,hedged",
    [
        ("Drones reportedly targeted the al-Tanf base on Monday.", True),
        ("The Conoco base was reportedly attacked on Monday.", True),
        ("Explosions were reportedly heard at the Conoco base on Monday.", True),
        ("Rockets allegedly hit the Conoco base on Monday.", True),
        ("The al-Tanf base was apparently targeted by drones on Monday.", True),
        ("A drone is believed to have targeted the al-Tanf base on Monday.", True),
        ("Drones targeted the al-Tanf base on Monday.", False),
    ],
)
def test_hedged_reports(events, text, hedged):
    assert one(events(text)).hedged is hedged


@pytest.mark.parametrize(
    "text",
    [
        "US forces have been attacked repeatedly in recent weeks.",
        "US forces in Syria have been attacked repeatedly in recent weeks.",
        "The al-Tanf base has been targeted several times in recent weeks.",
        "The al-Tanf base has been targeted several times in recent days.",
        "US forces at al-Tanf have been attacked more than 60 times since October.",
        "Ain al-Asad air base has come under attack dozens of times since October.",
    ],
)
def test_background_mention_is_not_an_event(events, text):
    assert events(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The Islamic Resistance in Iraq vowed to strike the base.",
        "The Islamic Resistance in Iraq vowed to strike the al-Tanf base.",
        "Kataib Hezbollah threatened on Monday to attack the al-Tanf base.",
        "The group warned on Monday that it would strike Ain al-Asad air base.",
        "The group pledged on Monday to strike the Conoco base.",
        "Kataib Hezbollah vowed to keep attacking US forces at the al-Tanf base.",
    ],
)
def test_threat_is_not_an_event(events, text):
    assert events(text) == []


def test_tally_is_a_statistic_not_an_event(extractor):
    text = "US forces in Iraq and Syria have been attacked more than 100 times since Oct. 17."
    document = extractor.extract(Document(doc_id="t", text=text, published=PUBLISHED, published_basis="given",
                                          language="en"))
    assert document.events == []
    assert [s.count for s in document.statistics] == [100]


@pytest.mark.parametrize(
    "text,claimant",
    [
        ("The U.S. military says 60 attacks have been carried out against its facilities since Oct. 17.", "US military"),
        ("There have been 60 attacks on the US military since Oct. 17.", None),  # the target, not a speaker
        ("The Pentagon said there have been 60 attacks on the US military since Oct. 17.", "Pentagon"),
    ],
)
def test_tally_claimant_is_the_speaker(extractor, text, claimant):
    document = extractor.extract(Document(doc_id="t", text=text, published=PUBLISHED, published_basis="given",
                                          language="en"))
    assert [(s.count, s.claimant) for s in document.statistics] == [(60, claimant)]


@pytest.mark.parametrize(
    "text,site",
    [
        ("US airstrikes hit a weapons storage facility in Albu Kamal on Friday.", "Albu Kamal"),
        ("U.S. fighter jets struck two facilities in Albu Kamal on Friday.", "Albu Kamal"),
        ("US warplanes struck targets in Albu Kamal on Friday.", "Albu Kamal"),
        ("US airstrikes hit Iran-backed militias in Albu Kamal on Friday.", "Albu Kamal"),
    ],
)
def test_us_strike_is_carried_out_by_us_forces(events, text, site):
    event = one(events(text))
    assert (canonical(event.site), event.actor, event.event_kind, event.date) == (
        canonical(site), "US forces", "air_strike", "2024-02-02")


@pytest.mark.xfail(strict=True, reason="'The US military said it carried out airstrikes': the US military is the "
                   "speaker of its own strike, but without a parse resolve/actor._is_agent_by_position finds no "
                   "attack word within 3 tokens after 'US military' (only 'said it carried'), so actor is None and "
                   "the target falls back to 'US forces'")
def test_us_military_announcing_its_strike_claims_it(events):
    event = one(events("The US military said it carried out airstrikes in Albu Kamal on Friday."))
    assert (event.actor, event.actor_basis, event.event_kind) == ("US forces", "claimed", "air_strike")


@pytest.mark.parametrize(
    "text",
    [
        "U.S. bases in Deir ez-Zor came under attack on Monday.",
        "US forces at the al-Tanf base came under attack on Monday.",
        "American troops at the al-Tanf base came under attack on Monday.",
        "U.S. troops at Ain al-Asad air base came under attack on Monday.",
        "The U.S. base at al-Tanf came under attack on Monday.",
        "U.S. bases came under attack on Monday at al-Tanf.",
        engine_gap("US forces came under attack at the Conoco base on Monday.",
                   reason="as above: 'US forces' right before 'came under attack' is read as the attacker"),
    ],
)
def test_us_forces_under_attack_are_not_the_attacker(events, text):
    found = events(text)
    assert found
    assert all(event.actor != "US forces" for event in found)


@pytest.mark.parametrize(
    "text,site",
    [
        ("Rep. Ilhan Omar said on Monday that US strikes in Syria were illegal.", "al-Omar"),
        ("Ilhan Omar criticized the US airstrikes in Syria on Monday.", "al-Omar"),
        ("Rep. Ilhan Omar condemned the drone attack on the al-Tanf base on Monday.", "al-Omar"),
        ("Ilhan Omar condemned on Monday the attack on the Conoco base.", "al-Omar"),
    ],
)
def test_person_named_like_a_place_is_not_the_place(events, text, site):
    assert canonical(site) not in sites(events(text))


@pytest.mark.parametrize(
    "text,site",
    [
        ("According to Al Mayadeen, drones targeted the al-Omar base on Monday.", "al-Omar"),
        ("Drones targeted the Conoco base on Monday, Al Mayadeen reported.", "Conoco"),
        ("Drones targeted the Conoco base on Monday, according to Al Mayadeen.", "Conoco"),
        ("Al Mayadeen reported on Monday that rockets hit the Conoco base.", "Conoco"),
    ],
)
def test_al_mayadeen_is_the_source_not_the_town(events, text, site):
    found = events(text)
    assert sites(found) == [canonical(site)]
    assert "Al Mayadeen" in found[0].reported_by


@pytest.mark.parametrize(
    "text,site",
    [
        ("Rockets were fired from Mayadin at the Conoco base on Monday.", "Conoco"),
        ("Rockets were fired at the Conoco base from Mayadin on Monday.", "Conoco"),
        ("Rockets fired from the city of Mayadin hit the Conoco base on Monday.", "Conoco"),
        ("Rockets launched from Mayadin targeted the Conoco base on Monday.", "Conoco"),
        ("On Monday, rockets fired from Mayadin landed on the al-Omar base.", "al-Omar"),
    ],
)
def test_launch_origin_is_not_the_target(events, text, site):
    assert sites(events(text)) == [canonical(site)]


@pytest.mark.parametrize(
    "text",
    [
        "A drone hit a base near the city of Kirkuk on Monday.",
        "Rockets struck a position near the city of Kirkuk on Monday.",
        "Rockets hit a US base near the city of Kirkuk on Monday.",
    ],
)
def test_town_outside_the_pack_comes_from_geonames(events, text):
    event = one(events(text))
    assert (event.site, event.admin1, event.country) == ("Kirkuk", "Kirkuk", "IQ")


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Drones targeted the al-Tanf base early Friday.", ("2024-02-02", "early morning")),
        ("Rockets hit the Conoco base Saturday night.", ("2024-02-03", "night")),
        ("Rockets hit Ain al-Asad air base at 6:30 p.m. on Saturday.", ("2024-02-03", "18:30")),
        ("Rockets hit Ain al-Asad air base on Saturday at 6:30 p.m.", ("2024-02-03", "18:30")),
        ("Rockets hit the Conoco base yesterday.", ("2024-02-04", None)),
        ("Rockets hit the Conoco base last night.", ("2024-02-04", "night")),
        ("Drones targeted the al-Tanf base last Friday.", ("2024-02-02", None)),
        ("Drones targeted the al-Tanf base on Jan. 28.", ("2024-01-28", None)),
        ("Drones targeted the al-Tanf base two days ago.", ("2024-02-03", None)),
    ],
)
def test_event_date_and_time_of_day(events, text, expected):
    event = one(events(text))
    assert (event.date, event.time_of_day) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Drones targeted the Conoco base on Monday. Later that day, rockets targeted the Conoco base for the second "
        "time.",
        "Drones targeted the Conoco base on Monday. Hours later, the Conoco base was attacked for the second time.",
        "Drones targeted the Conoco base on Monday morning. On Monday evening, the Conoco base was attacked for the "
        "second time.",
        "Drones targeted the Conoco base on Monday. Later, the base was attacked for the second time.",
        engine_gap("Rockets targeted the Conoco base on Monday and, for the second time that day, drones hit the base.",
                   reason="mentions._read_sentence makes one mention per place and sentence, so two attacks on one "
                          "base told in one sentence become one event (with both weapons)"),
        engine_gap("The al-Omar base was attacked on Monday morning, and on Monday evening it was attacked for the "
                   "second time.",
                   reason="as above: one sentence, one mention per place"),
    ],
)
def test_second_attack_at_one_site_on_one_day_is_another_event(events, text):
    found = events(text)
    assert len(found) == 2
    assert len(set(sites(found))) == 1
    assert {event.date for event in found} == {PUBLISHED}


def test_two_reports_of_one_attack_are_one_event(events):
    found = events("Drones targeted the Conoco base on Monday. Rockets hit the Conoco base on Monday.")
    assert sites(found) == [canonical("Conoco")]


@pytest.mark.parametrize(
    "text,killed,injured",
    [
        ("Three US soldiers were killed in a drone attack on Tower 22 on Sunday.", 3, None),
        ("A US airstrike killed five militants near Albu Kamal on Sunday.", 5, None),
        ("Rockets hit Ain al-Asad air base on Monday, injuring at least 5 US personnel.", None, 5),
        ("A rocket attack hit the Conoco base on Monday, but there were no casualties.", 0, 0),
        ("Drones targeted the al-Tanf base on Monday; no one was hurt.", None, 0),
        ("Drones targeted the al-Tanf base on Monday without causing any damage or casualties.", 0, 0),
        ("Drones targeted the al-Tanf base on Monday. It was not clear whether there were casualties.", None, None),
        ("Drones targeted the al-Tanf base on Monday, and officials did not say if anyone was injured.", None, None),
        ("Soldiers at Tower 22 were injured in a drone attack on Sunday.", None, None),  # 22 is the name
        ("Rockets hit Ain al-Asad air base on Monday. Five US personnel were injured in the attack, an official said.",
         None, 5),  # the next sentence's count, for the attack just told
        ("Rockets hit Ain al-Asad air base on Monday. The attack on a hospital in Gaza killed 450 people.",
         None, None),  # another attack, named anew
        engine_gap("Rockets hit Ain al-Asad air base on Monday. The official added that no casualties were reported.",
                   0, 0, reason="a sentence with no attack word does not continue the attack before it"),
    ],
)
def test_casualty_counts_and_stated_none(events, text, killed, injured):
    event = one(events(text))
    assert (event.killed, event.injured) == (killed, injured)
