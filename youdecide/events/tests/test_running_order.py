"""An officer shortlists the projects that pitch and puts them in order; groups see their slot."""

from __future__ import annotations

import re

from django.test import Client

from tests import factories
from youdecide.audit.models import AuditEvent
from youdecide.events import services
from youdecide.events.tests.conftest import Day


def text(response: object) -> str:
    return re.sub(r"\s+", " ", response.content.decode())  # type: ignore[attr-defined]


def order(day: Day, places: dict[int, int | None]) -> dict[str, object]:
    """Form data: project index -> place (None: does not pitch)."""
    data: dict[str, object] = {}
    for index, place in places.items():
        pk = day.box.proposals[index].pk
        if place is not None:
            data[f"pitches_{pk}"] = "on"
            data[f"position_{pk}"] = place
    return data


def titles(day: Day) -> list[str]:
    return [slot.proposal.title for slot in day.event.slots.select_related("proposal").order_by("position")]


def test_an_officer_leaves_a_project_out_and_reorders_the_rest(client: Client, day: Day) -> None:
    client.force_login(day.officers[0])
    url = f"/office/decision-days/{day.event.slug}/running-order/"
    page = text(client.get(url))
    assert "Place of Community allotment in the running order" in page
    response = client.post(url, order(day, {0: 3, 1: None, 2: 1, 3: 2}))
    assert response.status_code == 302
    assert titles(day) == ["Cookery for families", "Men's shed tools", "Community allotment"]
    audit = AuditEvent.objects.filter(action="events.running_order_set").last()
    assert audit is not None
    refs = [p.reference for p in day.box.proposals]
    assert audit.data == {"order": [refs[2], refs[3], refs[0]]}
    page = text(client.get(url))
    assert "The running order is saved: 3 projects pitch." in page
    slots = list(day.event.slots.order_by("position"))
    gap = (slots[1].starts_at - slots[0].starts_at).total_seconds()
    assert gap == (day.event.pitch_minutes + 2) * 60


def test_a_group_sees_its_new_slot(client: Client, day: Day) -> None:
    client.force_login(day.officers[0])
    client.post(
        f"/office/decision-days/{day.event.slug}/running-order/", order(day, {0: 4, 1: 1, 2: 2, 3: 3})
    )
    slot = day.event.slots.get(proposal=day.box.proposals[0])
    assert slot.position == 4
    client.force_login(factories.member(day.box.group))
    page = text(client.get(f"/groups/{day.box.group.slug}/proposals/{day.box.proposals[0].pk}/"))
    assert "Your pitch at Crewe Decision Day (Crewe Lyceum)" in page
    assert slot.starts_at.astimezone().strftime("%H:%M") in page


def test_two_projects_at_one_place_or_none_ticked_say_what_is_wrong(client: Client, day: Day) -> None:
    client.force_login(day.officers[0])
    url = f"/office/decision-days/{day.event.slug}/running-order/"
    before = titles(day)
    response = client.post(url, order(day, {0: 1, 1: 1, 2: 2, 3: None}))
    assert response.status_code == 422
    page = text(response)
    assert "There is a problem" in page
    football = day.box.proposals[1].pk
    assert (
        f'href="#id_position_{football}">Walking football and Community allotment are both at place 1: '
        "give each its own place." in page
    )
    response = client.post(url, {f"pitches_{football}": "on"})
    assert "Give Walking football a place in the running order." in text(response)
    response = client.post(url, {})
    assert "Tick at least one project to pitch." in text(response)
    assert titles(day) == before


def test_the_running_order_is_fixed_once_the_day_has_closed(client: Client, day: Day) -> None:
    services.close_decision_day(day.officers[0], day.event)
    client.force_login(day.officers[0])
    url = f"/office/decision-days/{day.event.slug}/running-order/"
    assert "its set-up can no longer change" in text(client.get(url))
    before = titles(day)
    client.post(url, order(day, {0: 2, 1: 1, 2: None, 3: None}))
    assert titles(day) == before
