"""An area's boundary is held as compact GeoJSON text and read back as the geometry it was given."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests import factories
from youdecide.areas.models import Area

SQUARE = {"type": "Polygon", "coordinates": [[[-2.45, 53.1], [-2.44, 53.1], [-2.44, 53.11], [-2.45, 53.1]]]}
BEFORE = [("areas", "0005_councillor_wards")]
AFTER = [("areas", "0006_boundary_as_text")]


def stored_text(area: Area) -> str | None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT boundary_geojson FROM areas_area WHERE id = %s", [area.pk])
        (text,) = cursor.fetchone()
    return text


@pytest.mark.django_db
def test_a_boundary_is_stored_as_compact_text_and_read_back_as_its_geometry() -> None:
    area = factories.AreaFactory.create(name="Crewe St Barnabas", boundary=SQUARE)
    assert stored_text(area) == json.dumps(SQUARE, separators=(",", ":"), sort_keys=True)
    again = Area.objects.get(pk=area.pk)
    assert again.boundary == SQUARE
    again.boundary = {"type": "MultiPolygon", "coordinates": [SQUARE["coordinates"]]}
    again.save()
    assert Area.objects.get(pk=area.pk).boundary == {
        "type": "MultiPolygon",
        "coordinates": [SQUARE["coordinates"]],
    }
    again.boundary = None
    again.save()
    assert stored_text(again) is None and Area.objects.get(pk=area.pk).boundary is None
    again.boundary = {}  # no geometry is stored as none, so an area has a boundary exactly when text is there
    again.save()
    assert stored_text(again) is None


@pytest.mark.django_db(transaction=True)
def test_boundaries_stored_as_json_keep_their_geometry_as_text() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps.get_model("areas", "Area")
    drawn = old.objects.create(
        code="E05008600", name="Crewe Central", slug="crewe-central", kind="ward", boundary=SQUARE
    )
    undrawn = old.objects.create(
        code="E05008601", name="Crewe East", slug="crewe-east", kind="ward", boundary=None
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    assert stored_text(drawn) == json.dumps(SQUARE, separators=(",", ":"), sort_keys=True)
    assert stored_text(undrawn) is None
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert Area.objects.get(pk=drawn.pk).boundary == SQUARE
