"""Casualty counts: the number of dead or wounded a sentence states beside a casualty word, or 0 when it says none.

Counts come from the parse where the language has a parser ("sept combattants ... tués": the
word's numeric modifier), else from the words around the casualty word, within its clause: a
number just after it, approximators aside ("killing five militants", "injuring at least 5"), or a
few words before it ("three US soldiers were killed") unless it ends a name ("Tower 22"). "None"
needs a negation a few words before the casualty word ("no casualties", "sans faire de victimes",
"دون وقوع إصابات"), and no "if"/"whether" between them ("it was not clear whether there were
casualties" says nothing). The words are each lexicon's `casualty_wording`.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from sitrep.lang import folded_words
from sitrep.normalize import fold_token
from sitrep.resolve.numbers import parse_number

BEFORE = 5  # words looked at before a casualty word, for its count or its negation
AFTER = 5  # words looked at after it, for its count ("killed at least five", "ما لا يقل عن 5")
MAX_COUNT = 1000  # a larger number beside a casualty word is a year or a tally


def casualties(cues_killed: list[Span], cues_injured: list[Span], cues_either: list[Span],
               lang: str) -> tuple[int | None, int | None]:
    """(killed, injured) a sentence states; a negated word for either ("no casualties") makes both 0 if unstated.

    A number beside a word for either ("ten casualties") is not split into dead and wounded: it is left out.
    """
    killed, injured = casualty_count(cues_killed, lang), casualty_count(cues_injured, lang)
    if any(negated(span, lang) for span in cues_either):
        killed, injured = (0 if killed is None else killed), (0 if injured is None else injured)
    return killed, injured


def casualty_count(words: list[Span], lang: str) -> int | None:
    """The count stated with any of `words` (one category: killed or injured), 0 if one is negated, else None."""
    if any(negated(span, lang) for span in words):
        return 0  # "no one was hurt": the "one" is not a count
    return next((value for span in words if (value := stated_count(span, lang)) is not None), None)


def stated_count(span: Span, lang: str) -> int | None:
    """The number written with one casualty word: its modifier in the parse, or the nearest one around it."""
    for noun in [span.root] + [child for child in span.root.children if child.dep_.startswith("nsubj")]:
        for child in noun.children:
            if child.dep_ == "nummod" and (value := _count(child.text, lang)) is not None:
                return value
    approximators = folded_words(lang, "casualty_wording.approximators")
    for token in _clause(span, AFTER):
        if (value := _count(token.text, lang)) is not None:
            return value
        if fold_token(token.text) not in approximators:
            break
    for token in _clause(span, -BEFORE):
        if (value := _count(token.text, lang)) is not None and not _ends_name(token):
            return value
    return None


def negated(span: Span, lang: str) -> bool:
    """A negation comes within BEFORE words before the casualty word, in its clause, with no "whether" between."""
    negators = folded_words(lang, "casualty_wording.negators")
    unknowns = folded_words(lang, "casualty_wording.unknowns")
    for token in _clause(span, -BEFORE):
        folded = fold_token(token.text)
        if folded in unknowns:
            return False
        if folded in negators:
            return True
    return False


def _count(text: str, lang: str) -> int | None:
    value = parse_number(text, lang)
    return value if value is not None and 0 < value < MAX_COUNT else None


def _ends_name(token: Token) -> bool:
    """A numeral right after a capitalised word inside the sentence ends a name or a date ("Tower 22", "January 28")."""
    previous = token.doc[token.i - 1] if token.i > token.sent.start else None
    return previous is not None and previous.is_title and previous.i > token.sent.start


def _clause(span: Span, reach: int) -> Iterator[Token]:
    """Up to `reach` tokens after `span` (before it, nearest first, when negative), until punctuation or the sentence ends."""
    step = 1 if reach > 0 else -1
    first = span.end if reach > 0 else span.start - 1
    stop = min(span.sent.end, span.end + reach) if reach > 0 else max(span.sent.start, span.start + reach) - 1
    for index in range(first, stop, step):
        if span.doc[index].is_punct:
            return
        yield span.doc[index]
