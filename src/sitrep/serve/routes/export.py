"""`/api/export`: every matching incident as CSV, GeoJSON or ACLED's CSV layout, streamed."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import StreamingResponse

from sitrep.serve.deps import app_store, incident_filters
from sitrep.serve.exports import EXPORTS
from sitrep.serve.schemas import ExportFormat
from sitrep.store import Store
from sitrep.store.queries import IncidentFilters, incident_records

router = APIRouter(prefix="/api", tags=["export"])


@router.get("/export", response_class=StreamingResponse,
            responses={200: {"content": {"text/csv": {}, "application/geo+json": {}}}})
def export(
    filters: Annotated[IncidentFilters, Depends(incident_filters)],
    store: Annotated[Store, Depends(app_store)],
    format: ExportFormat = ExportFormat.csv,
) -> StreamingResponse:
    """Matching incidents, oldest first, as `csv`, `geojson` or `acled` (ACLED's column layout)."""
    writer, media_type, extension = EXPORTS[format.value]
    return StreamingResponse(writer(list(incident_records(store, filters))), media_type=media_type,
                             headers={"Content-Disposition": f'attachment; filename="sitrep-incidents.{extension}"'})
