"""Numbers written in digits or words ("30", "trente", "quinze", "deux")."""

from __future__ import annotations

import re

from text_to_num import text2num

_DIGITS = re.compile(r"^\d{1,3}(?:[ \u00a0\u202f.,]\d{3})*$")


def parse_number(text: str, lang: str = "fr") -> int | None:
    """The integer a token or short phrase stands for, or None."""
    text = text.strip().lower()
    if _DIGITS.match(text):
        return int(re.sub(r"\D", "", text))
    if text in {"un", "une", "a", "an", "one"}:
        return 1
    try:
        return text2num(text, lang)
    except ValueError:
        return None
