"""`sitrep extract`, `sitrep ingest` and `sitrep watch`: run the pipeline over paths and report per document.

Progress bars (docs/s, ETA) go to stderr and only when stderr is a terminal, so that
`--format jsonl` on stdout stays pipeable and logs stay free of control codes.
"""

from __future__ import annotations

import json
import sys
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TypeVar

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, Task, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from sitrep.cli.events import UNBOUNDED_WIDTH
from sitrep.errors import SitrepError
from sitrep.models import Document
from sitrep.pipeline import BatchReport, count_documents, extract_paths, ingest_paths, watch_folder
from sitrep.settings import Settings

Item = TypeVar("Item")


class RateColumn(ProgressColumn):
    """Documents per second, averaged over the run."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.1f} docs/s" if speed else "- docs/s", style="progress.data.speed")


@contextmanager
def progress_bar(console: Console, paths: list[str]) -> Iterator[Progress | None]:
    """A Rich progress bar over the documents of `paths`, or None when `console` is not a terminal."""
    if not console.is_terminal or "-" in paths:
        yield None
        return
    progress = Progress(TextColumn("[progress.description]{task.description}"), BarColumn(),
                        MofNCompleteColumn(), RateColumn(), TimeRemainingColumn(), console=console)
    with progress:
        progress.add_task("documents", total=count_documents(paths) or None)
        yield progress


def advance(progress: Progress | None, items: Iterable[Item]) -> Iterator[Item]:
    """Pass `items` through, advancing the progress bar (and its total, when it is passed) per item."""
    for item in items:
        if progress is not None:
            task = progress.tasks[0]
            if task.total is not None and task.completed + 1 > task.total:
                progress.update(task.id, total=task.completed + 1)
            progress.advance(task.id)
        yield item


def _say(console: Console, line: str) -> None:
    """Print one plain line, never wrapped: one line per input or count, greppable in logs."""
    console.print(line, markup=False, highlight=False, soft_wrap=True)


def _skipped(error: SitrepError, console: Console) -> None:
    _say(console, f"skipped {error}")


def _events_table(documents: list[Document]) -> Table:
    table = Table("doc", "date", "site / admin1", "country", "kind", "weapons", "n", "actor", "basis")
    for document in documents:
        for event in document.events:
            table.add_row(document.doc_id, event.date or f"{event.date_earliest}..{event.date_latest}",
                          event.site or event.admin1 or "", event.country or "", event.event_kind,
                          ",".join(event.weapons), str(event.munition_count or ""), event.actor or "", event.actor_basis)
    return table


def extract_command(paths: list[str], settings: Settings, published: str | None,
                    reference_date: date | None, fmt: str) -> bool:
    """Print each document's extract record (jsonl) or an events table; False if any input failed."""
    errors = Console(stderr=True)
    failed, documents = False, []
    with progress_bar(errors, paths) as progress:
        console = progress.console if progress else errors
        for item in advance(progress, extract_paths(paths, settings, published, reference_date)):
            if isinstance(item, SitrepError):
                failed = True
                _skipped(item, console)
            elif fmt == "jsonl":
                sys.stdout.write(json.dumps(item.to_record(), ensure_ascii=False) + "\n")
            else:
                documents.append(item)
    if fmt == "table":
        console = Console()
        if not console.is_terminal:  # piped: full cells, no wrapping
            console.width = UNBOUNDED_WIDTH
        console.print(_events_table(documents))
    return not failed


def summary_lines(report: BatchReport) -> list[str]:
    """The final summary of a batch: counts, then one line per reason inputs were skipped."""
    lines = [f"read {report.read}, stored {report.stored}, unchanged {report.unchanged}, "
             f"skipped {len(report.failures)}, events {report.events}, incidents touched {report.incidents_touched}"]
    lines += [f"  {count} skipped: {reason}" for reason, count in report.failure_counts()]
    if report.interrupted:
        lines.append("interrupted: what was stored stays stored; run the same command again to do the rest")
    return lines


def ingest_command(paths: list[str], settings: Settings, published: str | None, reference_date: date | None,
                   workers: int | None = None, dask_address: str | None = None) -> bool:
    """Store documents and their events; print a summary; False if any input failed or was interrupted.

    Args:
        workers: read and extract on a local Dask cluster of this many worker processes.
        dask_address: read and extract on the Dask scheduler at this address.
    """
    if workers is None and dask_address is None:
        return report_outcomes(paths, ingest_paths(paths, settings, published, reference_date))
    from distributed import Client, LocalCluster  # imported only for a cluster run: it takes a second

    from sitrep.scale import ingest_on_cluster

    if dask_address is not None:
        with Client(dask_address) as client:
            return report_outcomes(paths, ingest_on_cluster(paths, settings, client, published, reference_date))
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      dashboard_address=":0") as cluster, \
            Client(cluster) as client:
        return report_outcomes(paths, ingest_on_cluster(paths, settings, client, published, reference_date))


def report_outcomes(paths: list[str], outcomes: Iterable[tuple[Document | SitrepError, BatchReport]]) -> bool:
    """Print each skipped input (with a progress bar on a terminal), then the batch summary."""
    errors = Console(stderr=True)
    report = None
    try:
        with progress_bar(errors, paths) as progress:
            console = progress.console if progress else errors
            for item, report in advance(progress, outcomes):
                if isinstance(item, SitrepError):
                    _skipped(item, console)
    except KeyboardInterrupt:
        if report is not None:
            report.interrupted = True
    if report is None:
        errors.print("nothing to ingest")
        return True
    for line in summary_lines(report):
        _say(errors, line)
    return not report.failures and not report.interrupted


def watch_command(folder: Path, settings: Settings, interval: float, stop: threading.Event | None = None) -> None:
    """Ingest the files of `folder` as they appear; print each document's fate, and totals on Ctrl-C."""
    errors = Console(stderr=True)
    _say(errors, f"watching {folder} every {interval:g} s; Ctrl-C to stop")
    rounds: list[BatchReport] = []
    stored_before = 0
    try:
        for item, report in watch_folder(folder, settings, interval, stop):
            if not rounds or report is not rounds[-1]:
                rounds.append(report)
                stored_before = 0
            if isinstance(item, SitrepError):
                _skipped(item, errors)
            else:
                fate = f"stored ({len(item.events)} events)" if report.stored > stored_before else "unchanged"
                _say(errors, f"{fate} {item.doc_id}")
            stored_before = report.stored
    except KeyboardInterrupt:
        pass
    for line in summary_lines(merged_report(rounds)):
        _say(errors, line)


def merged_report(reports: list[BatchReport]) -> BatchReport:
    """One report adding up several batches (the rounds of a watch)."""
    total = BatchReport()
    for report in reports:
        total.read += report.read
        total.stored += report.stored
        total.unchanged += report.unchanged
        total.events += report.events
        total.failures += report.failures
        total.incidents_touched += report.incidents_touched
    return total
