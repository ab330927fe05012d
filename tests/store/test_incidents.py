"""Incidents in the store, on SQLite and PostgreSQL: consolidation after ingest, incrementality, reads."""

from __future__ import annotations

import io
import json

import pytest
from sqlalchemy import select

from sitrep.cli.incidents import render_incident, render_incidents
from sitrep.consolidate import incident_ids
from sitrep.consolidate.reports import load_theatre
from sitrep.models import Document, Event, Evidence, Statistic
from sitrep.pipeline import ingest_paths
from sitrep.settings import Settings
from sitrep.store import Store
from sitrep.store.tables import FingerprintRow, IncidentRow

PACK = "iraq_syria"
TOWER_WIRE = (
    "Three US service members were killed and dozens injured in a one-way drone attack on Tower 22, a "
    "small US outpost in northeastern Jordan near the Syrian border, the Pentagon said on Sunday. "
    "President Biden blamed Iran-backed militias operating in Syria and Iraq and vowed a response."
)


def document(doc_id: str, text: str, *events: Event, outlet: str | None = None,
             statistics: list[Statistic] | None = None) -> Document:
    return Document(doc_id=doc_id, text=text, outlet=outlet, published="2024-01-29", language="en",
                    events=list(events), statistics=statistics or [])


def attack(site: str, day: str, admin1: str, country: str, event_id: str = "e1", **fields) -> Event:
    return Event(id=event_id, date=day, date_earliest=day, date_latest=day, date_precision="day", site=site,
                 admin1=admin1, country=country, event_kind="drone_attack", weapons=["drone"],
                 evidence=[Evidence("a drone attack", 0, 14)], **fields)


def tower(event_id: str = "e1", **fields) -> Event:
    return attack("Tower 22", "2024-01-28", "Mafraq", "JO", event_id, target="US forces", **fields)


def omar(day: str = "2024-01-28", event_id: str = "e1", **fields) -> Event:
    return attack("al-Omar oil field base", day, "Deir ez-Zor", "SY", event_id, **fields)


CORPUS = [
    document("wire", TOWER_WIRE, tower(killed=3, injured=34, reported_by=["Pentagon"]), outlet="Reuters"),
    document("presstv", "Drones hit the US base at Tower 22 on the Jordanian border overnight, and rockets "
             "struck the occupation base at the al-Omar oil field.", tower(injured=25),
             omar(event_id="e2", munition_count=4), outlet="Press TV (French)"),
    document("omar", "Four rockets landed inside the al-Omar oil field base in Deir ez-Zor on Sunday, local "
             "sources said; no casualties were reported.", omar(munition_count=6, hedged=True)),
    document("asad", "An attack drone was shot down over Ain al-Asad air base on 20 January, officials said.",
             attack("Ain al-Asad air base", "2024-01-20", "Anbar", "IQ")),
]


def membership(store: Store) -> dict[str, list[tuple[str, str]]]:
    """incident id -> (doc_id, event id) of its members, in order."""
    return {row["id"]: [(m["doc_id"], m["event_id"]) for m in row["members"]] for row in store.incidents()}


def test_reports_of_one_attack_become_one_incident(store: Store) -> None:
    for item in CORPUS:
        store.save(item)
    report = store.consolidate(PACK)
    assert (report.new_events, report.written, report.deleted) == (5, 3, 0)
    groups = sorted(sorted(members) for members in membership(store).values())
    assert groups == [[("asad", "e1")], [("omar", "e1"), ("presstv", "e2")], [("presstv", "e1"), ("wire", "e1")]]


def test_store_equals_a_batch_run_whatever_the_order(store: Store) -> None:
    for item in reversed(CORPUS):  # one document at a time, in another order
        store.save(item)
        store.consolidate(PACK)
    batch = incident_ids([item.to_record() for item in CORPUS], load_theatre(PACK))
    expected: dict[str, list] = {}
    for key, incident in batch.items():
        expected.setdefault(incident, []).append(key)
    assert {key: sorted(members) for key, members in membership(store).items()} == \
        {key: sorted(members) for key, members in expected.items()}


def test_a_new_document_rewrites_only_the_incidents_it_touches(store: Store) -> None:
    store.save(CORPUS[0])
    store.save(CORPUS[3])
    store.consolidate(PACK)
    with store.sessions() as session:
        before = {row.id: row.updated_at for row in session.scalars(select(IncidentRow))}
    store.save(CORPUS[1])
    report = store.consolidate(PACK)
    with store.sessions() as session:
        after = {row.id: row.updated_at for row in session.scalars(select(IncidentRow))}
    asad = next(key for key in before if "ain_al_asad" in key)
    assert after[asad] == before[asad]
    assert report.new_events == 2 and report.written == 2  # Tower 22 gains a report; al-Omar is new


def test_consolidating_again_changes_nothing(store: Store) -> None:
    for item in CORPUS:
        store.save(item)
    store.consolidate(PACK)
    before = store.incidents()
    report = store.consolidate(PACK)
    assert (report.new_events, report.written, report.deleted) == (0, 0, 0)
    assert store.incidents() == before


