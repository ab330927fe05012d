"""The repository API on SQLite and PostgreSQL: round trip, re-ingest, filters, atomicity."""

from __future__ import annotations

from dataclasses import asdict, replace

import pytest
from sqlalchemy import event as sa_event
from sqlalchemy.orm import Session

from sitrep.models import Document, Evidence
from sitrep.store import Store, StoreError
from sitrep.store.records import SOURCE_FIELDS


def keys(rows: list[dict]) -> list[tuple[str, str]]:
    """(doc_id, event id) of each row, in order."""
    return [(row["doc_id"], row["id"]) for row in rows]


def without_source(row: dict) -> dict:
    """A stored record minus the fields of its source document."""
    return {name: value for name, value in row.items() if name not in SOURCE_FIELDS}


OMAR = "fr_presstv_20240205_omar"
TOWER = "en_wire_20240128_tower22"
ASAD = "ar_outlet_20240121_asad"


def test_round_trip_keeps_every_event_field(filled_store: Store, corpus: list[Document]) -> None:
    stored = {(row["doc_id"], row["id"]): row for row in filled_store.events()}
    for document in corpus:
        for event in document.events:
            row = stored[(document.doc_id, event.id)]
            assert without_source(row) == asdict(event)
            assert row["url"] == document.url
            assert row["outlet"] == document.outlet
            assert row["published"] == document.published


def test_round_trip_keeps_statistics(filled_store: Store, corpus: list[Document]) -> None:
    (statistic,) = corpus[0].statistics
    (row,) = filled_store.statistics()
    assert without_source(row) == asdict(statistic)
    assert row["doc_id"] == OMAR


def test_document_count(filled_store: Store) -> None:
    assert filled_store.document_count() == 3


def test_resaving_same_text_is_a_no_op(filled_store: Store, corpus: list[Document]) -> None:
    before = filled_store.events()
    assert filled_store.save(corpus[0]) is False
    assert filled_store.save(replace(corpus[0], doc_id="renamed", events=[])) is False
    assert filled_store.document_count() == 3
    assert filled_store.events() == before


def test_same_doc_id_with_new_text_is_a_new_document(
    filled_store: Store, corpus: list[Document]
) -> None:
    assert filled_store.save(replace(corpus[1], text=corpus[1].text + " Updated."))
    assert filled_store.document_count() == 4


ALL_IN_ORDER = [(ASAD, "e1"), (TOWER, "e1"), (OMAR, "e2"), (OMAR, "e1"), (ASAD, "e2")]


@pytest.mark.parametrize(
    "filters,expected",
    [
        ({}, ALL_IN_ORDER),
        ({"since": "2024-02-01"}, [(OMAR, "e2"), (OMAR, "e1")]),
        ({"until": "2024-01-25"}, [(ASAD, "e1")]),
        ({"since": "2024-01-28", "until": "2024-01-28"}, [(TOWER, "e1")]),
        # date is null: the interval 02-03..02-04 overlaps the bounds
        ({"since": "2024-02-04", "until": "2024-02-04"}, [(OMAR, "e2")]),
        ({"since": "2024-02-05"}, [(OMAR, "e1")]),
        ({"site": "OMAR"}, [(OMAR, "e1")]),
        ({"site": "ain al-"}, [(ASAD, "e1")]),
        ({"site": "%"}, []),
        ({"actor": "islamic resistance"}, [(TOWER, "e1"), (OMAR, "e1")]),
        ({"country": "sy"}, [(OMAR, "e2"), (OMAR, "e1")]),
        ({"country": "JO", "actor": "Islamic"}, [(TOWER, "e1")]),
        ({"country": "IQ", "since": "2024-01-01"}, [(ASAD, "e1")]),
    ],
)
def test_event_filters(filled_store: Store, filters: dict, expected: list) -> None:
    assert keys(filled_store.events(**filters)) == expected


def test_bad_date_bound_is_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="since must be a date as YYYY-MM-DD"):
        store.events(since="last week")


def negative_killed(document: Document) -> None:
    document.events[0].killed = -1


def evidence_ends_before_start(document: Document) -> None:
    document.events[-1].evidence.append(Evidence("x", 10, 2))


def negative_statistic(document: Document) -> None:
    document.statistics[0].count = -5


@pytest.mark.parametrize("spoil", [negative_killed, evidence_ends_before_start, negative_statistic])
def test_refused_document_leaves_nothing_behind(
    store: Store, corpus: list[Document], spoil
) -> None:
    omar, tower, _ = corpus
    assert store.save(tower)
    spoil(omar)
    with pytest.raises(StoreError) as refused:
        store.save(omar)
    assert refused.value.code == "E009"
    assert refused.value.source == OMAR
    assert store.document_count() == 1
    assert keys(store.events()) == [(TOWER, "e1")]
    assert store.statistics() == []


def test_batch_with_a_refused_document_stores_the_others(store: Store, corpus: list[Document]) -> None:
    omar, tower, third = corpus
    negative_killed(omar)
    outcomes = store.save_many([tower, omar, third, tower])
    assert outcomes[0] is True and outcomes[2] is True and outcomes[3] is False  # the same text twice: once
    assert isinstance(outcomes[1], StoreError) and (outcomes[1].code, outcomes[1].source) == ("E009", OMAR)
    assert store.document_count() == 2
    assert store.save_many([tower, third]) == [False, False]
    assert store.save_many([]) == []


def test_failure_after_flush_rolls_back(store: Store, corpus: list[Document]) -> None:
    omar, tower, _ = corpus
    assert store.save(tower)

    def explode(session: Session, _context: object) -> None:
        raise RuntimeError("disk unplugged")

    sa_event.listen(Session, "after_flush", explode)
    try:
        with pytest.raises(RuntimeError, match="disk unplugged"):
            store.save(omar)
    finally:
        sa_event.remove(Session, "after_flush", explode)
    assert store.document_count() == 1
    assert keys(store.events()) == [(TOWER, "e1")]
    assert store.save(omar)
