"""Build the UI's offline basemap: Natural Earth country outlines around the theatre, as GeoJSON.

Source: the npm package `world-atlas@2.0.2` (Natural Earth 1:50m admin-0 countries, public domain,
as TopoJSON). Regenerate with:

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python -m sitrep.serve.basemap package/countries-50m.json src/sitrep/serve/static/data/countries.geojson
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

THEATRE_COUNTRIES = {  # ISO 3166-1 numeric -> alpha-2: the theatre and its neighbours
    "760": "SY", "368": "IQ", "400": "JO", "422": "LB", "376": "IL", "275": "PS", "792": "TR", "682": "SA",
    "364": "IR", "414": "KW", "818": "EG", "196": "CY",
}
DECIMALS = 3  # ~100 m: enough for a country outline


def decode_arcs(topology: dict[str, Any]) -> list[list[list[float]]]:
    """The topology's arcs as absolute [lon, lat] positions (undoing quantisation and delta coding)."""
    scale_x, scale_y = topology["transform"]["scale"]
    shift_x, shift_y = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append([round(x * scale_x + shift_x, DECIMALS), round(y * scale_y + shift_y, DECIMALS)])
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs: list[list[list[float]]]) -> list[list[float]]:
    """A closed ring from arc indexes (a negative index ~i is arc i reversed); shared end points kept once."""
    points: list[list[float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def country_features(topology: dict[str, Any], wanted: dict[str, str]) -> list[dict[str, Any]]:
    """GeoJSON features of the wanted countries (by numeric id), with `iso` and `name` properties."""
    arcs = decode_arcs(topology)
    features = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry.get("id") not in wanted:
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        coordinates = [[ring(r, arcs) for r in polygon] for polygon in polygons]
        features.append({"type": "Feature", "properties": {"iso": wanted[geometry["id"]],
                                                          "name": geometry["properties"]["name"]},
                         "geometry": {"type": "MultiPolygon", "coordinates": coordinates}})
    return sorted(features, key=lambda feature: feature["properties"]["iso"])


def main(source: str, target: str) -> None:
    """Write the theatre's country outlines from a world-atlas TopoJSON file."""
    topology = json.loads(Path(source).read_text(encoding="utf-8"))
    collection = {"type": "FeatureCollection", "features": country_features(topology, THEATRE_COUNTRIES)}
    Path(target).write_text(json.dumps(collection, separators=(",", ":")) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:3])
