"""Text folding shared by matching and scoring: case, accents, apostrophes, Arabic letter variants."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_ARABIC_VARIANTS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي"})
_PUNCT = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "–": "-", "—": "-", "‐": "-", "‑": "-", "«": '"', "»": '"'})
_ARABIC_MARKS = {chr(c) for c in range(0x064B, 0x0660)} | {"\u0670", "\u0640"}  # harakat, dagger alef, tatweel
_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


class _FoldTable(dict):
    """str.translate table that folds each character the first time it is seen, then remembers it."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        char = char.translate(_PUNCT).translate(_ARABIC_VARIANTS).translate(_ARABIC_DIGITS)
        base = unicodedata.normalize("NFD", char)[0]
        folded = base.lower() if base.isascii() else char.lower()
        self[code] = folded if len(folded) == 1 else char  # one character in, one out: offsets hold
        return self[code]


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """Fold case, Latin accents, typographic punctuation and Arabic variants, keeping the length.

    Offsets into the folded text are offsets into the original, so matches map back exactly.
    """
    return text.translate(_FOLD)


@lru_cache(maxsize=200_000)
def fold_token(text: str) -> str:
    """Fold a token for matching: `fold` plus removal of Arabic diacritics and tatweel."""
    folded = fold(text)
    if any(c in _ARABIC_MARKS for c in folded):
        folded = "".join(c for c in folded if c not in _ARABIC_MARKS)
    return folded
