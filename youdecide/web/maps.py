"""Ward maps drawn on the server as SVG from the wards' GeoJSON boundaries (WGS84 longitude/latitude),
each ward shaded by a measure in five steps, with the numbers in a table beside the map."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from youdecide.areas.models import Area

WIDTH = 640
SHADES = ["#e5f2f2", "#b3d9d9", "#6fb3b6", "#2f7f8a", "#0b4f5c"]  # light to dark, all with dark outlines


@dataclass(frozen=True)
class Shaded:
    area: Area
    value: float | None
    label: str


@dataclass(frozen=True)
class Point:
    """A place marked on the map at its longitude and latitude (WGS84)."""

    longitude: float
    latitude: float
    label: str


def _rings(geometry: Mapping[str, Any]) -> Iterable[Sequence[Sequence[float]]]:
    if geometry.get("type") == "Polygon":
        yield from geometry["coordinates"]
    elif geometry.get("type") == "MultiPolygon":
        for polygon in geometry["coordinates"]:
            yield from polygon


def ward_map(wards: Sequence[Shaded], title: str, map_id: str, marks: Sequence[Point] = ()) -> SafeString:
    """An SVG of the wards; a darker shade is a higher value; wards without a value are hatched white.
    Points inside the wards' extent are marked as dots, projected as the boundaries are."""
    shapes = [(w, list(_rings(w.area.boundary or {}))) for w in wards]
    points = [pt for _w, rings in shapes for ring in rings for pt in ring]
    if not points:
        return SafeString("")
    west, east = min(p[0] for p in points), max(p[0] for p in points)
    south, north = min(p[1] for p in points), max(p[1] for p in points)
    squash = math.cos(math.radians((north + south) / 2))
    scale = WIDTH / ((east - west) * squash or 1)
    height = round((north - south) * scale) + 2
    values = sorted(w.value for w in wards if w.value is not None)

    def shade(value: float | None) -> str:
        if value is None or not values:
            return "#ffffff"
        rank = sum(v <= value for v in values) / len(values)
        return SHADES[min(len(SHADES) - 1, int(rank * len(SHADES) - 1e-9))]

    def path(rings: Sequence[Sequence[Sequence[float]]]) -> str:
        parts = []
        for ring in rings:
            xy = [f"{(x - west) * squash * scale:.1f},{(north - y) * scale:.1f}" for x, y, *_ in ring]
            parts.append("M" + "L".join(xy) + "Z")
        return "".join(parts)

    body = format_html_join(
        "",
        '<path d="{}" fill="{}" class="map-ward"><title>{}: {}</title></path>',
        ((path(rings), shade(w.value), w.area.name, w.label) for w, rings in shapes),
    )
    dots = format_html_join(
        "",
        '<circle cx="{}" cy="{}" r="5" class="map-point" fill="#d4351c" stroke="#0b0c0c"'
        ' stroke-width="1.5"><title>{}</title></circle>',
        (
            (f"{(p.longitude - west) * squash * scale:.1f}", f"{(north - p.latitude) * scale:.1f}", p.label)
            for p in marks
            if west <= p.longitude <= east and south <= p.latitude <= north
        ),
    )
    return format_html(
        '<svg class="map" role="img" aria-labelledby="{}-title" viewBox="0 0 {} {}" width="100%">'
        '<title id="{}-title">{}</title>{}{}</svg>',
        map_id,
        WIDTH,
        height,
        map_id,
        title,
        body,
        dots,
    )
