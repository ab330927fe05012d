"""ingest -> extract (+ resolve) -> store: one comment and one call per step."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import islice

from sitrep.errors import SitrepError
from sitrep.extract import BATCH_SIZE, Extractor
from sitrep.ingest import read_paths
from sitrep.models import Document
from sitrep.settings import Settings
from sitrep.store import Store


@dataclass
class BatchReport:
    """What a batch did: documents read, stored, already known, and failures by source."""

    read: int = 0
    stored: int = 0
    unchanged: int = 0
    events: int = 0
    failures: list[SitrepError] = field(default_factory=list)


def extract_documents(
    items: Iterable[Document | SitrepError],
    settings: Settings,
    reference_date: date | None = None,
) -> Iterator[Document | SitrepError]:
    """Extract events from each document in batches; a failure is yielded in the document's place."""
    extractor = Extractor(settings)
    iterator = iter(items)
    while batch := list(islice(iterator, BATCH_SIZE)):
        documents = [item for item in batch if isinstance(item, Document)]
        extracted: dict[int, Document | SitrepError] = {}
        try:
            for document in extractor.extract_batch(documents, reference_date):
                extracted[id(document)] = document
        except SitrepError:  # one bad document: redo this batch one by one to isolate it
            for document in documents:
                try:
                    extracted[id(document)] = extractor.extract(document, reference_date)
                except SitrepError as error:
                    extracted[id(document)] = error
        for item in batch:
            yield item if isinstance(item, SitrepError) else extracted[id(item)]


def extract_paths(
    paths: Iterable[str],
    settings: Settings,
    published: str | None = None,
    reference_date: date | None = None,
) -> Iterator[Document | SitrepError]:
    """Read every path (files, folders, JSONL) and extract each document in turn."""
    # ingest: files and JSONL lines -> Documents (bad files -> errors)
    documents = read_paths(paths, settings, published=published, reference_date=reference_date)
    # extract + resolve: Documents -> events with dates, places, actors; statistics
    yield from extract_documents(documents, settings, reference_date=reference_date)


def ingest_paths(
    paths: Iterable[str],
    settings: Settings,
    published: str | None = None,
    reference_date: date | None = None,
) -> Iterator[tuple[Document | SitrepError, BatchReport]]:
    """Read, extract and store every document; yields each outcome with the running report."""
    report = BatchReport()
    with Store(settings.database_url) as store:
        for item in extract_paths(paths, settings, published, reference_date):
            report.read += 1
            if isinstance(item, SitrepError):
                report.failures.append(item)
                yield item, report
                continue
            # store: one transaction per document; the same text twice changes nothing
            try:
                if store.save(item):
                    report.stored += 1
                    report.events += len(item.events)
                else:
                    report.unchanged += 1
            except SitrepError as error:
                report.failures.append(error)
                yield error, report
                continue
            yield item, report
        # consolidate: the new events join the incidents they report; only those incidents change
        store.consolidate(settings.pack)
