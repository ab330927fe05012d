"""`sitrep events` output: table, JSON lines and CSV, from a store on each backend."""

from __future__ import annotations

import csv
import io
import json

import pytest

from sitrep.cli.events import TABLE_COLUMNS, events_command, render_events
from sitrep.settings import Settings
from sitrep.store import Store
from sitrep.store.records import EVENT_RECORD_FIELDS


def rendered(rows: list[dict], fmt: str) -> str:
    """What render_events writes for `rows`."""
    out = io.StringIO()
    render_events(rows, fmt, out)
    return out.getvalue()


def test_jsonl_keeps_every_field(filled_store: Store) -> None:
    rows = filled_store.events()
    lines = rendered(rows, "jsonl").splitlines()
    assert [json.loads(line) for line in lines] == rows
    assert "قاعدة عين الأسد الجوية" in lines[0]


def test_csv_has_one_column_per_field(filled_store: Store) -> None:
    rows = filled_store.events(site="Tower")
    records = list(csv.DictReader(io.StringIO(rendered(rows, "csv"))))
    assert len(records) == 1
    (record,) = records
    assert list(record) == list(EVENT_RECORD_FIELDS)
    assert record["weapons"] == "drone"
    assert record["killed"] == "3"
    assert record["evidence"] == "a drone attack on Tower 22 | Sunday"


def test_csv_joins_lists(filled_store: Store) -> None:
    (record,) = csv.DictReader(io.StringIO(rendered(filled_store.events(site="Asad"), "csv")))
    assert record["weapons"] == "rocket;missile"
    assert record["reported_by"] == ""


def test_csv_without_rows_writes_the_header() -> None:
    assert rendered([], "csv").strip() == ",".join(EVENT_RECORD_FIELDS)


@pytest.fixture
def plain_output(monkeypatch: pytest.MonkeyPatch) -> None:
    """No forced terminal: a StringIO is then a plain file to rich."""
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE"):
        monkeypatch.delenv(name, raising=False)


@pytest.mark.usefixtures("plain_output")
def test_table_shows_dates_places_and_sources(filled_store: Store) -> None:
    table = rendered(filled_store.events(), "table")
    for header in TABLE_COLUMNS:
        assert header in table
    assert "2024-02-03..2024-02-04" in table
    assert "al-Omar oil field base" in table
    assert "Al Anbar" in table  # no site: the province stands in
    assert "en_wire_20240128_tower22" in table
    assert "5 events" in table


@pytest.mark.usefixtures("plain_output")
def test_table_written_to_a_file_does_not_wrap(filled_store: Store) -> None:
    lines = rendered(filled_store.events(), "table").splitlines()
    assert len(lines) == 3 + 5 + 2  # header box, one line per event, bottom rule, caption


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown format 'xml'"):
        rendered([], "xml")


def test_events_command_filters_and_renders(filled_store: Store, database_url: str) -> None:
    out = io.StringIO()
    settings = Settings(database_url=database_url)
    events_command(None, None, None, "islamic", "JO", "jsonl", settings, out=out)
    (line,) = out.getvalue().splitlines()
    assert json.loads(line)["doc_id"] == "en_wire_20240128_tower22"
