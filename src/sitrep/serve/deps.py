"""Request dependencies: the app's store and settings, incident filters from query parameters, the ingest token."""

from __future__ import annotations

import hmac
from datetime import date
from typing import Annotated

from fastapi import Depends, Header, HTTPException, Query, Request, status
from fastapi.exceptions import RequestValidationError

from sitrep.serve.schemas import TEXT_PATTERN, EventKind, Status, Weapon
from sitrep.settings import Settings
from sitrep.store import Store
from sitrep.store.queries import IncidentFilters

LON = r"-?(180(\.0{1,12})?|(1[0-7]\d|\d{1,2})(\.\d{1,12})?)"  # -180..180
LAT = r"-?(90(\.0{1,12})?|[1-8]?\d(\.\d{1,12})?)"  # -90..90
BBOX_PATTERN = rf"^{LON},{LAT},{LON},{LAT}$"
MAX_TEXT = 200
INGEST_OFF = "ingest is off: the operator turns it on by setting SITREP_API_TOKEN"

DAY_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"  # and format: date, for calendar days
FilterText = Annotated[str | None, Query(max_length=MAX_TEXT, pattern=TEXT_PATTERN)]


def app_store(request: Request) -> Store:
    """The store the app was created with."""
    return request.app.state.store


def app_settings(request: Request) -> Settings:
    """The settings the app was created with."""
    return request.app.state.settings


def parse_day(value: str | None, name: str) -> date | None:
    """A YYYY-MM-DD query value as a date, or a 422 (a number is not read as a timestamp)."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise RequestValidationError([{"type": "value_error", "loc": ("query", name), "input": value,
                                       "msg": "not a calendar day (YYYY-MM-DD)"}]) from None


def parse_bbox(bbox: str | None) -> tuple[float, float, float, float] | None:
    """`lon,lat,lon,lat` (two opposite corners, in any order; the pattern bounds them) as (west, south, east, north)."""
    if bbox is None:
        return None
    lon1, lat1, lon2, lat2 = (float(part) for part in bbox.split(","))
    return min(lon1, lon2), min(lat1, lat2), max(lon1, lon2), max(lat1, lat2)


def incident_filters(
    since: Annotated[str | None, Query(pattern=DAY_PATTERN, json_schema_extra={"format": "date"}, description="Incidents on or after this day (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, Query(pattern=DAY_PATTERN, json_schema_extra={"format": "date"}, description="Incidents on or before this day (YYYY-MM-DD).")] = None,
    country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{2}$", description="ISO 3166-1 alpha-2 code.")] = None,
    admin1: FilterText = None,
    site: FilterText = None,
    actor: FilterText = None,
    weapon: Weapon | None = None,
    event_kind: EventKind | None = None,
    status_: Annotated[Status | None, Query(alias="status")] = None,
    q: Annotated[str | None, Query(max_length=MAX_TEXT, pattern=TEXT_PATTERN,
                                   description="Free text: site, province, actor, target or evidence passages.")] = None,
    bbox: Annotated[str | None, Query(pattern=BBOX_PATTERN, description="west,south,east,north in degrees (two opposite corners, lon,lat,lon,lat).")] = None,
) -> IncidentFilters:
    """The incident filters of a request; text filters are case-insensitive substrings."""
    return IncidentFilters(
        since=parse_day(since, "since"), until=parse_day(until, "until"), country=country, admin1=admin1, site=site, actor=actor,
        weapon=weapon.value if weapon else None, event_kind=event_kind.value if event_kind else None,
        status=status_.value if status_ else None, text=q, bbox=parse_bbox(bbox),
    )


def require_token(
    settings: Annotated[Settings, Depends(app_settings)],
    authorization: Annotated[str | None, Header(include_in_schema=False)] = None,
) -> None:
    """Let a write through only with `Authorization: Bearer <SITREP_API_TOKEN>`.

    Without a configured token the endpoint is off and answers 404; a missing or wrong token gets
    401. The comparison is constant-time (`hmac.compare_digest` on the UTF-8 bytes).
    """
    if not settings.api_token:
        raise HTTPException(status.HTTP_404_NOT_FOUND, INGEST_OFF)
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), settings.api_token.encode()):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "a valid bearer token is required",
                            headers={"WWW-Authenticate": "Bearer"})
