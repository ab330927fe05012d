"""spaCy components: token folding and the gazetteer/cue matchers built from data files.

Matches land in `doc.spans["sitrep"]`; each span's `label_` is a category (SITE, ACTOR, OUTLET,
CLAIMANT, WEAPON, TARGET, SOURCE, ATTACK, CLAIM, STATEMENT, REPORT (verbs of saying),
ATTRIBUTION ("selon", "according to"), HEDGE, BACKGROUND, THREAT, NEGATION,
ORIGIN, PLACE_CUE, ANAPHOR, SKIP, SHELLING, INTERCEPT, KILLED, INJURED, EITHER (dead or wounded), TALLY, PERIOD) and its
`kb_id_` the canonical key (site key, actor name, weapon key...).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

import numpy
from spacy.attrs import IS_LOWER, IS_SPACE, NORM, ORTH, SENT_START
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from sitrep.lang import load_language, supported_languages
from sitrep.normalize import fold_token
from sitrep.packs import load_pack

SPAN_KEY = "sitrep"
# Within these categories one token belongs to one match at most (longest wins).
EXCLUSIVE = {"SITE", "ACTOR", "OUTLET", "CLAIMANT", "WEAPON", "TARGET", "SOURCE", "PLACE_CUE"}


SENTENCE_END = {".", "!", "?", "…", "؟"}


@Language.component("sitrep_sentences")
def sentence_boundaries(doc: Doc) -> Doc:
    """Rule-based sentence starts, set before any parser (which then keeps them).

    A sentence starts after a line break (headlines, captions and paragraphs never run on) or
    after final punctuation followed by anything but a lower-case word (a capital, a digit, a
    word of a script without case such as Arabic); never inside a name like "Aïn al-Assad".
    Computed over token arrays: this runs on every token of every document.
    """
    if len(doc) < 2:
        return doc
    table = doc.to_array([ORTH, IS_LOWER, IS_SPACE])
    orth, lower, space = (table[:, i] for i in range(3))
    strings = doc.vocab.strings
    unique = numpy.unique(orth)
    breaks = unique[[("\n" in strings[int(o)]) for o in unique]]
    ends = numpy.array([strings.add(mark) for mark in SENTENCE_END], dtype=orth.dtype)
    after_break = numpy.isin(orth[:-1], breaks)
    after_end = numpy.isin(orth[:-1], ends) & (lower[1:] == 0)
    starts = ~space[1:].astype(bool) & (after_break | after_end)
    values = numpy.concatenate([[1], numpy.where(starts, 1, -1)]).astype("int64").view("uint64")  # -1: not a start
    doc.from_array([SENT_START], values)
    return doc


@Language.component("sitrep_fold")
def fold_tokens(doc: Doc) -> Doc:
    """Set every token's NORM to its folded form (case, accents, Arabic variants), per distinct word."""
    orth = doc.to_array([ORTH])
    unique, inverse = numpy.unique(orth, return_inverse=True)
    strings = doc.vocab.strings
    folded = numpy.array([strings.add(fold_token(strings[int(o)])) for o in unique], dtype=orth.dtype)
    doc.from_array([NORM], folded[inverse].reshape(-1, 1))
    return doc


CUE_FIELDS = (
    ("ATTACK", "attack_phrases"), ("CLAIM", "claim_phrases"), ("STATEMENT", "statement_phrases"),
    ("ATTRIBUTION", "report_phrases"),
    ("HEDGE", "hedge_phrases"), ("BACKGROUND", "background_phrases"), ("NEGATION", "negation_phrases"),
    ("ORIGIN", "origin_phrases"), ("PLACE_CUE", "place_cues"), ("ANAPHOR", "anaphora"),
    ("SKIP", "skip_phrases"), ("DISTINCT", "distinct_phrases"), ("DENIAL", "denial_phrases"), ("TALLY", "tally_nouns"),
    ("PERIOD", "tally_period_phrases"), ("NOT_PLACE", "not_place_prefixes"),
    ("GROUP_ANAPHOR", "group_anaphora"), ("SEQUENCE", "sequence_phrases"), ("BASE_ANAPHOR", "base_anaphora"),
    ("LOCATION", "location_phrases"),
)
LEMMA_FIELDS = (
    ("ATTACK", "attack_lemmas"), ("CLAIM", "claim_lemmas"), ("REPORT", "report_lemmas"),
    ("THREAT", "threat_lemmas"), ("SHELLING", "shelling_lemmas"), ("INTERCEPT", "interception_lemmas"),
)


