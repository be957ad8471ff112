"""Only an officer's tablet can try a slip; after five slips that are no slip of the day in 15 minutes,
every slip from that officer is refused for a while, without being looked up."""

from __future__ import annotations

from django.test import Client
from django.utils import timezone

from youdecide.events.models import CheckIn
from youdecide.events.tests.conftest import Day, kiosk_post
from youdecide.events.tests.test_kiosk import ballot_fields, slip_for
from youdecide.voting.models import Ballot, Throttle
from youdecide.voting.throttle import SLIP_TRIES_PER_OFFICER, SLIP_WINDOW

UNKNOWN = ["This is not a ballot slip of Crewe Decision Day."]


def test_the_sixth_slip_after_five_unknown_ones_is_refused_even_when_right(client: Client, day: Day) -> None:
    slip = slip_for(day, 1)
    client.force_login(day.officers[1])
    for n in range(SLIP_TRIES_PER_OFFICER):
        response = kiosk_post(client, day, "slips", {"slip": f"ZZZZ-ZZZ{n}"})
        assert (response.status_code, response.json()["messages"]) == (404, UNKNOWN)
    until = Throttle.objects.get().window_started_at + SLIP_WINDOW
    refused = kiosk_post(client, day, "slips", {"slip": slip})
    assert refused.status_code == 429
    assert refused.json() == {
        "error": "too_many",
        "messages": [
            "Five slips typed on this officer's tablets in the last 15 minutes were not ballot slips of this "
            f"day. Check the slip and try again after {timezone.localtime(until):%H:%M}."
        ],
    }
    body = {"slip": slip, "ballot": ballot_fields(day.box.scores(1, 2, 3, 4))}
    queued = kiosk_post(client, day, "ballots", body, "tablet-1:1")
    assert (queued.status_code, queued.json()["error"]) == (429, "too_many")  # the tablet sends it later
    assert Ballot.objects.count() == 0
    assert CheckIn.objects.get().tablet_slip_used_at is None

    other = Client()  # another officer's tablet is not held up
    other.force_login(day.officers[2])
    assert kiosk_post(other, day, "slips", {"slip": slip}).status_code == 200
    assert kiosk_post(other, day, "ballots", body, "tablet-2:1").status_code == 201
    assert Ballot.objects.count() == 1


def test_unknown_slips_in_queued_ballots_count_too(client: Client, day: Day) -> None:
    client.force_login(day.officers[1])
    body = {"ballot": ballot_fields(day.box.scores(1, 2, 3, 4))}
    for n in range(SLIP_TRIES_PER_OFFICER):
        response = kiosk_post(client, day, "ballots", {**body, "slip": f"ZZZZ-ZZZ{n}"}, f"k{n}")
        assert (response.status_code, response.json()["messages"]) == (404, UNKNOWN)
    response = kiosk_post(client, day, "ballots", {**body, "slip": slip_for(day, 2)}, "k-right")
    assert (response.status_code, response.json()["error"]) == (429, "too_many")
    assert Ballot.objects.count() == 0
