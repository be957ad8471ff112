"""An officer changes a Decision Day's venue, access notes, times and places; the running order follows."""

from __future__ import annotations

import re
from datetime import timedelta

from django.test import Client
from django.utils import timezone

from youdecide.audit.models import AuditEvent
from youdecide.events import services
from youdecide.events.models import DecisionDay
from youdecide.events.tests.conftest import Day, person


def text(response: object) -> str:
    return re.sub(r"\s+", " ", response.content.decode())  # type: ignore[attr-defined]


def form_data(event: DecisionDay, **changes: object) -> dict[str, object]:
    local = timezone.localtime
    data: dict[str, object] = {
        "venue": event.venue,
        "address": event.address,
        "accessibility": event.accessibility,
        "starts_at": local(event.starts_at).strftime("%Y-%m-%dT%H:%M"),
        "ends_at": local(event.ends_at).strftime("%Y-%m-%dT%H:%M"),
        "capacity": event.capacity,
        "pitch_minutes": event.pitch_minutes,
        "areas": [area.pk for area in event.areas.all()],
    }
    return {**data, **changes}


def test_an_officer_moves_the_day_and_the_running_order_follows(client: Client, day: Day) -> None:
    client.force_login(day.officers[1])
    url = f"/office/decision-days/{day.event.slug}/edit/"
    assert "Crewe Lyceum" in text(client.get(url))
    later = timezone.localtime(day.event.starts_at).replace(second=0) + timedelta(hours=2)
    response = client.post(
        url,
        form_data(
            day.event,
            venue="Crewe Library",
            accessibility="Lift to the first floor; hearing loop at the desk.",
            starts_at=later.strftime("%Y-%m-%dT%H:%M"),
            ends_at=(later + timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"),
            capacity=80,
        ),
    )
    assert response.status_code == 302
    event = DecisionDay.objects.get(pk=day.event.pk)
    assert (event.venue, event.capacity) == ("Crewe Library", 80)
    assert event.starts_at == later
    first = event.slots.order_by("position").first()
    assert first is not None and first.starts_at == later + services.WELCOME
    page = text(client.get(f"/decision-days/{event.slug}/"))
    assert "Crewe Library" in page and "hearing loop at the desk" in page
    audit = AuditEvent.objects.filter(action="events.updated").get()
    assert audit.data == {"changed": ["accessibility", "capacity", "ends_at", "starts_at", "venue"]}


def test_bad_times_and_too_few_places_say_what_is_wrong(client: Client, day: Day) -> None:
    officer = day.officers[0]
    for n in range(3):
        services.check_in_attendee(officer, day.event, person(50 + n))
    client.force_login(officer)
    url = f"/office/decision-days/{day.event.slug}/edit/"
    starts = timezone.localtime(day.event.starts_at)
    response = client.post(url, form_data(day.event, ends_at=starts.strftime("%Y-%m-%dT%H:%M")))
    assert response.status_code == 422
    page = text(response)
    assert (
        "There is a problem" in page
        and 'href="#id_ends_at">The Decision Day must end after it starts.' in page
    )
    response = client.post(url, form_data(day.event, capacity=2))
    assert response.status_code == 422
    assert "3 people have checked in already: give at least that many places." in text(response)
    assert DecisionDay.objects.get(pk=day.event.pk).capacity == 150
    assert not AuditEvent.objects.filter(action="events.updated").exists()


def test_a_closed_day_cannot_change(client: Client, day: Day) -> None:
    services.close_decision_day(day.officers[0], day.event)
    client.force_login(day.officers[0])
    url = f"/office/decision-days/{day.event.slug}/edit/"
    assert "its set-up can no longer change" in text(client.get(url))
    client.post(url, form_data(day.event, venue="Somewhere else"))
    assert DecisionDay.objects.get(pk=day.event.pk).venue == "Crewe Lyceum"