def _lexicon_entries(lexicon: dict, with_lemmas: bool) -> Iterable[tuple[str, str, str]]:
    """(category, key, phrase) for a lexicon's phrases; its lemma lists too when read as surface forms."""
    for category, field in (("WEAPON", "weapons"), ("TARGET", "targets"), ("SOURCE", "source_phrases"),
                            ("COUNTRY", "countries"), ("DUAL", "weapon_duals")):
        for key, phrases in lexicon.get(field, {}).items():
            for phrase in phrases:
                yield category, key, phrase
    for kind, phrases in lexicon.get("casualty", {}).items():
        for phrase in phrases:
            yield kind.upper(), kind, phrase
    for category, field in CUE_FIELDS + (LEMMA_FIELDS if with_lemmas else ()):
        for phrase in lexicon.get(field, []):
            yield category, category.lower(), phrase


def _phrase_entries(pack_name: str, lang: str) -> Iterable[tuple[str, str, str]]:
    """(category, key, phrase) for every gazetteer and cue phrase of a pack and language.

    Cues of languages written in another script come too (read with their own words), so an
    Arabic statement quoted in a French article is understood by the Arabic rules.
    """
    pack = load_pack(pack_name)
    for site in pack.sites.values():
        for alias in site.aliases:
            yield "SITE" if site.source == "pack" else "TOWN", site.key, alias
    for actor in pack.actors.values():
        for aliases in actor.aliases.values():  # every script: quotations cross languages
            for alias in aliases:
                yield "ACTOR", actor.name, alias
    for outlet in pack.outlets.values():
        for alias in outlet.aliases:
            yield "OUTLET", outlet.name, alias
    for claimant, by_lang in pack.claimants.items():
        for alias in by_lang.get(lang, ()):
            yield "CLAIMANT", claimant, alias
    yield from _lexicon_entries(load_language(lang).lexicon, with_lemmas=False)
    for other in foreign_script_languages(lang):
        yield from _lexicon_entries(load_language(other).lexicon, with_lemmas=True)


def foreign_script_languages(lang: str) -> list[str]:
    """Supported languages written in another script than `lang` (Arabic for French and English)."""
    script = load_language(lang).lexicon.get("script")
    return [code for code in supported_languages()
            if code != lang and load_language(code).lexicon.get("script") not in (None, script)]


def _lemma_entries(lang: str) -> Iterable[tuple[str, list[str]]]:
    lexicon = load_language(lang).lexicon
    for category, field in LEMMA_FIELDS:
        lemmas = lexicon.get(field, [])
        if lemmas:
            yield category, lemmas


def script_clitics() -> list[tuple[str, list[str]]]:
    """(script, prefixes) of every language whose words take attached clitics (Arabic و، ب، ل...)."""
    result = []
    for code in supported_languages():
        clitics = load_language(code).lexicon.get("clitics")
        if clitics:
            result.append((clitics["script"], clitics["prefixes"]))
    return result


def _script_of(text: str) -> str | None:
    for char in text:
        if char.isalpha():
            return unicodedata.name(char, "").split(" ")[0].lower()
    return None


