"""Theatre packs: sites, actors, claimants and outlets of a conflict, loaded from data files."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from sitrep.packs.geonames import geonames_sites
from sitrep.packs.records import Actor, Outlet, Site

PACKS_DIR = Path(__file__).parent


@dataclass
class Pack:
    """Everything a theatre pack holds."""

    name: str
    sites: dict[str, Site] = field(default_factory=dict)
    actors: dict[str, Actor] = field(default_factory=dict)
    outlets: dict[str, Outlet] = field(default_factory=dict)
    claimants: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)


def _read_sites(path: Path) -> dict[str, Site]:
    sites = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            aliases = [row["name"]]
            for column in (c for c in row if c.startswith("aliases_")):  # one column per language
                aliases += [a.strip() for a in (row[column] or "").split("|") if a.strip()]
            sites[row["key"]] = Site(
                key=row["key"],
                name=row["name"],
                kind=row["kind"],
                country=row["country"],
                admin1=row["admin1"] or None,
                lat=float(row["lat"]),
                lon=float(row["lon"]),
                aliases=tuple(dict.fromkeys(aliases)),
            )
    return sites


def _read_yaml(path: Path) -> dict:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle) or {}


@lru_cache(maxsize=None)
def load_pack(name: str) -> Pack:
    """Load the theatre pack `name` from `packs/<name>/`."""
    folder = PACKS_DIR / name
    if not folder.is_dir():
        raise FileNotFoundError(f"no theatre pack named {name!r} in {PACKS_DIR}")
    actors = {
        actor_name: Actor(
            name=actor_name,
            kind=entry["kind"],
            role_default=entry["role_default"],
            aliases={lang: tuple(values) for lang, values in entry["aliases"].items()},
            side=entry.get("side"),
            generic=bool(entry.get("generic", False)),
        )
        for actor_name, entry in _read_yaml(folder / "actors.yaml").items()
    }
    outlets = {
        outlet_name: Outlet(outlet_name, entry.get("country"), entry["affiliation"], tuple(entry["aliases"]),
                            tuple(entry.get("domains", ())))
        for outlet_name, entry in _read_yaml(folder / "outlets.yaml").items()
    }
    claimants = {
        claimant: {lang: tuple(values) for lang, values in entry.items()}
        for claimant, entry in _read_yaml(folder / "claimants.yaml").items()
    }
    sites = _read_sites(folder / "sites.csv")
    if (folder / "theatre.yaml").is_file():  # the pack's own sites first, GeoNames towns after them
        sites.update(geonames_sites(folder))
    return Pack(name, sites, actors, outlets, claimants)
