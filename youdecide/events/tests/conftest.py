"""An open Decision Day in the voting tests' programme area, with three officers and a running order."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from tests import factories
from youdecide.accounts.models import Role, User
from youdecide.events import services
from youdecide.events.models import DecisionDay
from youdecide.voting.identity import VoterDetails
from youdecide.voting.tests.conftest import Box, make_box


def person(n: int, **details: object) -> VoterDetails:
    """The n-th attendee: lives in Crewe, of voting age."""
    return VoterDetails(
        f"Attendee {n}",
        date(1960 + n % 40, 1 + n % 12, 1 + n % 28),
        "CW1 2BJ",
        "lives",
        **details,  # type: ignore[arg-type]
    )


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


def kiosk_post(client: Client, day: Day, what: str, body: Mapping[str, object] | str, key: str = "") -> Any:
    """What a tablet sends: a slip to look up ("slips") or a queued ballot ("ballots") with its key."""
    return client.post(
        f"/office/decision-days/{day.event.slug}/kiosk/{what}",
        body if isinstance(body, str) else json.dumps(body),
        content_type="application/json",
        headers={"Idempotency-Key": key} if key else {},
    )
