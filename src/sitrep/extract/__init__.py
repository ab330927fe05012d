"""Extraction: a language's spaCy pipeline turns a Document's text into events and statistics."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date
from itertools import islice

from sitrep.errors import UnknownLanguage
from sitrep.extract.components import foreign_script_languages
from sitrep.ingest.language import detect_language, passage_languages
from sitrep.extract.events import assemble
from sitrep.extract.mentions import MentionReader, sentence_cues
from sitrep.extract.nlp import build_pipeline
from sitrep.extract.statistics import read_statistics
from sitrep.lang import supported_languages
from sitrep.models import Document
from sitrep.packs import load_pack
from sitrep.resolve.outlet import outlet_of
from sitrep.resolve.published import infer_published
from sitrep.resolve.time import TimeExpression, time_tagger
from sitrep.settings import Settings

BATCH_SIZE = 32  # documents per nlp.pipe call


def passage_times(text: str, lang: str, published: date | None) -> list[TimeExpression]:
    """Time expressions of a text, each passage read with its own language's words.

    The document's language reads the whole text; passages in another supported language's
    script (an Arabic statement quoted in a French article) are read again with theirs.
    """
    times = time_tagger(lang).find(text, published)
    foreign = set(foreign_script_languages(lang))
    for start, end, code in passage_languages(text, lang) if foreign else []:
        if code in foreign:
            times += [replace(t, start=t.start + start, end=t.end + start)
                      for t in time_tagger(code).find(text[start:end], published)]
    return sorted(times, key=lambda t: t.start)


class Extractor:
    """Turns Documents into Documents with events and statistics."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.pack = load_pack(settings.pack)

    def extract(self, document: Document, reference_date: date | None = None) -> Document:
        """Extract one document (see `extract_batch` for many)."""
        return next(iter(self.extract_batch([document], reference_date)))

    def extract_batch(self, documents: Iterable[Document], reference_date: date | None = None) -> Iterator[Document]:
        """Extract documents in batches through spaCy's `nlp.pipe`; raises UnknownLanguage per document."""
        iterator = iter(documents)
        while batch := list(islice(iterator, BATCH_SIZE)):
            for document in batch:
                self._prepare(document, reference_date)
            by_lang: dict[str, list[Document]] = {}
            for document in batch:
                by_lang.setdefault(document.language, []).append(document)
            done: dict[int, Document] = {}
            for lang, group in by_lang.items():
                nlp = build_pipeline(lang, self.settings.pack)
                for document, doc in zip(group, nlp.pipe(d.text for d in group)):
                    done[id(document)] = self._fill(document, doc, lang)
            yield from (done[id(d)] for d in batch)

    def _prepare(self, document: Document, reference_date: date | None) -> None:
        if document.language is None:
            document.language = detect_language(document.text)
        if document.language not in supported_languages():
            raise UnknownLanguage(document.source_path or document.doc_id,
                                  f" ({document.language or 'not detected'}); supported: {', '.join(supported_languages())}")
        document.outlet = document.outlet or outlet_of(document.url, self.pack)
        if document.published is None:
            document.published, document.published_basis = infer_published(document.text, document.url, reference_date)

    def _fill(self, document: Document, doc, lang: str) -> Document:
        published = date.fromisoformat(document.published) if document.published else None
        times = passage_times(document.text, lang, published)
        cues = sentence_cues(doc)
        document.statistics, tally_sentences = read_statistics(cues, times, lang, published)
        reader = MentionReader(self.pack, lang, published)
        document.events = assemble(reader.read(cues, times, tally_sentences), document.text, self.pack)
        return document
