"""Build the spaCy pipeline of a language: a statistical model when installed, else a blank one."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from sitrep.extract import components  # noqa: F401  (registers the factories)
from sitrep.lang import load_language


@lru_cache(maxsize=None)
def build_pipeline(lang: str, pack: str) -> Language:
    """The language's pipeline with sitrep's components appended; cached per (lang, pack)."""
    model = load_language(lang).model
    nlp = spacy.load(model) if model and spacy.util.is_package(model) else spacy.blank(lang)
    # a full stop after a digit, a closing quote or an Arabic diacritic ends the word ("البرج 22.")
    suffixes = list(nlp.Defaults.suffixes or []) + [r"(?<=[0-9\u064B-\u065F\u0670\"”’)])\."]
    nlp.tokenizer.suffix_search = spacy.util.compile_suffix_regex(suffixes).search
    nlp.add_pipe("sitrep_sentences", first=True)
    nlp.add_pipe("sitrep_fold")
    nlp.add_pipe("sitrep_matcher", config={"pack": pack, "lang": lang})
    return nlp
