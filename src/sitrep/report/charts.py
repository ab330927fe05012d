"""The report's pictures, drawn with matplotlib: a static map of incidents and a timeline.

Figures are built with `matplotlib.figure.Figure` (no pyplot state, safe in a server) and
rendered to PNG bytes, which the HTML inlines and the PDF embeds. The map draws the country
outlines the web UI ships (`serve/static/data/countries.geojson`: Natural Earth 1:50m, public
domain; built by `sitrep.serve.basemap`), read as a file so the report needs no web stack.
"""

from __future__ import annotations

import io
import json
from collections.abc import Mapping, Sequence
from datetime import date
from functools import cache
from importlib.resources import files
from typing import Any

from matplotlib.dates import date2num
from matplotlib.figure import Figure
from matplotlib.patches import Polygon
from matplotlib.ticker import MaxNLocator

from sitrep.report.gather import MapPoint

BOUNDARIES = ("serve", "static", "data", "countries.geojson")  # the web UI's basemap, under the sitrep package
THEATRE = ("IQ", "SY", "JO")  # countries drawn darker and labelled
EXTENT = (34.0, 49.0, 29.0, 38.0)  # lon min, lon max, lat min, lat max: Syria, Iraq and Jordan
PALETTE = ("#1f5f8b", "#d9822b", "#6a9f3a", "#a23b72", "#7f7f7f", "#c9a227", "#3b8ea5", "#8c564b")
LABELLED_PLACES = 8  # the busiest places get their name on the map
DPI = 150


@cache
def country_outlines() -> list[dict[str, Any]]:
    """GeoJSON features of the theatre's countries and their neighbours."""
    text = files("sitrep").joinpath(*BOUNDARIES).read_text(encoding="utf-8")
    return list(json.loads(text)["features"])


def map_figure(points: Sequence[MapPoint], title: str) -> Figure:
    """Country outlines with one marker per place, its area growing with the incidents there.

    The markers are the figure's only scatter collection (`ax.collections[-1]`), one offset per point.
    """
    figure = Figure(figsize=(7.0, 4.6), dpi=DPI)
    ax = figure.add_subplot()
    for feature in country_outlines():
        iso = feature["properties"]["iso"]
        for polygon in feature["geometry"]["coordinates"]:
            ax.add_patch(Polygon(polygon[0], closed=True, facecolor="#ebe6da" if iso in THEATRE else "#f6f4ef",
                                 edgecolor="#8a8a8a", linewidth=0.6, zorder=1))
    for feature in country_outlines():
        if feature["properties"]["iso"] in THEATRE:
            lon, lat = label_position(feature)
            ax.text(lon, lat, feature["properties"]["name"].upper(), color="#9a9382", fontsize=9,
                    ha="center", va="center", zorder=2)
    sizes = [30 + 40 * point.incidents for point in points]
    ax.scatter([p.lon for p in points], [p.lat for p in points], s=sizes, color="#b22222", alpha=0.75,
               edgecolors="white", linewidths=0.8, zorder=3)
    for point in sorted(points, key=lambda p: -p.incidents)[:LABELLED_PLACES]:
        ax.annotate(f"{point.name} ({point.incidents})", (point.lon, point.lat), xytext=(5, 4),
                    textcoords="offset points", fontsize=6.5, zorder=4)
    lon_min, lon_max, lat_min, lat_max = extent(points)
    ax.set_xlim(lon_min, lon_max)
    ax.set_ylim(lat_min, lat_max)
    ax.set_aspect(1.2)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_facecolor("#dfe9f0")
    ax.set_title(title, fontsize=10)
    figure.tight_layout()
    return figure


def extent(points: Sequence[MapPoint]) -> tuple[float, float, float, float]:
    """The theatre's extent, widened to hold every point."""
    lon_min, lon_max, lat_min, lat_max = EXTENT
    for point in points:
        lon_min, lon_max = min(lon_min, point.lon - 0.5), max(lon_max, point.lon + 0.5)
        lat_min, lat_max = min(lat_min, point.lat - 0.5), max(lat_max, point.lat + 0.5)
    return lon_min, lon_max, lat_min, lat_max


def label_position(feature: Mapping[str, Any]) -> tuple[float, float]:
    """The mean vertex of a country's largest ring: where its name goes."""
    ring = max((polygon[0] for polygon in feature["geometry"]["coordinates"]), key=len)
    return sum(x for x, _ in ring) / len(ring), sum(y for _, y in ring) / len(ring)


def timeline_figure(days: Sequence[str], series: Mapping[str, Sequence[int]], title: str,
                    labels: Mapping[str, str] | None = None) -> Figure:
    """Incidents per day as stacked bars, one colour per series (country or weapon).

    Each series is one bar container of the axes (`ax.containers`), one bar per day it has
    incidents on: empty days draw nothing, so years of days cost no more than a week of them.
    """
    figure = Figure(figsize=(7.0, 2.8), dpi=DPI)
    ax = figure.add_subplot()
    x = [float(date2num(date.fromisoformat(day))) for day in days]
    bottom = [0] * len(days)
    for position, (key, counts) in enumerate(series.items()):
        drawn = [i for i, count in enumerate(counts) if count]
        ax.bar([x[i] for i in drawn], [counts[i] for i in drawn], bottom=[bottom[i] for i in drawn],
               width=bar_width(len(days)), color=PALETTE[position % len(PALETTE)],
               label=(labels or {}).get(key, key))
        bottom = [b + c for b, c in zip(bottom, counts, strict=True)]
    if series:
        ax.legend(fontsize=7, frameon=False, ncols=min(len(series), 6), loc="upper left")
        ax.set_ylim(0, max(bottom) * 1.35 + 0.5)
    ax.xaxis_date()
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.tick_params(labelsize=7)
    figure.autofmt_xdate()
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_title(title, fontsize=10)
    figure.tight_layout()
    return figure


def bar_width(n_days: int) -> float:
    """Bar width in days: a day's width, widened on long spans so single days stay visible."""
    return max(0.9, n_days / 250)


def png_bytes(figure: Figure) -> bytes:
    """The figure as a PNG."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()
