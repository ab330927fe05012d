"""Consolidation in the store: new events join incidents; only the incidents they touch are rewritten.

`consolidate` runs in one transaction after ingest:
1. documents without a fingerprint get one, linked to the earlier document they copy, if any;
2. events in no incident yet become reports; their blocks (place groups) are the touched blocks;
3. the touched blocks' reports, old and new, are re-clustered (`cluster.recluster`), which equals
   a batch run; incidents whose membership changed are rewritten, vanished ones deleted, the rest
   of the database left as it was.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Select, delete, select
from sqlalchemy.orm import Session, selectinload

from sitrep.consolidate.cluster import recluster
from sitrep.consolidate.fingerprint import DuplicateIndex, fingerprint
from sitrep.consolidate.incident import build_incident
from sitrep.consolidate.reports import Report, ReportKey, Theatre, report_from_event
from sitrep.consolidate.sources import SourceCatalogue, independence_groups
from sitrep.models import WEAPONS
from sitrep.store.records import event_record
from sitrep.store.search import search_body
from sitrep.store.tables import (DocumentRow, EventRow, FingerprintRow, IncidentMemberRow, IncidentRow,
                                 IncidentSearchRow, IncidentWeaponRow)

COLLISION_SUFFIX_LENGTH = 8  # of the content hash, appended to a doc_id that two stored documents share


@dataclass
class ConsolidationReport:
    """What a consolidation did: new events placed, incidents written and deleted."""

    new_events: int = 0
    written: int = 0
    deleted: int = 0


def fingerprint_new_documents(session: Session) -> None:
    """Give each document without a fingerprint one, and link it to the earlier document it copies."""
    new = session.scalars(
        select(DocumentRow).outerjoin(FingerprintRow, FingerprintRow.document_id == DocumentRow.id)
        .where(FingerprintRow.document_id.is_(None)).order_by(DocumentRow.id)
    ).all()
    if not new:
        return
    index = DuplicateIndex()
    for document_id, signature in session.execute(
        select(FingerprintRow.document_id, FingerprintRow.signature).order_by(FingerprintRow.document_id)
    ):
        index.add(str(document_id), signature)
    for document in new:
        signature = fingerprint(document.text)
        original = index.add(str(document.id), signature)
        session.add(FingerprintRow(document_id=document.id, signature=signature,
                                   original_id=int(original) if original else None))
    session.flush()


def report_doc_keys(session: Session, documents: Iterable[DocumentRow]) -> dict[int, str]:
    """Document row id -> the doc_id its reports (and incident members) use.

    A doc_id that two stored documents share gets "#" and the start of the content hash, so their
    events stay apart; otherwise it is the doc_id `sitrep extract` gives.
    """
    documents = {document.id: document for document in documents}
    doc_ids = {document.doc_id for document in documents.values()}
    shared = Counter(session.scalars(select(DocumentRow.doc_id).where(DocumentRow.doc_id.in_(doc_ids))))
    return {
        row_id: document.doc_id if shared[document.doc_id] <= 1
        else f"{document.doc_id}#{document.content_hash[:COLLISION_SUFFIX_LENGTH]}"
        for row_id, document in documents.items()
    }


def load_events(session: Session, query: Select[tuple[EventRow]]) -> list[EventRow]:
    """Events of a query with their documents and evidence loaded."""
    return list(session.scalars(query.options(selectinload(EventRow.document), selectinload(EventRow.evidence))))


def consolidate(session: Session, theatre: Theatre, catalogue: SourceCatalogue) -> ConsolidationReport:
    """Place every event not yet in an incident (see the module docstring)."""
    fingerprint_new_documents(session)
    new_events = load_events(session, select(EventRow).outerjoin(IncidentMemberRow).where(
        IncidentMemberRow.event_id.is_(None)).order_by(EventRow.id))
    report = ConsolidationReport(new_events=len(new_events))
    if not new_events:
        return report
    doc_keys = report_doc_keys(session, (event.document for event in new_events))
    new_reports = {event.id: report_of(event, doc_keys, theatre) for event in new_events}
    touched = {r.block for r in new_reports.values()}
    old_members = session.scalars(select(IncidentMemberRow).where(IncidentMemberRow.block.in_(touched))).all()
    old_events = load_events(session, select(EventRow).where(EventRow.id.in_([m.event_id for m in old_members])))
    doc_keys |= report_doc_keys(session, (event.document for event in old_events))
    reports = new_reports | {event.id: report_of(event, doc_keys, theatre) for event in old_events}
    events = {event.id: event for event in [*new_events, *old_events]}
    previous: dict[str, list[tuple[int, ReportKey]]] = defaultdict(list)
    for member in old_members:
        previous[member.incident_id].append((member.position, reports[member.event_id].key))
    changes = recluster({key: [k for _, k in sorted(items)] for key, items in previous.items()},
                        reports.values(), theatre)
    stale = changes.removed | (changes.changed & previous.keys())
    session.execute(delete(IncidentMemberRow).where(IncidentMemberRow.incident_id.in_(stale)))
    session.execute(delete(IncidentRow).where(IncidentRow.id.in_(stale)))
    by_key = {r.key: row_id for row_id, r in reports.items()}
    groups = document_groups(session, events.values(), doc_keys, catalogue)
    for incident_id in sorted(changes.changed):
        member_ids = [by_key[key] for key in changes.incidents[incident_id]]
        session.add(incident_row(incident_id, [events[i] for i in member_ids], reports[member_ids[0]],
                                 doc_keys, groups, catalogue, theatre))
    report.written, report.deleted = len(changes.changed), len(changes.removed)
    return report


def report_of(event: EventRow, doc_keys: dict[int, str], theatre: Theatre) -> Report:
    """A stored event as a clustering Report."""
    return report_from_event(doc_keys[event.document_id], event_record(event), theatre)


def document_groups(session: Session, events: Iterable[EventRow], doc_keys: dict[int, str],
                    catalogue: SourceCatalogue) -> dict[str, str]:
    """Report doc key -> independence group, from fingerprint links and outlets."""
    documents = {event.document_id: event.document for event in events}
    originals = dict(session.execute(
        select(FingerprintRow.document_id, FingerprintRow.original_id).where(FingerprintRow.document_id.in_(documents))
    ).all())
    original_rows = {row.id: row for row in session.scalars(
        select(DocumentRow).where(DocumentRow.id.in_([i for i in originals.values() if i is not None])))}
    doc_keys = doc_keys | report_doc_keys(session, original_rows.values())
    return independence_groups(
        ((doc_keys[row_id], document.outlet, doc_keys[originals.get(row_id) or row_id])
         for row_id, document in documents.items()),
        catalogue,
    )


def incident_row(incident_id: str, events: list[EventRow], anchor: Report, doc_keys: dict[int, str],
                 groups: dict[str, str], catalogue: SourceCatalogue, theatre: Theatre) -> IncidentRow:
    """The row (with member, weapon and search rows) that stores one incident; `events` come anchor first."""
    records = [event_record(event) | {"doc_id": doc_keys[event.document_id]} for event in events]
    incident = build_incident(incident_id, records, groups, catalogue, theatre)
    summary = incident.summary()
    names = [summary[name] for name in ("site", "admin1", "actor", "target")]
    placed = next(((event.lat, event.lon) for event in events if event.lat is not None and event.lon is not None),
                  (None, None))
    weapons = sorted({weapon for event in events for weapon in event.weapons or [] if weapon in WEAPONS})
    first_day = first_not_none(summary["date"], summary["date_earliest"], summary["date_latest"])
    return IncidentRow(
        id=incident_id, block=anchor.block, record=incident.to_record(),
        **{name: summary[name] for name in ("date", "date_earliest", "date_latest", "site", "admin1",
                                            "event_kind", "actor", "target", "status", "confidence",
                                            "n_reports", "n_sources")},
        country=summary["country"].upper() if summary["country"] else summary["country"],
        first_day=first_day,
        last_day=first_not_none(summary["date"], summary["date_latest"], summary["date_earliest"]),
        lat=placed[0], lon=placed[1],
        members=[IncidentMemberRow(event_id=event.id, block=anchor.block, position=position)
                 for position, event in enumerate(events)],
        weapons=[IncidentWeaponRow(weapon=weapon, first_day=first_day) for weapon in weapons],
        search=IncidentSearchRow(body=search_body(names, (item.text for event in events for item in event.evidence))),
    )


def first_not_none(*values: str | None) -> str | None:
    """The first value that is not None (SQL's coalesce)."""
    return next((value for value in values if value is not None), None)
