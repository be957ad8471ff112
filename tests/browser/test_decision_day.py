"""In a real browser, a whole small Decision Day: check-in, a tablet vote (one sent after the connection
came back), a paper ballot keyed twice with a mismatch that a third officer reconciles, close, count and
the results screen."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.contrib.sessions.models import Session
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import assert_accessible
from tests.factories import TEST_PASSWORD
from youdecide.events import services
from youdecide.events.models import PaperStatus
from youdecide.events.tests.conftest import Day, make_day, make_two_area_day
from youdecide.voting.identity import VoterDetails
from youdecide.voting.models import Ballot, BallotItem, BallotStatus, Participation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def officer_page(browser: Browser, base: str, username: str) -> Page:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(base + "/accounts/sign-in/")
    page.get_by_label("Email").fill(username)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("Signed in as")).to_be_visible()
    return page


def check_in(page: Page, base: str, day: Day, name: str, born: str) -> None:
    page.goto(f"{base}/office/decision-days/{day.event.slug}/check-in/")
    page.get_by_label("Full name").fill(name)
    page.get_by_label("Date of birth").fill(born)
    page.get_by_label("Home postcode").fill("CW1 2BJ")
    page.get_by_label("I live there").check()
    page.get_by_role("button", name="Check in").click()
    expect(page.get_by_role("status")).to_contain_text("Checked in")


def score_on(page: Page, scope: str, values: list[int], titles: list[str]) -> None:
    for title, value in zip(titles, values, strict=True):
        page.locator(scope).get_by_role("group", name=title).get_by_label(str(value), exact=True).check()


def test_a_whole_decision_day(browser: Browser, live_server: Any) -> None:
    day = make_day()
    base = live_server.url
    titles = [p.title for p in day.box.proposals]
    desk = officer_page(browser, base, day.officers[0].username)
    desk.goto(f"{base}/office/decision-days/{day.event.slug}/")
    expect(desk.get_by_role("heading", level=1)).to_have_text("Crewe Decision Day")
    assert_accessible(desk)

    # Check-in and a tablet ballot
    check_in(desk, base, day, "Megan Lloyd", "03/04/1971")
    assert_accessible(desk)
    desk.get_by_role("button", name="Tablet ballot").click()
    slip = desk.locator("[data-slip]").inner_text()
    assert re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{4}", slip)

    tablet = officer_page(browser, base, day.officers[1].username)
    tablet.goto(f"{base}/office/decision-days/{day.event.slug}/kiosk/")
    tablet.get_by_label("Officer: the slip code from the check-in desk").fill(slip)
    tablet.get_by_role("button", name="Unlock a ballot").click()
    score_on(tablet, "[data-ballot]", [5, 2, 4, 1], titles)
    assert_accessible(tablet)
    tablet.get_by_role("button", name="Send my ballot").click()
    expect(tablet.get_by_role("heading", name="Thank you: your vote is in")).to_be_visible()
    expect(tablet.locator("[data-waiting]")).to_have_text("0")
    expect(tablet.get_by_role("heading", name="Please ask an officer to unlock this tablet")).to_be_visible(
        timeout=10_000
    )

    # The venue's connection drops: the next ballot waits on the tablet and is sent when it returns.
    check_in(desk, base, day, "Tomasz Nowak", "21/11/1988")
    desk.get_by_role("button", name="Tablet ballot").click()
    slip = desk.locator("[data-slip]").inner_text()
    tablet.context.set_offline(True)
    tablet.get_by_label("Officer: the slip code from the check-in desk").fill(slip)
    tablet.get_by_role("button", name="Unlock a ballot").click()
    score_on(tablet, "[data-ballot]", [4, 3, 5, 2], titles)
    tablet.get_by_role("button", name="Send my ballot").click()
    expect(tablet.locator("[data-waiting]")).to_have_text("1")
    assert Ballot.objects.count() == 1
    tablet.context.set_offline(False)
    tablet.evaluate("window.dispatchEvent(new Event('online'))")
    expect(tablet.locator("[data-waiting]")).to_have_text("0", timeout=15_000)
    assert Ballot.objects.filter(status=BallotStatus.COUNTED).count() == 2

    # A paper ballot, keyed by two officers who disagree, reconciled by a third.
    check_in(desk, base, day, "Ada Okafor", "09/09/1999")
    desk.get_by_role("button", name="Paper ballot").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text("Paper ballot")
    for officer_page_, values in ((desk, [3, 3, 3, 3]), (tablet, [3, 3, 2, 3])):
        officer_page_.goto(f"{base}/office/decision-days/{day.event.slug}/papers/")
        officer_page_.get_by_label("Number on the paper").fill("17")
        score_on(officer_page_, "#key-paper", values, titles)
        officer_page_.get_by_role("button", name="Save this keying").click()
    expect(tablet.locator(".messages")).to_contain_text("Paper 17: the two keyings differ.")
    assert_accessible(tablet)
    third = officer_page(browser, base, day.officers[2].username)
    third.goto(f"{base}/office/decision-days/{day.event.slug}/papers/")
    expect(third.get_by_role("table", name="Paper 17")).to_be_visible()
    third.get_by_label("Number on the paper").fill("17")
    score_on(third, "#key-paper", [3, 3, 3, 3], titles)
    third.get_by_role("button", name="Reconcile: this is what the paper says").click()
    expect(third.locator(".messages")).to_contain_text("Paper 17: accepted.")
    expect(third.get_by_role("row", name="Accepted and counted")).to_contain_text("1")
    assert day.event.papers.get(number=17).status == PaperStatus.ACCEPTED
    assert Participation.objects.filter(channel="paper").count() == 1

    # Close, count, confirm, and the results on the projector.
    desk.goto(f"{base}/office/decision-days/{day.event.slug}/count/")
    desk.get_by_role("button", name="Close voting and count").click()
    expect(desk.locator("main")).to_contain_text("3 ballots from every channel")
    # Scores: allotment 5+4+3=12 (£2,500), cookery 4+5+3=12 (£3,000), football 2+3+3=8 (£4,000) fit the
    # £10,000 pot with £500 left; the men's shed, 1+2+3=6 (£1,500), does not.
    expect(desk.get_by_role("row", name=re.compile("Walking football"))).to_contain_text("Funded")
    expect(desk.get_by_role("row", name=re.compile("Men's shed tools"))).to_contain_text("Not funded")
    assert_accessible(desk)
    desk.get_by_role("button", name="Confirm and show on the results screen").click()
    screen = browser.new_page()
    screen.goto(f"{base}/decision-days/{day.event.slug}/results/")
    expect(screen.get_by_role("heading", level=1)).to_have_text("The results")
    expect(screen.get_by_role("row", name=re.compile("Community allotment"))).to_contain_text("Funded")
    expect(screen.get_by_role("row", name=re.compile("Men's shed tools"))).to_contain_text("Not this time")
    assert_accessible(screen)


def slip_for(day: Day, name: str, **details: Any) -> str:
    officer = day.officers[0]
    attendee = VoterDetails(name, date(1975, 5, 5), "CW1 2BJ", "lives", **details)
    return services.issue_tablet_ballot(
        officer, services.check_in_attendee(officer, day.event, attendee).check_in
    )


def test_a_tablet_keeps_its_ballots_while_its_officer_is_signed_out(
    browser: Browser, live_server: Any
) -> None:
    day = make_day()
    base = live_server.url
    titles = [p.title for p in day.box.proposals]
    kiosk = f"{base}/office/decision-days/{day.event.slug}/kiosk/"
    tablet = officer_page(browser, base, day.officers[1].username)
    tablet.goto(kiosk)
    slip = slip_for(day, "Rhian Evans")

    # The connection drops; a ballot waits on the tablet.
    tablet.context.set_offline(True)
    tablet.get_by_label("Officer: the slip code from the check-in desk").fill(slip)
    tablet.get_by_role("button", name="Unlock a ballot").click()
    score_on(tablet, "[data-ballot]", [2, 5, 3, 4], titles)
    tablet.get_by_role("button", name="Send my ballot").click()
    expect(tablet.locator("[data-waiting]")).to_have_text("1")

    # The officer's session ends while the tablet is offline; the connection comes back.
    session = next(c["value"] for c in tablet.context.cookies() if c["name"] == "sessionid")
    Session.objects.filter(session_key=session).delete()
    tablet.context.set_offline(False)
    tablet.evaluate("window.dispatchEvent(new Event('online'))")
    expect(tablet.get_by_role("alert")).to_contain_text("Sign in again: 1 ballots waiting")
    expect(tablet.locator("[data-waiting]")).to_have_text("1")
    assert Ballot.objects.count() == 0

    # Signed in again, the tablet sends the waiting ballot: stored once.
    tablet.get_by_role("alert").get_by_role("link", name="Sign in").click()
    tablet.get_by_label("Email").fill(day.officers[1].username)
    tablet.get_by_label("Password").fill(TEST_PASSWORD)
    tablet.get_by_role("button", name="Sign in").click()
    expect(tablet).to_have_url(kiosk)
    eventually(tablet, lambda: Ballot.objects.count() == 1)
    expect(tablet.locator("[data-waiting]")).to_have_text("0", timeout=15_000)
    expect(tablet.get_by_role("alert")).to_be_hidden()
    tablet.evaluate("window.dispatchEvent(new Event('online'))")  # sent again: nothing left to send
    tablet.wait_for_timeout(1_000)
    assert Ballot.objects.filter(status=BallotStatus.COUNTED).count() == 1
    assert Participation.objects.filter(channel="tablet").count() == 1
    counted = dict(BallotItem.objects.values_list("proposal_id", "value"))
    assert counted == day.box.scores(2, 5, 3, 4)


def test_a_group_member_is_told_which_project_they_may_not_score(browser: Browser, live_server: Any) -> None:
    day = make_day()
    base = live_server.url
    own, *others = day.box.proposals
    tablet = officer_page(browser, base, day.officers[1].username)
    tablet.goto(f"{base}/office/decision-days/{day.event.slug}/kiosk/")
    slip = slip_for(day, "Gwen Parry", member_of=frozenset({day.box.group.pk}))
    tablet.get_by_label("Officer: the slip code from the check-in desk").fill(slip)
    tablet.get_by_role("button", name="Unlock a ballot").click()
    expect(tablet.locator("[data-left-out-notice]")).to_contain_text(
        "You are a member of the group that proposed this project, so you may not score it: "
        "Community allotment"
    )
    expect(tablet.get_by_role("group", name=own.title).get_by_label("5", exact=True)).to_be_disabled()
    assert_accessible(tablet)
    score_on(tablet, "[data-ballot]", [4, 3, 5], [p.title for p in others])
    tablet.get_by_role("button", name="Send my ballot").click()
    expect(tablet.get_by_role("heading", name="Thank you: your vote is in")).to_be_visible()
    expected = {p.pk: v for p, v in zip(others, [4, 3, 5], strict=True)}
    eventually(tablet, lambda: dict(BallotItem.objects.values_list("proposal_id", "value")) == expected)
    expect(tablet.locator("[data-waiting]")).to_have_text("0")


def eventually(page: Page, check: Callable[[], bool]) -> None:
    """Wait (up to ten seconds) for the server to have stored what the tablet sent."""
    for _attempt in range(50):
        if check():
            return
        page.wait_for_timeout(200)
    assert check()


def unlock(tablet: Page, slip: str) -> None:
    tablet.get_by_label("Officer: the slip code from the check-in desk").fill(slip)
    tablet.get_by_role("button", name="Unlock a ballot").click()


def test_choose_one_and_budget_ballots_on_the_tablet(browser: Browser, live_server: Any) -> None:
    base = live_server.url
    chooser = make_day(ballot_kind="choose_one")
    tablet = officer_page(browser, base, chooser.officers[1].username)
    tablet.goto(f"{base}/office/decision-days/{chooser.event.slug}/kiosk/")
    unlock(tablet, slip_for(chooser, "Dylan Hughes"))
    expect(tablet.get_by_text("Choose the one project you support most.")).to_be_visible()
    tablet.get_by_role("radio", name="Cookery for families").check()
    assert_accessible(tablet)
    tablet.get_by_role("button", name="Send my ballot").click()
    expect(tablet.get_by_role("heading", name="Thank you: your vote is in")).to_be_visible()
    cookery = chooser.box.proposals[2].pk
    eventually(tablet, lambda: list(BallotItem.objects.values_list("proposal_id", "value")) == [(cookery, 1)])
    expect(tablet.locator("[data-waiting]")).to_have_text("0")

    budget = make_day(ballot_kind="knapsack")
    tablet.goto(f"{base}/office/decision-days/{budget.event.slug}/kiosk/")
    unlock(tablet, slip_for(budget, "Nia Jones"))
    total = tablet.locator("[data-running-total]")
    expect(total).to_have_text("Chosen: £0 of £10,000 — £10,000 left")
    tablet.get_by_role("checkbox", name="Walking football").check()
    tablet.get_by_role("checkbox", name="Cookery for families").check()
    expect(total).to_have_text("Chosen: £7,000 of £10,000 — £3,000 left")
    tablet.get_by_role("checkbox", name="Community allotment").check()
    tablet.get_by_role("checkbox", name="Men's shed tools").check()
    expect(total).to_have_text("Chosen: £11,000 of £10,000 — over the pot by £1,000")
    tablet.get_by_role("checkbox", name="Men's shed tools").uncheck()
    assert_accessible(tablet)
    tablet.get_by_role("button", name="Send my ballot").click()
    stored = BallotItem.objects.filter(ballot__programme=budget.box.programme)
    eventually(
        tablet, lambda: sorted(stored.values_list("proposal_id", flat=True)) == sorted(budget.box.ids()[:3])
    )
    expect(tablet.locator("[data-waiting]")).to_have_text("0")
    # The next voter starts from a cleared ballot and total.
    expect(tablet.get_by_role("heading", name="Please ask an officer to unlock this tablet")).to_be_visible(
        timeout=10_000
    )
    unlock(tablet, slip_for(budget, "Owain Price"))
    expect(total).to_have_text("Chosen: £0 of £10,000 — £10,000 left")


def test_a_day_of_two_areas_at_the_desk_and_on_a_tablet_offline(browser: Browser, live_server: Any) -> None:
    two = make_two_area_day()
    base = live_server.url
    crewe, macc = two.box.area, two.box.other_area
    desk = officer_page(browser, base, two.officers[0].username)
    desk.goto(f"{base}/office/decision-days/{two.event.slug}/check-in/")
    desk.get_by_label("Full name").fill("Siân Hughes")
    desk.get_by_label("Date of birth").fill("12/08/1983")
    desk.get_by_label("Home postcode").fill("SK11 6DA")
    desk.get_by_label("I live there").check()
    desk.get_by_role("button", name="Check in").click()
    expect(desk.locator("main")).to_contain_text("Choose the area the attendee votes in.")
    assert_accessible(desk)
    desk.get_by_role("group", name="The area they vote in").get_by_label("Macclesfield").check()
    desk.get_by_role("button", name="Check in").click()
    expect(desk.get_by_role("status")).to_contain_text("Checked in")
    desk.get_by_role("button", name="Tablet ballot").click()
    expect(desk.locator("[data-area]")).to_have_text("Votes in Macclesfield")
    slip = desk.locator("[data-slip]").inner_text()
    assert slip[0] == "B"

    # With no connection the tablet opens the slip's area's ballot, from the slip's first letter.
    tablet = officer_page(browser, base, two.officers[1].username)
    tablet.goto(f"{base}/office/decision-days/{two.event.slug}/kiosk/")
    tablet.context.set_offline(True)
    tablet.get_by_label("Officer: the slip code from the check-in desk").fill(slip)
    tablet.get_by_role("button", name="Unlock a ballot").click()
    expect(tablet.get_by_role("heading", level=1)).to_have_text("Your ballot: Macclesfield")
    score_on(tablet, "[data-ballot]", [4, 2], [p.title for p in two.other_proposals])
    assert_accessible(tablet)
    tablet.get_by_role("button", name="Send my ballot").click()
    expect(tablet.locator("[data-waiting]")).to_have_text("1")
    tablet.context.set_offline(False)
    tablet.evaluate("window.dispatchEvent(new Event('online'))")
    expect(tablet.locator("[data-waiting]")).to_have_text("0", timeout=15_000)
    stored = Ballot.objects.get(status=BallotStatus.COUNTED)
    assert stored.area == macc
    assert dict(BallotItem.objects.values_list("proposal_id", "value")) == {
        two.other_proposals[0].pk: 4,
        two.other_proposals[1].pk: 2,
    }

    # Online, a Crewe slip opens Crewe's ballot.
    expect(tablet.get_by_role("heading", name="Please ask an officer to unlock this tablet")).to_be_visible(
        timeout=10_000
    )
    attendee = VoterDetails("Bryn Davies", date(1966, 2, 2), "CW1 2BJ", "lives")
    officer = two.officers[0]
    check_in_ = services.check_in_attendee(officer, two.event, attendee, crewe).check_in
    tablet.get_by_label("Officer: the slip code from the check-in desk").fill(
        services.issue_tablet_ballot(officer, check_in_)
    )
    tablet.get_by_role("button", name="Unlock a ballot").click()
    expect(tablet.get_by_role("heading", level=1)).to_have_text("Your ballot: Crewe")
    score_on(tablet, "[data-ballot]", [1, 2, 3, 4], [p.title for p in two.box.proposals])
    tablet.get_by_role("button", name="Send my ballot").click()
    eventually(tablet, lambda: Ballot.objects.filter(area=crewe).count() == 1)
