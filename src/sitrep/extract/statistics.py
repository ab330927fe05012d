"""Aggregate tallies ("106 attaques depuis le 7 octobre", said by the Pentagon) -> statistics."""

from __future__ import annotations

from datetime import date

from spacy.tokens import Span, Token

from sitrep.extract.mentions import Cues
from sitrep.lang import folded_words
from sitrep.models import Evidence, Statistic
from sitrep.normalize import fold_token
from sitrep.resolve.numbers import parse_number
from sitrep.resolve.time import TimeExpression

TALLY_WINDOW = 4  # tokens between a count and its noun ("20 attaques", "14 reprises")
MIN_TALLY = 2


def _count(token: Token, lang: str) -> int | None:
    if not (token.like_num or token.pos_ == "NUM"):
        return None
    return parse_number(token.text, lang)


def _in_time(token: Token, times: list[TimeExpression]) -> bool:
    return any(t.start <= token.idx < t.end for t in times)


def read_statistics(cues_list: list[Cues], times: list[TimeExpression], lang: str,
                    published: date | None) -> tuple[list[Statistic], set[int]]:
    """Statistics stated in the document, with claimant and period where the text gives them.

    Returns the statistics and the indices of the sentences that state them.
    """
    hit_markers = folded_words(lang, "hit_markers")
    stats: list[Statistic] = []
    sentences: set[int] = set()
    last_claimant: tuple[int, str] | None = None
    stats_sentence = -1
    for index, cues in enumerate(cues_list):
        sentence = cues.sentence
        inside = [t for t in times if sentence.start_char <= t.start < sentence.end_char]
        tally_starts = {s.start for s in cues["TALLY"]}
        countries = {s.start: s.kb_id_ for s in cues["COUNTRY"]}
        periods = [t for t in inside if t.kind == "since" or (t.kind == "date" and t.earliest != t.latest)]
        claimants = [span for span in cues["CLAIMANT"] if not _named_as_hit(span, hit_markers)]
        if claimants:
            claimant = claimants[0].kb_id_
            last_claimant = (index, claimant)
        elif last_claimant and index - last_claimant[0] <= 1:
            claimant = last_claimant[1]
        else:
            claimant = None
        follows_tally = bool(stats) and index - stats_sentence <= 1
        if not (cues.has("PERIOD") or periods or claimants or follows_tally):
            continue
        for token in sentence:
            value = _count(token, lang)
            if value is None or value < MIN_TALLY or _in_time(token, inside):
                continue
            window = range(token.i + 1, min(token.i + 1 + TALLY_WINDOW, sentence.end))
            has_noun = any(i in tally_starts for i in window)
            country = _country_after(token, countries)
            headline = has_noun and (cues.has("PERIOD") or periods or claimants)
            if not headline and not (country and stats and index - stats_sentence <= 1):
                continue
            start = periods[0].earliest if periods else None
            end = periods[0].latest if periods and periods[0].kind == "date" else None
            what = "attacks" + (f" ({country})" if country else "")
            sentences.add(index)
            stats_sentence = index
            stats.append(Statistic(
                claimant=claimant, count=value, what=what,
                period_start=start.isoformat() if start else None,
                period_end=end.isoformat() if end else None,
                stated_date=published.isoformat() if published else None,
                evidence=[Evidence(sentence.text, sentence.start_char, sentence.end_char)],
            ))
    return stats, sentences


def _named_as_hit(span: Span, hit_markers: frozenset[str]) -> bool:
    """"attacks on the US military": a claimant's name right after a word for what was hit names a target."""
    before = span.doc[max(span.sent.start, span.start - 2):span.start]
    return any(fold_token(token.text) in hit_markers for token in before)


def _country_after(token: Token, countries: dict[int, str]) -> str | None:
    """"6 attaques en Irak", "14 en Syrie", "nine times in Syria": the country a sub-tally is for."""
    for i in range(token.i + 1, min(token.i + 5, token.sent.end)):
        if i in countries:
            return countries[i]
    return None
