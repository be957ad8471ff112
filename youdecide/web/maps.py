"""Ward maps drawn on the server as SVG from the wards' GeoJSON boundaries (WGS84 longitude/latitude),
each ward shaded by a measure in five steps, with the numbers in a table beside the map."""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

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


@dataclass(frozen=True)
class _Drawing:
    """Wards' outlines as SVG paths, projected together to fit the map's width, and that projection."""

    paths: tuple[str, ...]
    west: float
    east: float
    south: float
    north: float
    squash: float
    scale: float
    height: int

    def x(self, longitude: float) -> str:
        return f"{(longitude - self.west) * self.squash * self.scale:.1f}"

    def y(self, latitude: float) -> str:
        return f"{(self.north - latitude) * self.scale:.1f}"


@functools.lru_cache(maxsize=32)
def _drawing(boundaries: tuple[str | None, ...]) -> _Drawing | None:
    """The outlines of these boundaries (GeoJSON text, as stored), drawn once per process: a ward's
    boundary is thousands of coordinates, and the same wards are drawn on page after page."""
    shapes = [list(_rings(json.loads(text) if text else {})) for text in boundaries]
    points = [pt for rings in shapes for ring in rings for pt in ring]
    if not points:
        return None
    west, east = min(p[0] for p in points), max(p[0] for p in points)
    south, north = min(p[1] for p in points), max(p[1] for p in points)
    squash = math.cos(math.radians((north + south) / 2))
    scale = WIDTH / ((east - west) * squash or 1)
    height = round((north - south) * scale) + 2

    def path(rings: Sequence[Sequence[Sequence[float]]]) -> str:
        parts = []
        for ring in rings:
            xy = [f"{(x - west) * squash * scale:.1f},{(north - y) * scale:.1f}" for x, y, *_ in ring]
            parts.append("M" + "L".join(xy) + "Z")
        return "".join(parts)

    paths = tuple(mark_safe(path(rings)) for rings in shapes)  # noqa: S308 - numbers and M, L, Z only
    return _Drawing(paths, west, east, south, north, squash, scale, height)


def ward_map(wards: Sequence[Shaded], title: str, map_id: str, marks: Sequence[Point] = ()) -> SafeString:
    """An SVG of the wards; a darker shade is a higher value; wards without a value are hatched white.
    Points inside the wards' extent are marked as dots, projected as the boundaries are."""
    drawing = _drawing(tuple(w.area.boundary_geojson for w in wards))
    if drawing is None:
        return SafeString("")
    values = sorted(w.value for w in wards if w.value is not None)

    def shade(value: float | None) -> str:
        if value is None or not values:
            return "#ffffff"
        rank = sum(v <= value for v in values) / len(values)
        return SHADES[min(len(SHADES) - 1, int(rank * len(SHADES) - 1e-9))]

    body = format_html_join(
        "",
        '<path d="{}" fill="{}" class="map-ward"><title>{}: {}</title></path>',
        ((path, shade(w.value), w.area.name, w.label) for w, path in zip(wards, drawing.paths, strict=True)),
    )
    dots = format_html_join(
        "",
        '<circle cx="{}" cy="{}" r="5" class="map-point" fill="#d4351c" stroke="#0b0c0c"'
        ' stroke-width="1.5"><title>{}</title></circle>',
        (
            (drawing.x(p.longitude), drawing.y(p.latitude), p.label)
            for p in marks
            if drawing.west <= p.longitude <= drawing.east and drawing.south <= p.latitude <= drawing.north
        ),
    )
    return format_html(
        '<svg class="map" role="img" aria-labelledby="{}-title" viewBox="0 0 {} {}" width="100%">'
        '<title id="{}-title">{}</title>{}{}</svg>',
        map_id,
        WIDTH,
        drawing.height,
        map_id,
        title,
        body,
        dots,
    )
