"""The shipped basemap: province outlines with sitrep's admin1 names and a point inside each; its geometry helpers."""

from __future__ import annotations

import csv
import json

import pytest

from sitrep.serve.app import STATIC_DIR
from sitrep.serve.basemap import (
    PACK_DIR, THEATRE_COUNTRIES, pack_admin1_names, representative_point, simplified, sitrep_admin1,
)

PROVINCES = json.loads((STATIC_DIR / "data" / "provinces.geojson").read_text(encoding="utf-8"))["features"]
NO_POLYGON = {("IQ", "Halabja"), ("LB", "Baalbek-Hermel")}  # provinces newer than Natural Earth's boundaries


def inside(point: list[float], polygon: list[list[list[float]]]) -> bool:
    """Even-odd test of a [lon, lat] point against a polygon's rings."""
    x, y = point
    crossings = sum(1 for points in polygon for (x0, y0), (x1, y1) in zip(points, points[1:])
                    if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0))
    return crossings % 2 == 1


def test_every_theatre_country_has_provinces() -> None:
    assert {feature["properties"]["iso"] for feature in PROVINCES} == set(THEATRE_COUNTRIES.values())


def test_sitrep_names_are_pack_names() -> None:
    assert {(code[:2], name) for code, name in sitrep_admin1().items()} <= pack_admin1_names()


def test_shipped_provinces_carry_the_sitrep_names() -> None:
    shipped = {feature["properties"]["code"]: feature["properties"]["sitrep_name"] for feature in PROVINCES
               if feature["properties"]["sitrep_name"]}
    assert shipped == sitrep_admin1()


def test_every_pack_province_has_a_polygon_but_the_newest() -> None:
    with (PACK_DIR / "admin1.csv").open(encoding="utf-8", newline="") as handle:
        pack = {(row["country"], row["name"]) for row in csv.DictReader(handle)}
    mapped = {(feature["properties"]["iso"], feature["properties"]["sitrep_name"]) for feature in PROVINCES}
    assert pack - mapped == NO_POLYGON


def test_representative_points_lie_in_their_province() -> None:
    outside = [feature["properties"]["name"] for feature in PROVINCES if not any(
        inside(feature["properties"]["centroid"], polygon) for polygon in feature["geometry"]["coordinates"])]
    assert outside == []


@pytest.mark.parametrize("polygon,expected", [
    ([[[0, 0], [4, 0], [4, 2], [0, 2], [0, 0]]], [2.0, 1.0]),  # a rectangle: its centroid
    ([[[0, 0], [6, 0], [6, 1], [1, 1], [1, 5], [6, 5], [6, 6], [0, 6], [0, 0]]], [0.5, 3.0]),  # a "C": inside its spine
])
def test_representative_point(polygon: list, expected: list[float]) -> None:
    assert representative_point([polygon]) == expected


@pytest.mark.parametrize("points,tolerance,expected", [
    ([[0, 0], [1, 0.001], [2, 0]], 0.01, [[0, 0], [2, 0]]),
    ([[0, 0], [1, 0.5], [2, 0]], 0.01, [[0, 0], [1, 0.5], [2, 0]]),
    ([[0, 0], [1, 0], [1, 1], [0, 0]], 0.01, [[0, 0], [1, 0], [1, 1], [0, 0]]),  # a closed arc keeps its shape
])
def test_simplified(points: list, tolerance: float, expected: list) -> None:
    assert simplified(points, tolerance) == expected
