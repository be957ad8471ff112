"""Ballots only while the day is open; a tablet ballot unlocked before the close is still stored, and the
count it missed is shown as stale."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from youdecide.events import services
from youdecide.events.models import DecisionDay, EventStatus
from youdecide.events.tests.conftest import Day, kiosk_post, person
from youdecide.results.services import run_count
from youdecide.voting.errors import VotingRefused
from youdecide.voting.models import Ballot, Participation


def text(response: object) -> str:
    return re.sub(r"\s+", " ", response.content.decode())  # type: ignore[attr-defined]


def test_nothing_is_handed_out_or_cast_before_the_day_opens(day: Day) -> None:
    officer = day.officers[0]
    tablet = services.check_in_attendee(officer, day.event, person(1)).check_in
    paper = services.check_in_attendee(officer, day.event, person(2)).check_in
    slip = services.issue_tablet_ballot(officer, tablet)
    DecisionDay.objects.filter(pk=day.event.pk).update(status=EventStatus.PLANNED)
    event = DecisionDay.objects.get(pk=day.event.pk)
    why = "Crewe Decision Day has not opened for voting yet."
    assert services.can_vote_in_the_hall(event) == (False, why)
    with pytest.raises(VotingRefused, match="has not opened for voting yet"):
        services.issue_paper_ballot(officer, paper)
    with pytest.raises(VotingRefused, match="has not opened for voting yet"):
        services.cast_tablet_ballot(officer, event, slip, day.box.scores(1, 2, 3, 4), "early")
    with pytest.raises(VotingRefused, match="has not opened for voting yet"):
        services.check_in_attendee(officer, event, person(3))
    assert Ballot.objects.count() == 0 and Participation.objects.count() == 0


def test_nothing_is_handed_out_after_the_close(day: Day) -> None:
    officer = day.officers[0]
    attendee = services.check_in_attendee(officer, day.event, person(4)).check_in
    services.close_decision_day(officer, day.event)
    reason = "Crewe Decision Day has closed: voting in the hall is over."
    for issue in (services.issue_tablet_ballot, services.issue_paper_ballot):
        with pytest.raises(VotingRefused) as caught:
            issue(officer, attendee)
        assert caught.value.messages == [reason]
    assert DecisionDay.objects.get(pk=day.event.pk).papers_issued == 0


def test_a_ballot_unlocked_before_the_close_is_stored_and_the_count_shown_stale(
    client: Client, day: Day
) -> None:
    officer = day.officers[0]
    attendees = [services.check_in_attendee(officer, day.event, person(n)).check_in for n in (5, 6, 7)]
    slips = [services.issue_tablet_ballot(officer, attendee) for attendee in attendees]
    services.cast_tablet_ballot(officer, day.event, slips[0], day.box.scores(5, 4, 3, 2), "t1")
    unlocked = timezone.now()
    client.force_login(officer)
    client.post(f"/office/decision-days/{day.event.slug}/count/", {"action": "count"})  # closes and counts
    event = DecisionDay.objects.get(pk=day.event.pk)
    assert event.status == EventStatus.CLOSED and event.closed_at is not None
    assert "1 ballots from every channel" in text(client.get(f"/office/decision-days/{event.slug}/count/"))

    # The tablet was offline: its ballot, unlocked before the close, arrives now.
    body = {
        "slip": slips[1],
        "ballot": {f"kiosk-p{pid}": str(v) for pid, v in day.box.scores(1, 5, 2, 3).items()},
        "unlocked_at": int(unlocked.timestamp() * 1000),
    }
    response = kiosk_post(client, day, "ballots", body, "t2")
    assert response.status_code == 201
    assert Ballot.objects.count() == 2
    page = text(client.get(f"/office/decision-days/{event.slug}/count/"))
    assert "1 ballot arrived after this count: count again." in page

    # A ballot unlocked after the close, or not saying when, is refused.
    for key, when in (("t3", event.closed_at + timedelta(seconds=1)), ("t4", None)):
        with pytest.raises(VotingRefused) as caught:
            services.cast_tablet_ballot(
                officer, event, slips[2], day.box.scores(2, 2, 2, 2), key, unlocked_at=when
            )
        assert caught.value.messages == ["Crewe Decision Day has closed: voting in the hall is over."]
    assert Ballot.objects.count() == 2

    run_count(officer, day.box.programme, day.box.area)
    page = text(client.get(f"/office/decision-days/{event.slug}/count/"))
    assert "arrived after this count" not in page and "2 ballots from every channel" in page


def test_the_check_in_desk_says_why_it_is_closed(client: Client, day: Day) -> None:
    services.close_decision_day(day.officers[0], day.event)
    client.force_login(day.officers[0])
    page = text(client.get(f"/office/decision-days/{day.event.slug}/check-in/"))
    assert "Crewe Decision Day has closed: voting in the hall is over." in page
