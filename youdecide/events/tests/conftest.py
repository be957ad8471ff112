"""An open Decision Day in the voting tests' programme area, with three officers and a running order."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone

from tests import factories
from youdecide.accounts.models import Role, User
from youdecide.events import services
from youdecide.events.models import DecisionDay
from youdecide.voting.tests.conftest import Box, make_box


@dataclass
class Day:
    box: Box
    event: DecisionDay
    officers: list[User]


def make_day(**rules: object) -> Day:
    box = make_box(**rules)
    officers = [factories.UserFactory.create(role=Role.OFFICER) for _ in range(3)]
    start = timezone.now().replace(microsecond=0) - timedelta(hours=1)
    event = services.create_decision_day(
        officers[0],
        box.programme,
        box.area,
        name="Crewe Decision Day",
        venue="Crewe Lyceum",
        starts_at=start,
        ends_at=start + timedelta(hours=4),
        accessibility="Step-free entrance on Heath Street; hearing loop in the main hall.",
    )
    services.set_running_order(officers[0], event, box.proposals)
    event = services.open_decision_day(officers[0], event)
    return Day(box, event, officers)


@pytest.fixture
def day(db: None) -> Day:
    return make_day()
