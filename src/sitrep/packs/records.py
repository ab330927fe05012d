"""The records a theatre pack holds: sites, actors, outlets."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Site:
    """A named place of the theatre with its aliases in every script."""

    key: str
    name: str
    kind: str  # base | airport | town | region | border_crossing
    country: str
    admin1: str | None
    lat: float
    lon: float
    aliases: tuple[str, ...]
    source: str = "pack"  # pack | geonames


@dataclass(frozen=True)
class Actor:
    """An armed actor; `kind` is group or state; `role_default` actor or target."""

    name: str
    kind: str
    role_default: str
    aliases: dict[str, tuple[str, ...]]
    side: str | None = None
    generic: bool = False


@dataclass(frozen=True)
class Outlet:
    """A news outlet or channel that reports are attributed to."""

    name: str
    country: str | None
    affiliation: str
    aliases: tuple[str, ...]
    domains: tuple[str, ...] = ()
