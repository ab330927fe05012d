"""`/api/documents`: a stored text with its evidence spans; ingest a new one (bearer token, off by default)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, status

from sitrep.serve.deps import app_settings, app_store, require_token
from sitrep.serve.ingest import ingest_document
from sitrep.serve.schemas import ID_PATTERN, DocumentDetail, IngestRequest, IngestResult
from sitrep.settings import Settings
from sitrep.store import Store
from sitrep.store.queries import document_detail

router = APIRouter(prefix="/api/documents", tags=["documents"])


@router.get("/{document_key}", response_model=DocumentDetail, responses={404: {"description": "No such document"}})
def get_document(
    document_key: Annotated[str, Path(pattern=ID_PATTERN, description="doc_id, or doc_id#hash as incidents give it")],
    store: Annotated[Store, Depends(app_store)],
) -> dict:
    """A document's text, with the evidence of each of its events and statistics as character offsets."""
    record = document_detail(store, document_key)
    if record is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such document")
    return record


@router.post(
    "", response_model=IngestResult, status_code=status.HTTP_201_CREATED,
    dependencies=[Depends(require_token)],
    responses={400: {"description": "The body is not JSON"},
               401: {"description": "Missing or wrong bearer token"},
               404: {"description": "Ingest is off (SITREP_API_TOKEN is not set)"}},
)
def post_document(
    body: IngestRequest,
    store: Annotated[Store, Depends(app_store)],
    settings: Annotated[Settings, Depends(app_settings)],
) -> dict:
    """Extract and store one document, then consolidate its events into incidents.

    Needs `Authorization: Bearer <SITREP_API_TOKEN>`; when the operator set no token, it answers 404.
    """
    return ingest_document(store, settings, body)
