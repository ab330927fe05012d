"""Language knowledge: lexicons and time words per language code, loaded from `lang/<code>/`."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from sitrep.normalize import fold_token

LANG_DIR = Path(__file__).parent


@dataclass(frozen=True)
class LanguageData:
    """The data files of one language."""

    code: str
    lexicon: dict
    time: dict
    model: str | None  # an installed spaCy pipeline to prefer, else a blank one is used


def supported_languages() -> list[str]:
    """Codes of the languages that have a lexicon."""
    return sorted(p.parent.name for p in LANG_DIR.glob("*/lexicon.yaml"))


@lru_cache(maxsize=None)
def load_language(code: str) -> LanguageData:
    """Read `lang/<code>/lexicon.yaml` and `time.yaml`."""
    folder = LANG_DIR / code
    with (folder / "lexicon.yaml").open(encoding="utf-8") as handle:
        lexicon = yaml.safe_load(handle)
    with (folder / "time.yaml").open(encoding="utf-8") as handle:
        time = yaml.safe_load(handle)
    return LanguageData(code, lexicon, time, lexicon.get("model"))


@lru_cache(maxsize=None)
def folded_words(code: str, *fields: str) -> frozenset[str]:
    """The folded words of a language's lexicon lists, read once; "a.b" names list b inside mapping a."""
    words: set[str] = set()
    for field in fields:
        node = load_language(code).lexicon
        for key in field.split("."):
            node = node.get(key, {})
        words.update(fold_token(word) for word in node or [])
    return frozenset(words)
