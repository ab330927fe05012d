"""ingest -> extract (+ resolve) -> store -> consolidate: one comment and one call per step."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from pathlib import Path

from sitrep.errors import SitrepError
from sitrep.extract import BATCH_SIZE, Extractor
from sitrep.ingest import read_paths
from sitrep.ingest.read import folder_files
from sitrep.ingest.urls import FetchPolicy
from sitrep.models import Document
from sitrep.settings import Settings
from sitrep.store import Store
from sitrep.store.repository import content_hash

RESUME_BATCH = 256  # documents whose content hashes are looked up in the store in one query
STORE_BATCH = BATCH_SIZE  # extracted documents stored in one transaction


@dataclass
class BatchReport:
    """What a batch did: documents read, stored, already known, failures by source, incidents touched."""

    read: int = 0
    stored: int = 0
    unchanged: int = 0
    events: int = 0
    failures: list[SitrepError] = field(default_factory=list)
    incidents_touched: int = 0
    interrupted: bool = False

    def failure_counts(self) -> list[tuple[str, int]]:
        """How many inputs were skipped for each reason ("E003 file is not valid UTF-8"), most first."""
        counts = Counter(f"{error.code} {error.reason()}" for error in self.failures)
        return counts.most_common()


@dataclass(frozen=True)
class Known:
    """A document whose text is already stored: counted as unchanged, never extracted again."""

    document: Document


def extract_documents(
    items: Iterable[Document | SitrepError | Known],
    settings: Settings,
    reference_date: date | None = None,
) -> Iterator[Document | SitrepError | Known]:
    """Extract events from each document in batches; a failure is yielded in the document's place.

    Errors and `Known` documents pass through in order, unextracted.
    """
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
            yield extracted[id(item)] if isinstance(item, Document) else item


def extract_paths(
    paths: Iterable[str],
    settings: Settings,
    published: str | None = None,
    reference_date: date | None = None,
    fetch_policy: FetchPolicy | None = None,
) -> Iterator[Document | SitrepError]:
    """Read every path (files, folders, stdin, any format) and extract each document in turn."""
    # ingest: files, feeds, archives, URL lists -> Documents (bad inputs -> errors)
    documents = read_paths(paths, settings, published=published, reference_date=reference_date,
                           fetch_policy=fetch_policy)
    # extract + resolve: Documents -> events with dates, places, actors; statistics
    yield from extract_documents(documents, settings, reference_date=reference_date)  # type: ignore[misc]


def skip_stored(items: Iterable[Document | SitrepError], store: Store) -> Iterator[Document | SitrepError | Known]:
    """Mark documents already in the store as `Known`, so a re-run batch only extracts the rest.

    This is what makes an interrupted batch resumable: every stored document was committed
    (`STORE_BATCH` at a time), and the re-run recognises it by content hash before extraction.
    """
    iterator = iter(items)
    while batch := list(islice(iterator, RESUME_BATCH)):
        known = store.stored_hashes(content_hash(item.text) for item in batch if isinstance(item, Document))
        for item in batch:
            is_known = isinstance(item, Document) and content_hash(item.text) in known
            yield Known(item) if is_known else item  # type: ignore[arg-type]


def store_outcomes(items: list[Document | SitrepError | Known], store: Store,
                   report: BatchReport) -> Iterator[tuple[Document | SitrepError, BatchReport]]:
    """Save the extracted documents of `items` in one transaction, then yield each item's outcome.

    Each item is counted in the running report as it is yielded; items the caller does not take
    (it stopped early: `yield from` closes this generator too) are counted all the same, since
    they are stored. Errors and known documents are counted, not stored; a document the database refuses
    becomes its StoreError and the others are stored (see `Store.save_many`).
    """
    documents = [item for item in items if isinstance(item, Document)]
    saved = dict(zip(map(id, documents), store.save_many(documents), strict=True))
    remaining = iter(items)
    try:
        for item in remaining:
            yield count_outcome(item, saved.get(id(item)), report), report
    finally:
        for item in remaining:
            count_outcome(item, saved.get(id(item)), report)


def count_outcome(item: Document | SitrepError | Known, saved: bool | SitrepError | None,
                  report: BatchReport) -> Document | SitrepError:
    """Count one item in the running report (`saved`: what storing it gave); return its outcome."""
    report.read += 1
    if isinstance(item, Known):
        report.unchanged += 1
        return item.document
    if isinstance(item, SitrepError) or isinstance(saved, SitrepError):
        report.failures.append(item if isinstance(item, SitrepError) else saved)  # type: ignore[arg-type]
        return report.failures[-1]
    report.stored += bool(saved)
    report.unchanged += not saved
    report.events += len(item.events) if saved else 0
    return item


def ingest_paths(
    paths: Iterable[str],
    settings: Settings,
    published: str | None = None,
    reference_date: date | None = None,
    fetch_policy: FetchPolicy | None = None,
    consolidate: bool = True,
) -> Iterator[tuple[Document | SitrepError, BatchReport]]:
    """Read, extract and store every document; yields each outcome with the running report.

    Documents already stored are recognised by content hash before extraction, so re-running an
    interrupted batch does only the rest. Consolidation runs at the end, and also when the
    batch is interrupted (KeyboardInterrupt or the caller closing the generator early); with
    `consolidate=False` it is left to the next batch that consolidates (bulk loads in parts).
    """
    report = BatchReport()
    with Store(settings.database_url) as store:
        try:
            # ingest: files, feeds, archives, URL lists -> Documents (bad inputs -> errors)
            documents = read_paths(paths, settings, published=published, reference_date=reference_date,
                                   fetch_policy=fetch_policy)
            # resume: documents already stored are counted as unchanged and not extracted again
            fresh = skip_stored(documents, store)
            # extract + resolve: Documents -> events with dates, places, actors; statistics
            extracted = extract_documents(fresh, settings, reference_date=reference_date)
            while batch := list(islice(extracted, STORE_BATCH)):
                # store: one transaction per batch; the same text twice changes nothing
                yield from store_outcomes(batch, store, report)
        except (KeyboardInterrupt, GeneratorExit):
            report.interrupted = True
            raise
        finally:
            # consolidate: the new events join the incidents they report; only those incidents change
            if consolidate:
                report.incidents_touched = store.consolidate(settings.pack).written


def count_documents(paths: Iterable[str]) -> int:
    """A cheap estimate of how many documents `paths` hold, for a progress bar's total.

    A JSONL file counts its non-blank lines; any other file counts one (a feed or an archive
    holds more: the bar's total grows when the count passes it).
    """
    total = 0
    for raw_path in paths:
        path = Path(raw_path)
        files = folder_files(path) if path.is_dir() else [path] if path.is_file() else []
        for file in files:
            if file.suffix.lower() in (".jsonl", ".ndjson"):
                with file.open("rb") as handle:
                    total += sum(1 for line in handle if line.strip())
            else:
                total += 1
    return total


@dataclass
class WatchState:
    """What `watch_folder` has seen: each file's (size, mtime) at the last poll and when last ingested."""

    seen: dict[Path, tuple[int, int]] = field(default_factory=dict)
    ingested: dict[Path, tuple[int, int]] = field(default_factory=dict)


def ready_files(folder: Path, state: WatchState) -> list[Path]:
    """Files new or changed since they were last ingested, and unchanged since the previous poll.

    A file still being written changes between two polls, so it waits for the next one.
    """
    current: dict[Path, tuple[int, int]] = {}
    for path in folder_files(folder):
        try:
            stat = path.stat()
        except OSError:  # removed between listing and stat: nothing to ingest
            continue
        current[path] = (stat.st_size, stat.st_mtime_ns)
    ready = [path for path, mark in current.items()
             if state.seen.get(path) == mark and state.ingested.get(path) != mark]
    state.seen = current
    for path in ready:
        state.ingested[path] = current[path]
    return ready


def watch_folder(
    folder: Path,
    settings: Settings,
    interval: float = 2.0,
    stop: threading.Event | None = None,
    reference_date: date | None = None,
) -> Iterator[tuple[Document | SitrepError, BatchReport]]:
    """Ingest the files of `folder` as they appear, until `stop` is set (or forever).

    Polls every `interval` seconds; a file is ingested once it has stayed the same size and
    modification time for one interval, and again if it changes later. Files already ingested
    before the watch began are read again at start, and recognised by content hash.
    """
    stop = stop or threading.Event()
    state = WatchState()
    ready_files(folder, state)  # the first poll only records what is there
    while not stop.wait(interval):
        ready = ready_files(folder, state)
        if ready:
            yield from ingest_paths([str(path) for path in ready], settings, reference_date=reference_date)
