"""A ward map is drawn from the boundaries as they are stored now: a changed boundary shows at once."""

from __future__ import annotations

import re

import pytest

from tests import factories
from youdecide.areas.models import Area, AreaKind
from youdecide.areas.tests.conftest import square
from youdecide.web.maps import Point, Shaded, ward_map


def drawn(wards: list[Area], marks: list[Point] | None = None) -> str:
    return str(
        ward_map([Shaded(w, float(n), f"value {n}") for n, w in enumerate(wards)], "Wards", "m", marks or [])
    )


@pytest.mark.django_db
def test_a_changed_boundary_is_drawn_at_once() -> None:
    east = factories.AreaFactory.create(name="Crewe East", kind=AreaKind.WARD, boundary=square(-2.44, 53.09))
    west = factories.AreaFactory.create(name="Crewe West", kind=AreaKind.WARD, boundary=square(-2.46, 53.09))
    before = drawn([east, west])
    assert before == drawn([Area.objects.get(pk=east.pk), Area.objects.get(pk=west.pk)])
    assert len(re.findall(r'<path d="M[^"]+Z"', before)) == 2

    west.boundary = square(-2.48, 53.09, size=0.02)
    west.save()
    after = drawn([Area.objects.get(pk=east.pk), Area.objects.get(pk=west.pk)])
    assert after != before
    assert re.findall(r'viewBox="0 0 640 (\d+)"', after) != re.findall(r'viewBox="0 0 640 (\d+)"', before)


@pytest.mark.django_db
def test_places_outside_the_wards_are_left_off_and_wards_without_a_boundary_draw_nothing() -> None:
    ward = factories.AreaFactory.create(
        name="Crewe Central", kind=AreaKind.WARD, boundary=square(-2.44, 53.09)
    )
    page = drawn([ward], [Point(-2.435, 53.095, "Lyceum"), Point(-2.0, 53.0, "Macclesfield")])
    assert "<title>Lyceum</title>" in page and "Macclesfield" not in page
    empty = factories.AreaFactory.create(name="Undrawn", kind=AreaKind.WARD)
    assert drawn([empty]) == ""
