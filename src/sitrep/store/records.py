"""Conversions between the shared records (`sitrep.models`) and the store's rows."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from sitrep.models import Document, Event, Evidence, Statistic
from sitrep.store.tables import DocumentRow, EventRow, EvidenceRow, StatisticRow

# Record field -> row attribute; building rows with keyword arguments makes a field added to
# a record but missing from the tables fail loudly instead of being dropped.
DOCUMENT_COLUMNS = {
    f.name: f.name for f in fields(Document) if f.name not in ("events", "statistics")
}
EVENT_COLUMNS = {
    f.name: "event_key" if f.name == "id" else f.name for f in fields(Event) if f.name != "evidence"
}
STATISTIC_COLUMNS = {f.name: f.name for f in fields(Statistic) if f.name != "evidence"}
SOURCE_FIELDS = ("doc_id", "url", "outlet", "published")
EVENT_RECORD_FIELDS = (*EVENT_COLUMNS, "evidence", *SOURCE_FIELDS)


def columns_of(record: Any, columns: dict[str, str]) -> dict[str, Any]:
    """Row keyword arguments taken from a record's fields."""
    return {column: getattr(record, name) for name, column in columns.items()}


def evidence_rows(evidence: list[Evidence]) -> list[EvidenceRow]:
    """Rows for the passages supporting one event or statistic."""
    return [EvidenceRow(text=item.text, start=item.start, end=item.end) for item in evidence]


def document_row(document: Document, content_hash: str) -> DocumentRow:
    """The row tree (document, events, statistics, evidence) that stores `document`."""
    return DocumentRow(
        content_hash=content_hash,
        events=[
            EventRow(**columns_of(event, EVENT_COLUMNS), evidence=evidence_rows(event.evidence))
            for event in document.events
        ],
        statistics=[
            StatisticRow(
                **columns_of(statistic, STATISTIC_COLUMNS),
                evidence=evidence_rows(statistic.evidence),
            )
            for statistic in document.statistics
        ],
        **columns_of(document, DOCUMENT_COLUMNS),
    )


def evidence_records(rows: list[EvidenceRow]) -> list[dict[str, Any]]:
    """Passages as {text, start, end} dicts."""
    return [{"text": row.text, "start": row.start, "end": row.end} for row in rows]


def source_fields(row: DocumentRow) -> dict[str, Any]:
    """Where a record comes from: doc_id, url, outlet, published."""
    return {name: getattr(row, name) for name in SOURCE_FIELDS}


def event_record(row: EventRow) -> dict[str, Any]:
    """An event as in the extract contract, plus the fields of its source document."""
    record = {name: getattr(row, column) for name, column in EVENT_COLUMNS.items()}
    record["evidence"] = evidence_records(row.evidence)
    return record | source_fields(row.document)


def incident_listing(record: dict[str, Any]) -> dict[str, Any]:
    """A stored incident record without its per-field provenance: what a listing shows."""
    return {name: value for name, value in record.items() if name != "fields"}


def statistic_record(row: StatisticRow) -> dict[str, Any]:
    """A statistic as in the extract contract, plus the fields of its source document."""
    record = {name: getattr(row, column) for name, column in STATISTIC_COLUMNS.items()}
    record["evidence"] = evidence_records(row.evidence)
    return record | source_fields(row.document)
