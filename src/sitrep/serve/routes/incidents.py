"""`/api/incidents`: the filtered, sorted, paginated listing, and one incident with its sources and conflicts."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Query, status

from sitrep.serve.deps import app_store, incident_filters
from sitrep.serve.schemas import ID_PATTERN, IncidentDetail, IncidentPage, Sort
from sitrep.store import Store
from sitrep.store.queries import IncidentFilters, incident_detail, incident_page

router = APIRouter(prefix="/api/incidents", tags=["incidents"])
MAX_PAGE = 500
MAX_OFFSET = 10_000_000


@router.get("", response_model=IncidentPage)
def list_incidents(
    filters: Annotated[IncidentFilters, Depends(incident_filters)],
    store: Annotated[Store, Depends(app_store)],
    sort: Annotated[Sort, Query(description="A column, '-' first for descending.")] = Sort.date,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> dict:
    """Incidents matching every filter given, one page at a time, with the total that match."""
    return incident_page(store, filters, sort.value, limit, offset)


@router.get("/{incident_id}", response_model=IncidentDetail, responses={404: {"description": "No such incident"}})
def get_incident(
    incident_id: Annotated[str, Path(pattern=ID_PATTERN)],
    store: Annotated[Store, Depends(app_store)],
) -> dict:
    """One incident: every source with its evidence, each field's values by source, its conflicts."""
    record = incident_detail(store, incident_id)
    if record is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such incident")
    return record
