"""Numbers written in digits or words ("30", "trente", "quinze", "خمسة عشر")."""

from __future__ import annotations

import re
from functools import lru_cache

import yaml
from text_to_num import text2num

from sitrep.lang import LANG_DIR
from sitrep.normalize import fold_token

_DIGITS = re.compile(r"^\d{1,3}(?:[ \u00a0\u202f.,]\d{3})*$|^\d+$")
TEXT2NUM_LANGS = {"fr", "en", "es", "pt", "de", "nl", "da", "it"}


@lru_cache(maxsize=None)
def number_words(lang: str) -> dict[str, int]:
    """Number words of a language from `lang/<code>/numbers.yaml` (folded), if the file exists."""
    path = LANG_DIR / lang / "numbers.yaml"
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle) or {}
    return {fold_token(word): int(value) for word, value in data.items()}


def parse_number(text: str, lang: str = "fr") -> int | None:
    """The integer a token or short phrase stands for, or None."""
    folded = fold_token(text.strip())
    if _DIGITS.match(folded):
        return int(re.sub(r"\D", "", folded))
    words = number_words(lang)
    if folded in words:
        return words[folded]
    if lang not in TEXT2NUM_LANGS:
        return None
    if folded in {"un", "une", "one"}:  # the French article is also the numeral; English "a" is not
        return 1
    try:
        return text2num(folded, lang)
    except ValueError:
        return None
