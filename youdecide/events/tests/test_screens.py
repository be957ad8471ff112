"""What the hall and the groups see: the public page, the projector, the results screen and feedback."""

from __future__ import annotations

import re
from datetime import date

from django.test import Client

from tests import factories
from youdecide.events import services
from youdecide.events.models import Feedback
from youdecide.events.tests.conftest import Day
from youdecide.proposals.models import Proposal
from youdecide.results.services import confirm_count, run_count
from youdecide.voting.identity import VoterDetails


def text(response: object) -> str:
    return re.sub(r"\s+", " ", response.content.decode())  # type: ignore[attr-defined]


def test_the_public_page_shows_the_venue_and_running_order(client: Client, day: Day) -> None:
    page = text(client.get(f"/decision-days/{day.event.slug}/"))
    assert "Crewe Lyceum" in page and "hearing loop" in page
    first = day.event.slots.first()
    assert first is not None
    assert f"{first.starts_at.astimezone().strftime('%H:%M')}" in page
    assert page.index("Community allotment") < page.index("Men&#x27;s shed tools")


def test_a_group_sees_its_slot(client: Client, day: Day) -> None:
    client.force_login(factories.member(day.box.group))
    proposal = day.box.proposals[0]
    page = text(client.get(f"/groups/{day.box.group.slug}/proposals/{proposal.pk}/"))
    assert "Your pitch at Crewe Decision Day (Crewe Lyceum)" in page


def test_the_presenter_moves_through_the_running_order(client: Client, day: Day) -> None:
    client.force_login(day.officers[0])
    url = f"/decision-days/{day.event.slug}/present/"
    assert "Welcome" in text(client.get(url))
    client.post(url + "move/", {"direction": "next"})
    page = text(client.get(url, headers={"HX-Request": "true"}))
    assert "Project 1 of 4" in page and "Community allotment" in page and "Next up: Walking football" in page
    for _ in range(5):
        client.post(url + "move/", {"direction": "next"})
    assert "Now it is your turn to vote" in text(client.get(url))
    client.logout()
    assert client.get(url).status_code == 302


def test_the_results_screen_waits_for_a_confirmed_count(client: Client, day: Day) -> None:
    officer = day.officers[0]
    check_in = services.check_in_attendee(
        officer, day.event, VoterDetails("Ann Lee", date(1970, 1, 1), "CW1 2BJ", "lives")
    ).check_in
    slip = services.issue_tablet_ballot(officer, check_in)
    services.cast_tablet_ballot(officer, day.event, slip, day.box.scores(5, 1, 1, 1), "k")
    url = f"/decision-days/{day.event.slug}/results/"
    run = run_count(officer, day.box.programme, day.box.area)
    assert "The votes are being counted" in text(client.get(url))
    confirm_count(officer, run)
    page = text(client.get(url))
    assert "The results" in page and "1 votes." in page

    # The screen shows the projects as they were counted: a later change of title does not rewrite it.
    counted = day.box.proposals[0]
    Proposal.objects.filter(pk=counted.pk).update(title="Renamed after the count")
    page = text(client.get(url))
    assert counted.title in page and "Renamed after the count" not in page


def test_feedback_is_anonymous(client: Client, day: Day) -> None:
    response = client.post(
        f"/decision-days/{day.event.slug}/feedback/",
        {
            "more_connected": "agree",
            "learnt_about_groups": "strongly_agree",
            "first_time": "yes",
            "age_band": "25-34",
        },
    )
    assert "Thank you" in text(response)
    feedback = Feedback.objects.get()
    assert (feedback.more_connected, feedback.first_time, feedback.age_band) == ("agree", True, "25-34")
    assert not [f.name for f in Feedback._meta.get_fields() if f.name in ("check_in", "ballot", "created_at")]


def test_officers_are_signed_out_after_a_short_idle_time(client: Client, day: Day, settings: object) -> None:
    client.force_login(day.officers[0])
    client.get(f"/office/decision-days/{day.event.slug}/")
    assert client.session.get_expiry_age() == 30 * 60
