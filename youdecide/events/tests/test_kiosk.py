"""The kiosk's queue, as the server sees it: every queued ballot sent three times is stored once."""

from __future__ import annotations

import json
from datetime import date

from django.test import Client

from youdecide.events import services
from youdecide.events.tests.conftest import Day
from youdecide.voting.identity import VoterDetails
from youdecide.voting.models import Ballot, Participation

QUEUED = 20


def test_a_queue_replayed_three_times_stores_each_ballot_once(client: Client, day: Day) -> None:
    officer = day.officers[0]
    queue = []
    for n in range(QUEUED):
        details = VoterDetails(f"Attendee {n}", date(1950 + n, 6, 1), "CW1 2BJ", "lives")
        check_in = services.check_in_attendee(officer, day.event, details).check_in
        slip = services.issue_tablet_ballot(officer, check_in)
        queue.append((f"tablet-3:{n}", slip, day.box.scores(1 + n % 5, 2, 3, 4)))
    client.force_login(day.officers[1])
    url = f"/office/decision-days/{day.event.slug}/kiosk/ballots"
    statuses = []
    for _replay in range(3):
        for key, slip, choices in queue:
            body = json.dumps({"slip": slip, "choices": choices})
            response = client.post(
                url, body, content_type="application/json", headers={"Idempotency-Key": key}
            )
            statuses.append(response.status_code)
    assert statuses == [201] * QUEUED + [200] * (2 * QUEUED)
    assert Ballot.objects.count() == QUEUED
    assert Participation.objects.filter(channel="tablet").count() == QUEUED


def test_a_refused_ballot_says_why(client: Client, day: Day) -> None:
    client.force_login(day.officers[0])
    url = f"/office/decision-days/{day.event.slug}/kiosk/ballots"
    body = json.dumps({"slip": "AAAA-AAAA", "choices": day.box.scores(1, 2, 3, 4)})
    response = client.post(url, body, content_type="application/json", headers={"Idempotency-Key": "x"})
    assert response.status_code == 404
    assert response.json() == {
        "error": "slip_unknown",
        "messages": ["This is not a ballot slip of Crewe Decision Day."],
    }
    response = client.post(url, "not json", content_type="application/json", headers={"Idempotency-Key": "y"})
    assert response.status_code == 400
    client.logout()
    response = client.post(url, body, content_type="application/json", headers={"Idempotency-Key": "z"})
    assert response.status_code == 302 and Ballot.objects.count() == 0
