"""The map and the timeline show what the data says: checked on the plotting data, not on pixels."""

from __future__ import annotations

from matplotlib.collections import PathCollection

from sitrep.report import ReportData
from sitrep.report.charts import country_outlines, map_figure, png_bytes, timeline_figure

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def test_map_has_one_marker_per_located_place(seeds_data: ReportData) -> None:
    figure = map_figure(seeds_data.map_points, "map")
    (ax,) = figure.axes
    markers = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert len(markers) == 1
    assert len(markers[0].get_offsets()) == len(seeds_data.map_points) > 0
    assert sum(point.incidents for point in seeds_data.map_points) == seeds_data.n_incidents - seeds_data.unplaced
    assert len(ax.patches) == sum(len(f["geometry"]["coordinates"]) for f in country_outlines())
    assert png_bytes(figure).startswith(PNG_SIGNATURE)


def test_timeline_bars_add_up_to_the_dated_incidents(seeds_data: ReportData) -> None:
    days, series = seeds_data.timeline("country")
    figure = timeline_figure(days, series, "timeline")
    (ax,) = figure.axes
    assert len(ax.containers) == len(series)
    for container, counts in zip(ax.containers, series.values(), strict=True):
        assert [bar.get_height() for bar in container] == [count for count in counts if count]
    heights = [bar.get_height() for container in ax.containers for bar in container]
    assert sum(heights) == seeds_data.n_incidents - seeds_data.undated
    assert png_bytes(figure).startswith(PNG_SIGNATURE)


def test_outlines_cover_the_theatre() -> None:
    codes = {feature["properties"]["iso"] for feature in country_outlines()}
    assert {"IQ", "SY", "JO"} <= codes
    for feature in country_outlines():
        for polygon in feature["geometry"]["coordinates"]:
            assert all(-180 <= lon <= 180 and -90 <= lat <= 90 for lon, lat in polygon[0])
