"""An open Decision Day in the voting tests' programme area, with three officers and a running order; and
one of two areas."""

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
from youdecide.proposals.models import Proposal, ProposalStatus
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
        [box.area],
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


@dataclass
class TwoAreaDay(Day):
    other_proposals: list[Proposal]


def make_two_area_day() -> TwoAreaDay:
    """A Crewe and Macclesfield day: Crewe's four projects and two of Macclesfield, all pitching."""
    day = make_day()
    box = day.box
    other_proposals = [
        factories.ProposalFactory.create(
            programme=box.programme,
            area=box.other_area,
            title=title,
            cost_pence=300_000,
            status=ProposalStatus.ELIGIBLE,
            reference=f"YD-M{box.programme.pk:03d}{i}",
        )
        for i, title in enumerate(["Macclesfield repair café", "Silk town walks"])
    ]
    officer = day.officers[0]
    services.update_decision_day(officer, day.event, areas=[box.area, box.other_area])
    services.set_running_order(officer, day.event, box.proposals + other_proposals)
    return TwoAreaDay(box, DecisionDay.objects.get(pk=day.event.pk), day.officers, other_proposals)


def kiosk_post(client: Client, day: Day, what: str, body: Mapping[str, object] | str, key: str = "") -> Any:
    """What a tablet sends: a slip to look up ("slips") or a queued ballot ("ballots") with its key."""
    return client.post(
        f"/office/decision-days/{day.event.slug}/kiosk/{what}",
        body if isinstance(body, str) else json.dumps(body),
        content_type="application/json",
        headers={"Idempotency-Key": key} if key else {},
    )
