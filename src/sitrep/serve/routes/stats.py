"""`/api/stats` and `/api/tallies`: counts per period, and stated tallies beside sitrep's own counts."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from sitrep.serve.deps import app_settings, app_store, incident_filters
from sitrep.serve.schemas import Group, Interval, Stats
from sitrep.settings import Settings
from sitrep.store import Store
from sitrep.store.queries import IncidentFilters, incident_counts

router = APIRouter(prefix="/api", tags=["stats"])


@router.get("/stats", response_model=Stats)
def stats(
    filters: Annotated[IncidentFilters, Depends(incident_filters)],
    store: Annotated[Store, Depends(app_store)],
    interval: Interval = Interval.day,
    by: Annotated[Group | None, Query(description="Split the counts by this field.")] = None,
) -> dict:
    """Matching incidents per day or ISO week (named by its Monday), in one series or one per value of `by`."""
    return incident_counts(store, filters, interval.value, by.value if by else None)


@router.get("/tallies")
def tallies(
    store: Annotated[Store, Depends(app_store)],
    settings: Annotated[Settings, Depends(app_settings)],
) -> list[dict[str, Any]]:
    """Each count stated in a document (claimant, period, place) beside sitrep's incident count for it."""
    return store.tallies(settings.pack)
