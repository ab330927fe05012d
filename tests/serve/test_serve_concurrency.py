"""Concurrent writes and API reads on one store lose nothing and break nothing (SQLite and PostgreSQL)."""

from __future__ import annotations

import threading
from dataclasses import replace

from fastapi.testclient import TestClient

from sitrep.models import Document, Event
from sitrep.store import Store

WRITERS = 3
DOCUMENTS_EACH = 5


def numbered_document(writer: int, number: int) -> Document:
    """A distinct invented report of a rocket attack on al-Tanf on its own day."""
    day = f"2024-03-{number + 1 + writer * DOCUMENTS_EACH:02d}"
    text = f"Writer {writer}, report {number}: rockets hit al-Tanf garrison on {day}."
    return Document(doc_id=f"concurrent_{writer}_{number}", text=text, published=day, language="en",
                    events=[Event(id="e1", date=day, date_precision="day", site="al-Tanf garrison", country="SY",
                                  lat=33.5, lon=38.6, event_kind="rocket_or_missile_attack", weapons=["rocket"])])


def test_concurrent_saves_and_reads(client: TestClient, seeded_store: Store) -> None:
    before = client.get("/api/incidents").json()["total"]
    errors: list[BaseException] = []
    done = threading.Event()

    def write(writer: int) -> None:
        try:
            for number in range(DOCUMENTS_EACH):
                assert seeded_store.save(numbered_document(writer, number))
                seeded_store.save(replace(numbered_document(writer, number)))  # the same text again: no-op
        except BaseException as error:  # noqa: BLE001 - collected and re-raised by the test
            errors.append(error)

    def read() -> None:
        try:
            while not done.is_set():
                assert client.get("/api/incidents", params={"country": "SY"}).status_code == 200
                assert client.get("/api/stats").status_code == 200
        except BaseException as error:  # noqa: BLE001
            errors.append(error)

    reader = threading.Thread(target=read)
    writers = [threading.Thread(target=write, args=(writer,)) for writer in range(WRITERS)]
    reader.start()
    for thread in writers:
        thread.start()
    for thread in writers:
        thread.join()
    seeded_store.consolidate("iraq_syria")
    done.set()
    reader.join()
    assert errors == []
    assert seeded_store.document_count() == 4 + WRITERS * DOCUMENTS_EACH
    assert client.get("/api/incidents").json()["total"] == before + WRITERS * DOCUMENTS_EACH  # one per day
