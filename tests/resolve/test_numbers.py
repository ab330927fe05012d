"""Numbers written in digits or French words, as they appear next to weapons and tallies."""

from __future__ import annotations

import pytest

from sitrep.resolve.numbers import parse_number


@pytest.mark.parametrize(
    "text,expected",
    [
        ("30", 30),
        ("7", 7),
        ("106", 106),
        ("0", 0),
        ("2 500", 2500),
        ("2\u00a0500", 2500),  # no-break space, as typeset by French sites
        ("2\u202f500", 2500),  # narrow no-break space
        ("1 000", 1000),
        ("12 345 678", 12345678),
        ("1000", 1000),  # four digits or more without a separator
        ("2500", 2500),
    ],
)
def test_digits(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("trente", 30),
        ("quinze", 15),
        ("deux", 2),
        ("trois", 3),
        ("Neuf", 9),
        ("Six", 6),
        ("dix-sept", 17),
        ("vingt-trois", 23),
        ("trente et un", 31),
        ("quatre-vingt-dix", 90),
        ("cent", 100),
        ("mille", 1000),
        (" quatre ", 4),
    ],
)
def test_french_number_words(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", ["un", "une", "Un", "Une"])
def test_indefinite_article_is_one(text):
    assert parse_number(text) == 1


@pytest.mark.parametrize("text", ["", "junk", "roquettes", "le", "des", "3e", "-5", "2,5", "trentaine"])
def test_not_a_number(text):
    assert parse_number(text) is None
