"""In a real browser: a tablet left with an unlocked ballot locks itself after two minutes without a touch,
and the half-filled ballot is cleared, so the next person cannot vote with the last one's slip."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.test_decision_day import officer_page, score_on, slip_for, unlock
from youdecide.events.tests.conftest import make_day
from youdecide.voting.models import Ballot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LOCKED = "Please ask an officer to unlock this tablet"


def test_an_unlocked_ballot_locks_after_two_idle_minutes(browser: Browser, live_server: Any) -> None:
    day = make_day()
    base = live_server.url
    titles = [p.title for p in day.box.proposals]
    tablet = officer_page(browser, base, day.officers[1].username)
    tablet.clock.install()
    tablet.goto(f"{base}/office/decision-days/{day.event.slug}/kiosk/")
    unlock(tablet, slip_for(day, "Rhian Evans"))
    score_on(tablet, "[data-ballot]", [2, 5], titles[:2])
    tablet.clock.run_for(110_000)
    expect(tablet.get_by_role("button", name="Send my ballot")).to_be_visible()  # touched 110 s ago: open
    tablet.clock.run_for(11_000)
    expect(tablet.get_by_role("heading", name=LOCKED)).to_be_visible()
    expect(tablet.get_by_role("button", name="Send my ballot")).to_be_hidden()
    first = tablet.get_by_role("group", name=titles[0], include_hidden=True).get_by_label("2", exact=True)
    expect(first).not_to_be_checked()  # cleared for the next person
    assert Ballot.objects.count() == 0
