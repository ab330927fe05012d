"""`sitrep events`: list stored events as a table, JSON lines or CSV."""

from __future__ import annotations

import csv
import json
import sys
from typing import Any, TextIO

from rich.console import Console
from rich.table import Table

from sitrep.settings import Settings
from sitrep.store import Store
from sitrep.store.records import EVENT_RECORD_FIELDS

FORMATS = ("table", "jsonl", "csv")
TABLE_COLUMNS = ("date", "site", "country", "kind", "weapons", "count", "actor", "basis", "doc_id")
# Width for output that is not a terminal (a file, a pipe): wide enough that no cell wraps.
UNBOUNDED_WIDTH = 10_000


def date_cell(row: dict[str, Any]) -> str:
    """The event date, else its interval as `earliest..latest`, else empty."""
    if row["date"]:
        return row["date"]
    if row["date_earliest"] or row["date_latest"]:
        return f"{row['date_earliest'] or '?'}..{row['date_latest'] or '?'}"
    return ""


def table_cells(row: dict[str, Any]) -> list[str]:
    """One table line: date, place, country, kind, weapons, count, actor, basis, doc_id."""
    values = [
        date_cell(row),
        row["site"] or row["admin1"],
        row["country"],
        row["event_kind"],
        ", ".join(row["weapons"]),
        row["munition_count"],
        row["actor"],
        row["actor_basis"],
        row["doc_id"],
    ]
    return ["" if value is None else str(value) for value in values]


def csv_cells(row: dict[str, Any]) -> dict[str, Any]:
    """A row flattened for CSV: lists joined with ';', evidence as its quotes joined with ' | '."""
    cells = dict(row, evidence=" | ".join(item["text"] for item in row["evidence"]))
    return {
        name: ";".join(value) if isinstance(value, list) else value for name, value in cells.items()
    }


def render_events(rows: list[dict[str, Any]], fmt: str, out: TextIO) -> None:
    """Write `Store.events()` rows to `out` as a rich table, JSON lines or CSV.

    JSON lines keep every field (evidence with offsets); CSV has one column per field of
    EVENT_RECORD_FIELDS; the table shows TABLE_COLUMNS. Raises ValueError for another `fmt`.
    """
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=EVENT_RECORD_FIELDS)
        writer.writeheader()
        writer.writerows(csv_cells(row) for row in rows)
    elif fmt == "table":
        table = Table(*TABLE_COLUMNS, caption=f"{len(rows)} events")
        for row in rows:
            table.add_row(*table_cells(row))
        console = Console(file=out)
        if not console.is_terminal:
            console.width = UNBOUNDED_WIDTH
        console.print(table)
    else:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def events_command(
    since: str | None,
    until: str | None,
    site: str | None,
    actor: str | None,
    country: str | None,
    fmt: str,
    settings: Settings,
    out: TextIO | None = None,
) -> None:
    """List the events stored at `settings.database_url`, filtered, on `out` (default stdout)."""
    with Store(settings.database_url) as store:
        rows = store.events(since=since, until=until, site=site, actor=actor, country=country)
    render_events(rows, fmt, out or sys.stdout)
