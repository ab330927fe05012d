"""The ingest pipeline on a Dask cluster: workers read and extract, the driver alone writes.

The batch is cut into work units (a few files, or a slice of lines of a large JSONL file).
Each unit runs on a worker: read, skip what the store already holds (by content hash, from a
set the driver broadcasts once), extract. The driver stores the results in unit order, so the
database sees a single writer whatever its kind (SQLite included), and consolidates at the end.
Units in flight are bounded, so a batch of millions does not pile up in memory.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from distributed import Client, Future
from sitrep.errors import SitrepError, WorkerFailed
from sitrep.ingest.read import ReadOptions, folder_files, read_file, read_jsonl_slice
from sitrep.ingest.sniff import SNIFF_BYTES, Format, sniff_format
from sitrep.ingest.urls import FetchPolicy
from sitrep.models import Document
from sitrep.pipeline import BatchReport, Known, extract_documents, store_outcomes
from sitrep.settings import Settings
from sitrep.store import Store
from sitrep.store.repository import content_hash

LINES_PER_UNIT = 250  # JSONL lines per work unit: enough to amortise a task's overhead (~1 ms)
FILES_PER_UNIT = 50  # small files per work unit
IN_FLIGHT_PER_WORKER = 3  # units submitted ahead per worker thread


@dataclass(frozen=True)
class WorkUnit:
    """A share of a batch: whole files, or bytes start..end of one JSONL file (lines from first_line).

    `files` holds (path, found in a folder) pairs: files found in folders are read only when
    they are in a format sitrep reads, as `read_paths` does.
    """

    files: tuple[tuple[str, bool], ...] = ()
    jsonl: str | None = None
    start: int = 0
    end: int = 0
    first_line: int = 1

    @property
    def name(self) -> str:
        """What the unit is called in an error when its worker fails."""
        if self.jsonl is not None:
            return f"{self.jsonl} (lines from {self.first_line})"
        first = self.files[0][0]
        return first if len(self.files) == 1 else f"{first} (and {len(self.files) - 1} more files)"


def _jsonl_slices(path: Path, lines_per_unit: int) -> Iterator[WorkUnit]:
    """Cut a JSONL file at line boundaries into units of `lines_per_unit` lines."""
    start, first_line, lines, offset = 0, 1, 0, 0
    with path.open("rb") as handle:
        for line in handle:
            offset += len(line)
            lines += 1
            if lines == lines_per_unit:
                yield WorkUnit(jsonl=str(path), start=start, end=offset, first_line=first_line)
                start, first_line, lines = offset, first_line + lines, 0
    if lines:
        yield WorkUnit(jsonl=str(path), start=start, end=offset, first_line=first_line)


def _is_jsonl(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError:
        return False
    return bool(head) and sniff_format(head, path.suffix) == Format.jsonl


def plan_units(paths: Iterable[str], lines_per_unit: int = LINES_PER_UNIT,
               files_per_unit: int = FILES_PER_UNIT) -> list[WorkUnit]:
    """The work units of a batch, in the order `read_paths` would read it.

    A JSONL file is sliced by lines, so one large file spreads over every worker; other files
    (text, HTML, feeds, WARC, URL lists, and paths that turn out missing) go in groups.
    """
    units: list[WorkUnit] = []
    group: list[tuple[str, bool]] = []
    for raw_path in paths:
        path = Path(raw_path)
        in_folder = path.is_dir()
        for file in folder_files(path) if in_folder else [path]:
            if file.is_file() and _is_jsonl(file):
                if group:
                    units.append(WorkUnit(files=tuple(group)))
                    group = []
                units.extend(_jsonl_slices(file, lines_per_unit))
                continue
            group.append((str(file), in_folder))
            if len(group) == files_per_unit:
                units.append(WorkUnit(files=tuple(group)))
                group = []
    if group:
        units.append(WorkUnit(files=tuple(group)))
    return units


@lru_cache(maxsize=4)
def _settings(settings_json: str) -> Settings:
    return Settings.model_validate_json(settings_json)


def process_unit(unit: WorkUnit, settings_json: str, published: str | None, reference_date: date | None,
                 fetch_policy: FetchPolicy | None, known: frozenset[str]) -> list[Document | SitrepError | Known]:
    """On a worker: read a unit, mark what the store already holds, extract the rest."""
    settings = _settings(settings_json)
    options = ReadOptions(settings, published, reference_date, fetch_policy)
    if unit.jsonl is not None:
        items: Iterable[Document | SitrepError] = read_jsonl_slice(
            Path(unit.jsonl), unit.start, unit.end, unit.first_line, options)
    else:
        items = (item for file, in_folder in unit.files for item in read_file(Path(file), options, in_folder))
    marked = (Known(item) if isinstance(item, Document) and content_hash(item.text) in known else item
              for item in items)
    return list(extract_documents(marked, settings, reference_date))


def ingest_on_cluster(
    paths: list[str],
    settings: Settings,
    client: Client,
    published: str | None = None,
    reference_date: date | None = None,
    fetch_policy: FetchPolicy | None = None,
    consolidate: bool = True,
) -> Iterator[tuple[Document | SitrepError, BatchReport]]:
    """Read and extract on the cluster's workers; store and consolidate here, as the one writer.

    Yields each outcome with the running report, like `pipeline.ingest_paths`. A unit whose
    worker fails yields one WorkerFailed naming it; the other units go on. `consolidate` is
    that of `ingest_paths`.

    Raises:
        ValueError: `-` (stdin) is among the paths: workers cannot read the driver's stdin.
    """
    if "-" in paths:
        raise ValueError("stdin (-) cannot be read on a cluster; save it to a file first")
    report = BatchReport()
    units = plan_units(paths)
    workers = sum(client.nthreads().values()) or 1
    with Store(settings.database_url) as store:
        [known] = client.scatter([frozenset(store.stored_hashes())], broadcast=True)  # a list: one object, not its items
        # workers never open the store; its URL (which may hold a password) and secrets stay here
        driver_only = {"database_url"} | {name for name, spec in Settings.model_fields.items() if not spec.repr}
        settings_json = settings.model_dump_json(exclude=driver_only)
        pending: deque[tuple[WorkUnit, Future]] = deque()
        queue = iter(units)
        try:
            while True:
                while len(pending) < workers * IN_FLIGHT_PER_WORKER and (unit := next(queue, None)) is not None:
                    pending.append((unit, client.submit(process_unit, unit, settings_json, published, reference_date,
                                                        fetch_policy, known, pure=False)))
                if not pending:
                    break
                unit, future = pending.popleft()
                try:
                    results = future.result()
                except Exception as error:  # noqa: BLE001 - a worker's failure is reported as the unit's, and the batch goes on
                    results = [WorkerFailed(unit.name, f" ({type(error).__name__}: {error})")]
                yield from store_outcomes(results, store, report)  # a unit is one transaction
        except (KeyboardInterrupt, GeneratorExit):
            report.interrupted = True
            raise
        finally:
            client.cancel([future for _, future in pending])
            if consolidate:
                report.incidents_touched = store.consolidate(settings.pack).written
