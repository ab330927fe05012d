"""Places as consolidation sees them: canonical keys, coordinates, specificity, containment, blocks.

Two reports can describe one attack at different places: "in Erbil" and "at the Erbil airport base"
(a town containing a base), al-Tanf and Tower 22 (two installations 23 km apart, across a border),
"in Deir ez-Zor province" and the al-Omar base (a region containing a site). `PlaceIndex.relation`
grades such pairs; `PlaceIndex.block` partitions places into regions (admin1) joined wherever two
related listed sites straddle a border, and clustering runs block by block.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from sitrep.normalize import fold_token
from sitrep.packs import Pack

EARTH_RADIUS_KM = 6371.0
NEARBY_KM = 25.0  # two installations this close may be named for one attack (al-Tanf / Tower 22: 23 km)
TOWN_RADIUS_KM = 25.0  # a town is taken to contain installations this close (Erbil / its airport: 6 km)
# How precisely a place pins an attack down: installations, towns, regions, a bare country.
SPECIFICITY = {"base": 3, "airport": 3, "border_crossing": 3, "town": 2, "region": 1}
INSTALLATION, TOWN, REGION, COUNTRY = 3, 2, 1, 0
# Relations between two places, strongest first; NEAR also covers a site inside a region-level report.
SAME, CONTAINS, NEAR, UNRELATED = 3, 2, 1, 0
ARTICLE_AL = re.compile(r"(?<!\w)al[-\s]+")


def place_text_key(value: str) -> str:
    """Fold case, accents, Arabic variants and the article "al-" of a place name."""
    return " ".join(ARTICLE_AL.sub("", fold_token(value)).replace("'", " ").split())


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance in kilometres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    chord = (math.sin((phi2 - phi1) / 2) ** 2
             + math.cos(phi1) * math.cos(phi2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(chord))


@dataclass(frozen=True, slots=True)
class Place:
    """Where a report puts an attack, reduced to what clustering compares."""

    key: str  # pack site key, else the folded site name, else "CC/admin1" or "CC/"
    name: str  # a display name: the canonical site name, else the admin1 or country
    specificity: int
    region: str  # "CC/admin1" folded
    lat: float | None = None
    lon: float | None = None


class PlaceIndex:
    """A theatre pack's sites, indexed for `place`, `relation` and `block`."""

    def __init__(self, pack: Pack) -> None:
        self.pack = pack
        self._by_alias: dict[str, str] = {}
        for key, site in pack.sites.items():
            for alias in site.aliases:
                self._by_alias.setdefault(place_text_key(alias), key)
        self._by_alias.update({place_text_key(site.name): key for key, site in pack.sites.items()})
        self._blocks = self._region_blocks()

    def place(self, site: str | None, admin1: str | None, country: str | None,
              lat: float | None = None, lon: float | None = None) -> Place:
        """The Place of a report: a listed site (with pack coordinates), an unlisted one, or a region."""
        listed = self.pack.sites.get(self._by_alias.get(place_text_key(site), "")) if site else None
        if listed is not None:
            region = region_key(listed.country, listed.admin1)
            return Place(listed.key, listed.name, SPECIFICITY[listed.kind], region, listed.lat, listed.lon)
        region = region_key(country, admin1)
        if site:
            return Place(place_text_key(site), site, TOWN, region, lat, lon)
        return Place(region, admin1 or country or "", REGION if admin1 else COUNTRY, region)

    def block(self, place: Place) -> str:
        """The block of a place: regions linked by related sites across their borders."""
        return self._blocks.get(place.region, place.region)

    def relation(self, first: Place, second: Place) -> int:
        """SAME place, a town CONTAINS an installation, NEAR installations (or a site in a region's
        report), or UNRELATED (two different towns included)."""
        return place_relation(first, second)

    def _region_blocks(self) -> dict[str, str]:
        """Union-find over regions: two regions join when a listed site of one relates to one of the other.

        Only the pack's own sites (not GeoNames towns) link regions: a few dozen, compared pairwise.
        """
        parent: dict[str, str] = {}

        def root(region: str) -> str:
            while parent.setdefault(region, region) != region:
                region = parent[region]
            return region

        places = [self.place(site.name, site.admin1, site.country)
                  for site in self.pack.sites.values() if site.source == "pack"]
        for index, first in enumerate(places):
            root(first.region)
            for second in places[index + 1:]:
                if first.region != second.region and place_relation(first, second) > UNRELATED:
                    low, high = sorted((root(first.region), root(second.region)))
                    parent[high] = low
        return {region: root(region) for region in parent}


def region_key(country: str | None, admin1: str | None) -> str:
    """"CC/admin1" with the admin1 folded; "CC/" when only the country is known."""
    return f"{(country or '').upper()}/{place_text_key(admin1) if admin1 else ''}"


@lru_cache(maxsize=65536)
def place_relation(first: Place, second: Place) -> int:
    """See `PlaceIndex.relation`; cached, places being few and compared often."""
    if first.key == second.key:
        return SAME
    low, high = sorted((first, second), key=lambda place: place.specificity)
    if low.specificity <= REGION:
        return NEAR if low.specificity == REGION and low.region == high.region else UNRELATED
    if None in (low.lat, low.lon, high.lat, high.lon):
        return UNRELATED
    distance = distance_km(low.lat, low.lon, high.lat, high.lon)
    if low.specificity == TOWN:
        return CONTAINS if high.specificity > TOWN and distance <= TOWN_RADIUS_KM else UNRELATED
    return NEAR if distance <= NEARBY_KM else UNRELATED
