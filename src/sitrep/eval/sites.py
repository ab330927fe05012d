"""The site gazetteer as the scorer and the baseline see it: names, aliases and coordinates."""

from __future__ import annotations

import csv
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

EARTH_RADIUS_KM = 6371.0
ALIAS_COLUMNS = ("name", "aliases_en", "aliases_fr", "aliases_ar")
# Typographic variants mapped to their plain forms before comparison.
PUNCTUATION_VARIANTS = str.maketrans({"\u2019": "'", "\u2018": "'", "\u2013": "-", "\u2014": "-", "\u2011": "-"})
# The article "al-" / "al " at the start of a word ("al-Omar", "Aïn al-Assad", "d'al-Omar").
ARTICLE_AL = re.compile(r"(?<!\w)al[-\s]+")


def normalise_text(value: str) -> str:
    """Fold case, accents, typographic punctuation and the article "al-" for comparison."""
    text = unicodedata.normalize("NFKD", value.casefold())
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = ARTICLE_AL.sub("", text.translate(PUNCTUATION_VARIANTS))
    return " ".join(text.split())


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance between two points in kilometres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    half_dphi = (phi2 - phi1) / 2
    half_dlambda = math.radians(lon2 - lon1) / 2
    chord = math.sin(half_dphi) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(half_dlambda) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(chord))


@dataclass(frozen=True)
class Site:
    """One row of sites.csv."""

    name: str
    country: str
    admin1: str | None
    lat: float
    lon: float
    aliases: tuple[str, ...]


class SiteIndex:
    """Maps any site name or alias to its canonical site, insensitive to case, accents and "al-"."""

    def __init__(self, sites: list[Site]) -> None:
        self.sites = sites
        self._by_alias: dict[str, Site] = {}
        for site in sites:
            for alias in site.aliases:
                self._by_alias.setdefault(normalise_text(alias), site)
        # A canonical name always means its own site, whatever other sites list as aliases.
        self._by_alias.update({normalise_text(site.name): site for site in sites})

    def lookup(self, name: str | None) -> Site | None:
        """The listed site a name or alias refers to, or None."""
        return self._by_alias.get(normalise_text(name)) if name else None

    def canonical_key(self, name: str) -> str:
        """The canonical name for a listed site, else the normalised name itself."""
        site = self.lookup(name)
        return site.name if site else normalise_text(name)


def read_sites(path: Path) -> list[Site]:
    """Read a sites.csv (pack or shared copy) into Site records."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [_site_from_row(row) for row in csv.DictReader(handle)]


def _site_from_row(row: dict[str, str]) -> Site:
    """One csv row -> Site; aliases from every language column, the name included."""
    aliases = tuple(alias.strip() for column in ALIAS_COLUMNS for alias in row[column].split("|") if alias.strip())
    return Site(
        name=row["name"],
        country=row["country"],
        admin1=row["admin1"] or None,
        lat=float(row["lat"]),
        lon=float(row["lon"]),
        aliases=aliases,
    )


@cache
def pack_sites(pack: str = "iraq_syria") -> SiteIndex:
    """The site index of a theatre pack shipped with sitrep."""
    return SiteIndex(read_sites(Path(str(files("sitrep") / "packs" / pack / "sites.csv"))))
