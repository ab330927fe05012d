"""Casualty counts: the number of dead or wounded a sentence states beside a casualty word, or 0 when it says none.

Counts come from the parse where the language has a parser ("sept combattants ... tués": the
word's numeric modifier), else from the words around the casualty word, within its clause: a number
just after it, approximators aside ("killing five militants", "injuring at least 5"), or a few words
before it ("three US soldiers were killed") unless it ends a name ("Tower 22"). "None" needs a negation a few words before the casualty word ("no
casualties", "sans faire de victimes", "دون وقوع إصابات"), and no "if"/"whether" between them ("it
was not clear whether there were casualties" says nothing).
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span, Token

from sitrep.normalize import fold_token
from sitrep.resolve.numbers import parse_number

BEFORE = 5  # words looked at before a casualty word, for its count or its negation
AFTER = 5  # words looked at after it, for its count ("killed at least five", "ما لا يقل عن 5")
MAX_COUNT = 1000  # a larger number beside a casualty word is a year or a tally


def casualties(cues_killed: list[Span], cues_injured: list[Span], cues_either: list[Span], lang: str,
               wording: dict[str, set[str]]) -> tuple[int | None, int | None]:
    """(killed, injured) a sentence states; a negated word for either ("no casualties") makes both 0 if unstated.

    A number beside a word for either ("ten casualties") is not split into dead and wounded: it is left out.
    """
    killed = casualty_count(cues_killed, lang, wording)
    injured = casualty_count(cues_injured, lang, wording)
    negators, unknowns = wording.get("negators", set()), wording.get("unknowns", set())
    if any(negated(span, negators, unknowns) for span in cues_either):
        killed, injured = (0 if killed is None else killed), (0 if injured is None else injured)
    return killed, injured


def casualty_count(words: Iterable[Span], lang: str, wording: dict[str, set[str]]) -> int | None:
    """The count stated with any of `words` (one category: killed or injured), 0 if one is negated, else None.

    Args:
        wording: the language's folded words (lexicon `casualty_wording`): `negators` deny what follows
            ("no", "sans", "دون"); `unknowns` leave it open ("whether", "si"); `approximators` may stand
            between a casualty verb and its count ("at least", "au moins").
    """
    words = list(words)
    negators, unknowns = wording.get("negators", set()), wording.get("unknowns", set())
    if any(negated(span, negators, unknowns) for span in words):
        return 0  # "no one was hurt": the "one" is not a count
    for span in words:
        value = stated_count(span, lang, wording.get("approximators", set()))
        if value is not None:
            return value
    return None


def stated_count(span: Span, lang: str, approximators: set[str]) -> int | None:
    """The number written with one casualty word: its modifier in the parse, or the nearest one around it."""
    for noun in [span.root] + [child for child in span.root.children if child.dep_.startswith("nsubj")]:
        for child in noun.children:
            if child.dep_ == "nummod" and (value := _count(child.text, lang)) is not None:
                return value
    for token in _clause_after(span):
        if (value := _count(token.text, lang)) is not None:
            return value
        if fold_token(token.text) not in approximators:
            break
    for token in _clause_before(span):
        if (value := _count(token.text, lang)) is not None and not _ends_name(token):
            return value
    return None


def negated(span: Span, negators: set[str], unknowns: set[str]) -> bool:
    """A negation comes within BEFORE words before the casualty word, in its clause, with no "whether" between."""
    for token in _clause_before(span):
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
    """A numeral right after a capitalised word inside the sentence is part of a name or a date ("Tower 22", "January 28")."""
    previous = token.doc[token.i - 1] if token.i > token.sent.start else None
    return previous is not None and previous.is_title and previous.i > token.sent.start


def _clause_before(span: Span) -> Iterable[Token]:
    """Up to BEFORE tokens before `span`, nearest first, stopping at punctuation or the sentence start."""
    doc, first = span.doc, max(span.sent.start, span.start - BEFORE)
    for index in range(span.start - 1, first - 1, -1):
        if doc[index].is_punct:
            return
        yield doc[index]


def _clause_after(span: Span) -> Iterable[Token]:
    """Up to AFTER tokens after `span`, stopping at punctuation or the sentence end."""
    doc, last = span.doc, min(span.sent.end, span.end + AFTER)
    for index in range(span.end, last):
        if doc[index].is_punct:
            return
        yield doc[index]
