"""Decision Days of one area, made before a day could serve several, keep their area, and their check-ins
and papers take it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from tests import factories
from youdecide.accounts.models import Role

BEFORE = [("events", "0002_decision_day_closed_at")]
AFTER = [("events", "0003_decision_day_areas")]


@pytest.mark.django_db(transaction=True)
def test_a_one_area_day_keeps_its_area_and_its_check_ins_and_papers_take_it() -> None:
    programme = factories.ProgrammeFactory.create()
    crewe = factories.AreaFactory.create(name="Crewe")
    factories.AreaFactory.create(name="Macclesfield")
    officer = factories.UserFactory.create(role=Role.OFFICER)
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    start = timezone.now()
    day = old.get_model("events", "DecisionDay").objects.create(
        programme_id=programme.pk,
        area_id=crewe.pk,
        name="Crewe Decision Day",
        slug="crewe-decision-day",
        venue="Crewe Lyceum",
        starts_at=start,
        ends_at=start + timedelta(hours=4),
    )
    old.get_model("events", "CheckIn").objects.create(
        event_id=day.pk,
        person_key="k" * 64,
        age_band="35-44",
        connection="lives",
        checked_in_by_id=officer.pk,
    )
    old.get_model("events", "PaperBallot").objects.create(event_id=day.pk, number=7)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    migrated = new.get_model("events", "DecisionDay").objects.get(pk=day.pk)
    assert list(migrated.areas.values_list("name", flat=True)) == ["Crewe"]
    assert list(new.get_model("events", "CheckIn").objects.values_list("area_id", flat=True)) == [crewe.pk]
    assert list(new.get_model("events", "PaperBallot").objects.values_list("area_id", flat=True)) == [
        crewe.pk
    ]
    assert "area" not in {field.name for field in migrated._meta.get_fields()}
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
