"""Consolidation: every report of one real-world attack, across documents, becomes one incident.

places       canonical places, containment (Erbil / its airport), nearby sites, blocks
reports      an event as one document tells it; the theatre knowledge clustering uses
cluster      reports -> incidents: deterministic, incremental, O(n log n)
fingerprint  syndicated and copied documents (MinHash LSH)
sources      outlets and officials from the pack; which documents are independent
provenance   each field's values by source, the resolved value and how it was chosen; conflicts
status       claimed / reported / confirmed / denied, and a confidence score
incident     the assembled incident
tallies      counts stated by officials or groups beside sitrep's own incident count
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sitrep.consolidate.cluster import cluster_reports
from sitrep.consolidate.reports import ReportKey, Theatre, report_from_event


def incident_ids(records: Iterable[Mapping[str, Any]], theatre: Theatre) -> dict[ReportKey, str]:
    """(doc_id, event id) -> incident id, for every event of extract records (one per document)."""
    reports = [report_from_event(record["doc_id"], event, theatre)
               for record in records for event in record.get("events") or []]
    return {key: incident for incident, keys in cluster_reports(reports, theatre).items() for key in keys}
