"""Ingest one posted document: the pipeline's extract step, one store transaction, then consolidation."""

from __future__ import annotations

import threading
from typing import Any

from fastapi import HTTPException, status

from sitrep.errors import SitrepError
from sitrep.ingest.read import make_document
from sitrep.pipeline import extract_documents
from sitrep.serve.schemas import IngestRequest
from sitrep.settings import Settings
from sitrep.store import Store

INGEST_LOCK = threading.Lock()  # one ingest at a time per process: consolidation rewrites shared blocks


def ingest_document(store: Store, settings: Settings, body: IngestRequest) -> dict[str, Any]:
    """Extract, store and consolidate `body`; a document sitrep cannot read is a 422 naming the reason."""
    document = make_document(body.id, body.text, url=body.url, title=body.title, outlet=body.outlet,
                              published=body.published.isoformat() if body.published else None)
    extracted = next(extract_documents([document], settings))
    if isinstance(extracted, SitrepError):
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(extracted))
    with INGEST_LOCK:
        stored = store.save(extracted)
        report = store.consolidate(settings.pack)
    return {"doc_id": extracted.doc_id, "stored": stored, "events": len(extracted.events) if stored else 0,
            "incidents_written": report.written}
