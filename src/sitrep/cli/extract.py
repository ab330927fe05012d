"""`sitrep extract` and `sitrep ingest`: run the pipeline over paths and report per document."""

from __future__ import annotations

import json
import sys
from datetime import date

from rich.console import Console
from rich.table import Table

from sitrep.cli.events import UNBOUNDED_WIDTH
from sitrep.errors import SitrepError
from sitrep.models import Document
from sitrep.pipeline import extract_paths, ingest_paths
from sitrep.settings import Settings


def _skipped(error: SitrepError, console: Console) -> None:
    console.print(f"skipped {error}", markup=False, highlight=False)


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
    for item in extract_paths(paths, settings, published, reference_date):
        if isinstance(item, SitrepError):
            failed = True
            _skipped(item, errors)
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


def ingest_command(paths: list[str], settings: Settings, published: str | None, reference_date: date | None) -> bool:
    """Store documents and their events; print a summary; False if any input failed."""
    errors = Console(stderr=True)
    report = None
    for item, report in ingest_paths(paths, settings, published, reference_date):
        if isinstance(item, SitrepError):
            _skipped(item, errors)
    if report is None:
        errors.print("nothing to ingest")
        return True
    errors.print(f"read {report.read}, stored {report.stored}, unchanged {report.unchanged}, "
                 f"events {report.events}, failed {len(report.failures)}", highlight=False)
    return not report.failures
