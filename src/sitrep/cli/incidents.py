"""`sitrep incidents`, `sitrep incident ID` and `sitrep tallies`: read consolidated incidents."""

from __future__ import annotations

import csv
import json
import sys
from typing import Any, TextIO

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from sitrep.settings import Settings
from sitrep.store import Store

FORMATS = ("table", "jsonl", "csv")
DETAIL_FORMATS = ("table", "json")
CSV_COLUMNS = ("id", "date", "date_earliest", "date_latest", "site", "admin1", "country", "event_kind", "weapons",
               "munition_count", "actor", "target", "killed", "injured", "status", "confidence", "n_reports",
               "n_sources", "conflicts", "members")
TABLE_COLUMNS = ("id", "date", "site", "country", "kind", "actor", "status", "confidence", "reports", "sources",
                 "conflicts")
TALLY_COLUMNS = ("claimant", "count", "what", "period", "countries", "sitrep counts", "sitrep", "difference", "doc_id")
UNBOUNDED_WIDTH = 10_000  # for output that is not a terminal: no cell wraps


def text(value: Any) -> str:
    """A cell: empty for None, lists joined with ', ', square brackets escaped from rich markup."""
    if value is None:
        return ""
    return escape(", ".join(map(str, value)) if isinstance(value, list | tuple) else str(value))


def console_for(out: TextIO) -> Console:
    """A rich console on `out`, unbounded in width when `out` is not a terminal."""
    console = Console(file=out)
    if not console.is_terminal:
        console.width = UNBOUNDED_WIDTH
    return console


def date_cell(row: dict[str, Any]) -> str:
    """The incident date, else its span as `earliest..latest`, else empty."""
    if row["date"]:
        return row["date"]
    return f"{row['date_earliest']}..{row['date_latest']}" if row["date_earliest"] else ""


def csv_cells(row: dict[str, Any]) -> dict[str, Any]:
    """An incident flattened for CSV: lists joined with ';', members as doc_id/event_id."""
    cells = {name: row.get(name) for name in CSV_COLUMNS}
    cells["members"] = [f"{m['doc_id']}/{m['event_id']}" for m in row["members"]]
    return {name: ";".join(map(str, value)) if isinstance(value, list) else value for name, value in cells.items()}


def render_incidents(rows: list[dict[str, Any]], fmt: str, out: TextIO) -> None:
    """Write `Store.incidents()` rows as a table, JSON lines (every field, members) or CSV."""
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        writer.writerows(csv_cells(row) for row in rows)
    elif fmt == "table":
        table = Table(*TABLE_COLUMNS, caption=f"{len(rows)} incidents")
        for row in rows:
            table.add_row(text(row["id"]), date_cell(row), text(row["site"] or row["admin1"]), text(row["country"]),
                          text(row["event_kind"]), text(row["actor"]), row["status"], f"{row['confidence']:.2f}",
                          str(row["n_reports"]), str(row["n_sources"]), text(row["conflicts"]))
        console_for(out).print(table)
    else:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def incidents_command(since: str | None, until: str | None, site: str | None, actor: str | None,
                      country: str | None, fmt: str, settings: Settings, out: TextIO | None = None,
                      outlet: str | None = None) -> None:
    """List the incidents stored at `settings.database_url`, filtered, on `out` (default stdout)."""
    with Store(settings.database_url) as store:
        rows = store.incidents(since=since, until=until, site=site, actor=actor, country=country, outlet=outlet)
    render_incidents(rows, fmt, out or sys.stdout)


def sources_table(record: dict[str, Any]) -> Table:
    """Every report of an incident: document, outlet and its affiliation, how it is told, evidence."""
    table = Table("doc_id", "event", "outlet", "affiliation", "published", "told as", "evidence",
                  title="sources")
    for member in record["members"]:
        told = [flag for flag in ("official", "claimed", "hedged", "denied") if member[flag]]
        if member["independent_of"] != member["doc_id"]:
            told.append(f"same source as {member['independent_of']}")
        table.add_row(text(member["doc_id"]), text(member["event_id"]), text(member["outlet"]),
                      text(member["affiliation"]), text(member["published"]), text(told) or "reported",
                      text(member["evidence"]))
    return table


def fields_table(record: dict[str, Any]) -> Table:
    """Each field: resolved value, how it was chosen, and every value with the documents giving it."""
    table = Table("field", "value", "chosen by", "conflict", "values by source", title="fields")
    for name, item in record["fields"].items():
        if not item["values"]:
            continue
        values = "; ".join(
            f"{text(value['value'])}: {text([source['doc_id'] for source in value['sources']])}"
            for value in item["values"]
        )
        table.add_row(name, text(item["value"]), item["method"], "yes" if item["conflict"] else "", values)
    return table


def render_incident(record: dict[str, Any], fmt: str, out: TextIO) -> None:
    """Write one incident record: as JSON, or as a summary line, a sources table and a fields table."""
    if fmt == "json":
        out.write(json.dumps(record, ensure_ascii=False, indent=2) + "\n")
        return
    if fmt != "table":
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(DETAIL_FORMATS)}")
    console = console_for(out)
    console.print(f"{record['id']}: {record['status']}, confidence {record['confidence']:.2f}, "
                  f"{record['n_reports']} reports from {record['n_sources']} independent sources; "
                  f"conflicts: {text(record['conflicts']) or 'none'}", markup=False, highlight=False)
    console.print(sources_table(record))
    console.print(fields_table(record))


def incident_command(incident_id: str, fmt: str, settings: Settings, out: TextIO | None = None) -> bool:
    """Show one incident with all its sources, evidence and conflicts; False when no such incident."""
    with Store(settings.database_url) as store:
        record = store.incident(incident_id)
    if record is None:
        Console(stderr=True).print(f"no incident {incident_id!r}; `sitrep incidents` lists them", markup=False)
        return False
    render_incident(record, fmt, out or sys.stdout)
    return True


def tally_cells(row: dict[str, Any]) -> list[str]:
    """One tally line."""
    period = f"{row['period_start'] or '?'}..{row['period_end'] or row['stated_date'] or '?'}"
    return [text(row["claimant"]), str(row["count"]), text(row["what"]), period, text(row["countries"]) or "any",
            row["counts"], str(row["sitrep_count"]), f"{row['difference']:+d}", text(row["doc_id"])]


def tallies_command(fmt: str, settings: Settings, out: TextIO | None = None) -> None:
    """Each stated tally beside sitrep's own incident count over the same period and place."""
    out = out or sys.stdout
    with Store(settings.database_url) as store:
        rows = store.tallies(settings.pack)
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif fmt == "table":
        table = Table(*TALLY_COLUMNS, caption=f"{len(rows)} tallies")
        for row in rows:
            table.add_row(*tally_cells(row))
        console_for(out).print(table)
    else:
        raise ValueError(f"unknown format {fmt!r}; choose table or jsonl")