def test_incident_keeps_every_source_and_flags_conflicts(store: Store) -> None:
    for item in CORPUS:
        store.save(item)
    store.consolidate(PACK)
    (omar_id,) = [row["id"] for row in store.incidents(site="omar")]
    record = store.incident(omar_id)
    counts = record["fields"]["munition_count"]
    assert counts["conflict"] and {v["value"]: [s["doc_id"] for s in v["sources"]] for v in counts["values"]} == {
        4: ["presstv"], 6: ["omar"]}
    assert "munition_count" in record["conflicts"]
    (tower_row,) = store.incidents(country="jo")
    assert tower_row["status"] == "confirmed" and tower_row["killed"] == 3
    assert {m["doc_id"]: m["affiliation"] for m in tower_row["members"]} == {
        "wire": "wire agency", "presstv": "Iranian state media"}
    assert store.incident("no-such-incident") is None


def test_incident_filters(store: Store) -> None:
    for item in CORPUS:
        store.save(item)
    store.consolidate(PACK)
    assert len(store.incidents()) == 3
    assert len(store.incidents(since="2024-01-21")) == 2
    assert len(store.incidents(until="2024-01-21")) == 1
    assert len(store.incidents(site="tower")) == 1
    assert len(store.incidents(country="IQ")) == 1
    assert store.incidents(actor="nobody") == []


def test_a_copied_article_is_linked_and_counts_once(store: Store) -> None:
    copy = document("copy", "UPDATED: " + TOWER_WIRE + " (AP)", tower(), outlet="Some Blog")
    store.save(CORPUS[0])
    store.save(copy)
    store.consolidate(PACK)
    with store.sessions() as session:
        originals = dict(session.execute(select(FingerprintRow.document_id, FingerprintRow.original_id)).all())
    first, second = sorted(originals)
    assert originals == {first: None, second: first}
    (row,) = store.incidents()
    assert (row["n_reports"], row["n_sources"]) == (2, 1)


def test_two_documents_with_one_doc_id_stay_apart(store: Store) -> None:
    store.save(document("same", TOWER_WIRE, tower()))
    store.save(document("same", "Another text about Tower 22.", tower()))
    store.consolidate(PACK)
    (row,) = store.incidents()
    doc_ids = {m["doc_id"] for m in row["members"]}
    assert len(doc_ids) == 2 and all(doc_id.startswith("same#") for doc_id in doc_ids)


def test_tallies_compare_with_stored_incidents(store: Store) -> None:
    tally = Statistic(claimant="Pentagon", count=5, what="attacks on US forces", period_start="2024-01-01",
                      stated_date="2024-01-29")
    store.save(document("tally", "The Pentagon counted five attacks this month.", statistics=[tally]))
    for item in CORPUS:
        store.save(item)
    store.consolidate(PACK)
    (row,) = store.tallies(PACK)
    assert (row["claimant"], row["count"], row["sitrep_count"], row["difference"]) == ("Pentagon", 5, 3, 2)


def test_jsonl_incidents_name_their_members(store: Store) -> None:
    for item in CORPUS:
        store.save(item)
    store.consolidate(PACK)
    out = io.StringIO()
    render_incidents(store.incidents(), "jsonl", out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(lines) == 3
    assert all(line["id"] and {"doc_id", "event_id"} <= set(line["members"][0]) for line in lines)


def test_csv_table_and_detail_renderings(store: Store) -> None:
    for item in CORPUS:
        store.save(item)
    store.consolidate(PACK)
    rows = store.incidents()
    out = io.StringIO()
    render_incidents(rows, "csv", out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("id,date,") and len(lines) == 4
    assert any("omar/e1;presstv/e2" in line or "presstv/e2;omar/e1" in line for line in lines)
    out = io.StringIO()
    render_incidents(rows, "table", out)
    assert "3 incidents" in out.getvalue()
    (omar_id,) = [row["id"] for row in rows if row["site"] == "al-Omar oil field base"]
    out = io.StringIO()
    render_incident(store.incident(omar_id), "table", out)
    shown = out.getvalue()
    assert "conflicts: munition_count" in shown and "6: omar; 4: presstv" in shown
    with pytest.raises(ValueError, match="format"):
        render_incidents(rows, "xml", io.StringIO())


def test_ingest_ends_with_consolidation(database_url: str, tmp_path) -> None:
    path = tmp_path / "tanf.txt"
    path.write_text("A drone attack targeted US forces at the al-Tanf garrison in Syria on Sunday, "
                    "officials said.", encoding="utf-8")
    settings = Settings(database_url=database_url)
    outcomes = list(ingest_paths([str(path)], settings, published="2024-01-29"))
    assert outcomes[-1][1].events >= 1
    with Store(database_url) as store:
        (row,) = store.incidents()
    assert row["site"] == "al-Tanf garrison" and row["members"][0]["doc_id"] == "tanf"