def with_clitics(phrase: str, clitics: list[tuple[str, list[str]]]) -> list[str]:
    """The phrase and, for scripts with attached clitics, its forms with each prefix ("بالطيران")."""
    variants = [phrase]
    script = _script_of(phrase)
    for clitic_script, prefixes in clitics:
        if script == clitic_script:
            variants += [prefix + phrase for prefix in prefixes]
            if phrase.startswith("ال"):
                variants += ["لل" + phrase[2:], "ولل" + phrase[2:]]
    return variants


def lexicon_claim_say(lang: str) -> tuple[list[str], list[str]]:
    """Verbs of saying and the perfect auxiliary that together make a claim ("a affirmé ... avoir visé")."""
    lexicon = load_language(lang).lexicon
    return lexicon.get("claim_say_lemmas", []), [fold_token(a) for a in lexicon.get("claim_perfect", [])]


class SitrepMatcher:
    """Matches gazetteer entries and cue phrases on folded tokens, and cue lemmas."""

    def __init__(self, nlp: Language, pack: str, lang: str) -> None:
        self.phrases = PhraseMatcher(nlp.vocab, attr="NORM")
        # GeoNames towns: exact spelling, so that "Hit" the town is not "hit" the verb
        self.towns = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.lemmas = Matcher(nlp.vocab)
        self.use_lemmas = nlp.has_pipe("lemmatizer")
        grouped: dict[str, list[Doc]] = {}
        seen: set[tuple[str, str]] = set()
        clitics = script_clitics()
        entries = list(_phrase_entries(pack, lang))
        pack_aliases = {fold_token(phrase) for category, _, phrase in entries if category == "SITE"}
        towns: dict[str, list[Doc]] = {}
        for category, key, phrase in entries:
            if category == "TOWN":
                if fold_token(phrase) not in pack_aliases:
                    towns.setdefault(f"SITE|{key}", []).append(nlp.make_doc(phrase))
                continue
            label = f"{category}|{key}"
            for variant in with_clitics(phrase, clitics):
                if (label, fold_token(variant)) in seen:
                    continue
                seen.add((label, fold_token(variant)))
                grouped.setdefault(label, []).append(fold_tokens(nlp.make_doc(variant)))
        for label, docs in grouped.items():
            self.phrases.add(label, docs)
        for label, docs in towns.items():
            self.towns.add(label, docs)
        say, aux = lexicon_claim_say(lang)
        if say:
            attr = "LEMMA" if self.use_lemmas else "NORM"
            self.lemmas.add("STATEMENT|statement", [[{attr: {"IN": say}}, {"IS_PUNCT": False, "OP": "{0,6}"},
                                             {"NORM": {"IN": aux}}, {"POS": {"IN": ["VERB", "AUX"]}, "OP": "?"}]])
        for category, lemmas in _lemma_entries(lang):
            folded = sorted({fold_token(lemma) for lemma in lemmas})
            attr = "LEMMA" if self.use_lemmas else "NORM"
            values = lemmas if self.use_lemmas else folded
            self.lemmas.add(f"{category}|{category.lower()}", [[{attr: {"IN": list(values)}}]])

    def __call__(self, doc: Doc) -> Doc:
        spans: dict[str, list[Span]] = {}
        for matcher in (self.phrases, self.towns, self.lemmas):
            for match_id, start, end in matcher(doc):
                category, key = doc.vocab.strings[match_id].split("|", 1)
                spans.setdefault(category, []).append(Span(doc, start, end, label=category, kb_id=key))
        kept = [s for c, group in spans.items() for s in (filter_spans(group) if c in EXCLUSIVE else group)]
        doc.spans[SPAN_KEY] = sorted(kept, key=lambda s: (s.start, -s.end))
        return doc


@Language.factory("sitrep_matcher", default_config={"pack": "iraq_syria", "lang": "fr"})
def make_matcher(nlp: Language, name: str, pack: str, lang: str) -> SitrepMatcher:
    """Gazetteer and cue matcher of a theatre pack and a language."""
    return SitrepMatcher(nlp, pack, lang)
