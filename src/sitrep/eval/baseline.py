"""The plain baseline sitrep must beat: one event per sentence naming a listed site.

For each sentence (split on . ! ? and newlines) holding a site name or alias as a plain
case-insensitive substring (longest alias wins), emit an event at that site, dated by the first
date dateparser finds in the sentence, else the publication date. Events with the same site and
date in a document are merged. Nothing else is filled in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from dateparser.search import search_dates

from sitrep.eval.corpus import corpus_texts, load_gold
from sitrep.eval.sites import Site, SiteIndex, pack_sites
from sitrep.models import Document, Event

SENTENCE_BREAK = re.compile(r"[.!?\n]+")
DEFAULT_LANGUAGE = "fr"


@dataclass(frozen=True)
class AliasTable:
    """Lower-cased aliases with their sites, longest first, for substring search."""

    entries: tuple[tuple[str, Site], ...]

    @classmethod
    def from_sites(cls, sites: SiteIndex) -> AliasTable:
        """Every name and alias of every site, longest first."""
        entries = {(alias.lower(), site) for site in sites.sites for alias in site.aliases}
        return cls(tuple(sorted(entries, key=lambda entry: (-len(entry[0]), entry[0]))))

    def site_in(self, sentence: str) -> Site | None:
        """The site of the longest alias occurring in the sentence, or None."""
        lowered = sentence.lower()
        return next((site for alias, site in self.entries if alias in lowered), None)


def first_date(sentence: str, language: str, published: str | None) -> str | None:
    """The first date dateparser finds in a sentence (relative to publication), as YYYY-MM-DD."""
    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past"}
    if published:
        settings["RELATIVE_BASE"] = datetime.fromisoformat(published)
    found = search_dates(sentence, languages=[language], settings=settings)
    return found[0][1].date().isoformat() if found else None


def baseline_document(doc_id: str, text: str, published: str | None, language: str, aliases: AliasTable) -> Document:
    """The baseline's events for one document."""
    events: dict[tuple[str, str | None], Event] = {}
    for sentence in SENTENCE_BREAK.split(text):
        site = aliases.site_in(sentence)
        if site is None:
            continue
        day = first_date(sentence, language, published) or published
        events.setdefault(
            (site.name, day),
            Event(id=f"b{len(events) + 1}", date=day, site=site.name, country=site.country,
                  admin1=site.admin1, lat=site.lat, lon=site.lon),
        )
    return Document(doc_id=doc_id, text=text, published=published, language=language, events=list(events.values()))


def run_baseline(corpus_dir: Path, mode: str, sites: SiteIndex | None = None) -> list[dict[str, Any]]:
    """Baseline records for every document of a corpus; meta mode uses the gold publication date."""
    gold = {document["doc_id"]: document for document in load_gold(corpus_dir)}
    aliases = AliasTable.from_sites(sites or pack_sites())
    records = []
    for doc_id, text in corpus_texts(corpus_dir):
        metadata = gold.get(doc_id, {})
        published = metadata.get("published") if mode == "meta" else None
        language = metadata.get("language") or DEFAULT_LANGUAGE
        records.append(baseline_document(doc_id, text, published, language, aliases).to_record())
    return records
