"""The kiosk's queue, as the server sees it: every queued ballot sent three times is stored once; a tablet
whose officer was signed out gets a JSON answer it can keep the ballot on, never a sign-in page."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from django.test import Client

from tests import factories
from youdecide.accounts.models import Role
from youdecide.events import services
from youdecide.events.tests.conftest import Day, kiosk_post, make_day
from youdecide.voting.identity import VoterDetails
from youdecide.voting.models import Ballot, BallotItem, Participation

QUEUED = 20


def ballot_fields(scores: dict[int, int]) -> dict[str, str]:
    """What the kiosk's ballot form sends: the voting ballot form's fields, with the kiosk's prefix."""
    return {f"kiosk-p{pid}": str(value) for pid, value in scores.items()}


def send(client: Client, day: Day, body: Mapping[str, object], key: str) -> Any:
    return kiosk_post(client, day, "ballots", body, key)


def slip_for(day: Day, n: int) -> str:
    details = VoterDetails(f"Attendee {n}", date(1950 + n, 6, 1), "CW1 2BJ", "lives")
    check_in = services.check_in_attendee(day.officers[0], day.event, details).check_in
    return services.issue_tablet_ballot(day.officers[0], check_in)


def test_a_queue_replayed_three_times_stores_each_ballot_once(client: Client, day: Day) -> None:
    queue = [
        (f"tablet-3:{n}", slip_for(day, n), ballot_fields(day.box.scores(1 + n % 5, 2, 3, 4)))
        for n in range(QUEUED)
    ]
    client.force_login(day.officers[1])
    statuses = []
    for _replay in range(3):
        for key, slip, fields in queue:
            response = send(client, day, {"slip": slip, "ballot": fields}, key)
            statuses.append(response.status_code)
    assert statuses == [201] * QUEUED + [200] * (2 * QUEUED)
    assert Ballot.objects.count() == QUEUED
    assert Participation.objects.filter(channel="tablet").count() == QUEUED


def test_a_refused_ballot_says_why(client: Client, day: Day) -> None:
    client.force_login(day.officers[0])
    body = {"slip": "AAAA-AAAA", "ballot": ballot_fields(day.box.scores(1, 2, 3, 4))}
    response = send(client, day, body, "x")
    assert response.status_code == 404
    assert response.json() == {
        "error": "slip_unknown",
        "messages": ["This is not a ballot slip of Crewe Decision Day."],
    }
    response = kiosk_post(client, day, "ballots", "not json", "y")
    assert response.status_code == 400
    body = {"slip": slip_for(day, 1), "ballot": {f"kiosk-p{day.box.ids()[0]}": "9"}}
    response = send(client, day, body, "z")
    assert response.status_code == 422
    assert response.json()["error"] == "ballot_invalid"
    assert Ballot.objects.count() == 0


def test_a_signed_out_tablet_is_answered_401_and_keeps_nothing_it_cannot_store(
    client: Client, day: Day
) -> None:
    body = {"slip": slip_for(day, 2), "ballot": ballot_fields(day.box.scores(1, 2, 3, 4))}
    response = send(client, day, body, "k")
    assert response.status_code == 401
    assert response.json() == {
        "error": "signed_out",
        "messages": ["The officer on this tablet has been signed out: sign in again."],
    }
    slip_lookup = kiosk_post(client, day, "slips", {"slip": body["slip"]})
    assert slip_lookup.status_code == 401
    client.force_login(factories.UserFactory.create(role=Role.RESIDENT))
    response = send(client, day, body, "k")
    assert response.status_code == 403
    assert response.json()["error"] == "not_officer"
    assert Ballot.objects.count() == 0
    client.force_login(day.officers[1])  # signed in again: the same ballot, the same key, stored once
    assert send(client, day, body, "k").status_code == 201
    assert send(client, day, body, "k").status_code == 200
    assert Ballot.objects.count() == 1


def test_choose_one_on_the_kiosk(client: Client, db: None) -> None:
    day = make_day(ballot_kind="choose_one")
    client.force_login(day.officers[0])
    page = client.get(f"/office/decision-days/{day.event.slug}/kiosk/").content.decode()
    radios = re.findall(r'<input type="radio" name="kiosk-choice" value="(\d+)"', page)
    assert radios == [str(pid) for pid in day.box.ids()]
    assert all(p.title in html.unescape(page) for p in day.box.proposals)
    cookery = day.box.ids()[2]
    response = send(client, day, {"slip": slip_for(day, 3), "ballot": {"kiosk-choice": str(cookery)}}, "c")
    assert response.status_code == 201
    assert list(BallotItem.objects.values_list("proposal_id", "value")) == [(cookery, 1)]


def test_knapsack_on_the_kiosk_has_a_running_total(client: Client, db: None) -> None:
    day = make_day(ballot_kind="knapsack")
    client.force_login(day.officers[0])
    page = client.get(f"/office/decision-days/{day.event.slug}/kiosk/").content.decode()
    assert "data-running-total" in page and "/static/voting/ballot.js" in page
    assert 'data-pot="1000000"' in page and 'data-cost="250000"' in page
    allotment, football = day.box.ids()[:2]
    fields = {f"kiosk-p{allotment}": "on", f"kiosk-p{football}": "on"}
    response = send(client, day, {"slip": slip_for(day, 4), "ballot": fields}, "b")
    assert response.status_code == 201
    assert sorted(BallotItem.objects.values_list("proposal_id", flat=True)) == sorted([allotment, football])
