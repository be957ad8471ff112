"""In a real browser: a resident follows the demo programme down to a proposal, and a group submits one.

Every page on the way is checked with axe for serious or critical accessibility problems.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible
from tests.demo_snapshot import seeded_demo
from youdecide.money import format_pence
from youdecide.programmes.demo.seeding import PROGRAMME_SLUG
from youdecide.programmes.models import Programme
from youdecide.proposals.models import Proposal, ProposalStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ATTRIBUTION = "Contains public sector information licensed under the Open Government Licence v3.0"


@pytest.fixture
def demo(settings: Any) -> Programme:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    seeded_demo()
    return Programme.objects.get(slug=PROGRAMME_SLUG)


def test_a_resident_goes_from_home_to_a_proposal(page: Page, live_server: Any, demo: Programme) -> None:
    crewe_pot = demo.area_pots.get(area__name="Crewe").amount_pence

    page.goto(live_server.url)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Decide how local money is spent")
    assert_accessible(page)

    page.get_by_role("link", name=demo.name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(demo.name)
    expect(page.locator("main")).to_contain_text("£400,000")
    expect(page.get_by_text("Happening now")).to_be_visible()
    expect(page.locator("footer")).to_contain_text(ATTRIBUTION)
    assert_accessible(page)

    page.get_by_role("link", name="Crewe", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Crewe")
    expect(page.locator("main")).to_contain_text(format_pence(crewe_pot))
    expect(page.locator("footer")).to_contain_text(ATTRIBUTION)
    assert_accessible(page)

    proposal = (
        Proposal.objects.filter(programme=demo, area__name="Crewe", status=ProposalStatus.ELIGIBLE)
        .order_by("title")
        .first()
    )
    assert proposal is not None
    page.get_by_role("link", name=proposal.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(proposal.title)
    expect(page.locator("main")).to_contain_text(proposal.group.name)
    expect(page.locator("main")).to_contain_text(format_pence(proposal.cost_pence))
    for line in proposal.budget_lines.all():
        expect(page.locator("main")).to_contain_text(line.description)
    assert_accessible(page)


def crewe_choice(programme: Programme) -> str:
    return f"Crewe (pot {format_pence(programme.area_pots.get(area__name='Crewe').amount_pence)})"


def sign_in(page: Page, base_url: str, email: str) -> None:
    page.goto(base_url + "/accounts/sign-in/")
    assert_accessible(page)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill("youdecide-demo")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("Signed in as")).to_be_visible()


def test_a_group_drafts_and_submits_a_proposal(page: Page, live_server: Any, demo: Programme) -> None:
    sign_in(page, live_server.url, "group@youdecide.example")

    page.get_by_role("link", name="Your groups").click()
    assert_accessible(page)
    page.get_by_role("link", name="St Barnabas Community Kitchen").first.click()
    assert_accessible(page)
    page.get_by_role("link", name="Start a proposal").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Start a proposal")
    assert_accessible(page)

    page.get_by_label("Title").fill("Saturday cook and eat for dads and kids")
    page.get_by_label("Which area's pot is it for?").select_option(label=crewe_choice(demo))
    page.get_by_label("Summary").fill("Dads and children cook a cheap healthy lunch together every Saturday.")
    page.get_by_label("Full description").fill(
        "Twenty Saturday sessions in the church hall kitchen with a community chef; families take the "
        "recipes and leftover ingredients home."
    )
    page.get_by_label("Healthier eating").check()
    page.get_by_label("How many people do you expect to benefit?").fill("40")
    page.get_by_label("Line 1: item").fill("Community chef, 20 sessions")
    page.get_by_label("Line 1: amount in pounds").fill("2,400")
    page.get_by_label("Line 2: item").fill("Ingredients")
    page.get_by_label("Line 2: amount in pounds").fill("1,250.50")
    page.get_by_role("button", name="Save as a draft").click()

    proposal = Proposal.objects.get(title="Saturday cook and eat for dads and kids")
    assert proposal.status == ProposalStatus.DRAFT
    assert proposal.cost_pence == 365_050
    expect(page.locator("main")).to_contain_text("£3,650.50")
    assert_accessible(page)

    page.get_by_role("link", name="Submit for review").click()
    assert_accessible(page)
    page.get_by_role("button", name="Yes, submit it").click()
    expect(page.locator("main")).to_contain_text("a council officer will check it is eligible")

    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED
    assert proposal.submitted_at is not None


def test_a_cost_over_the_grant_cap_is_refused_with_the_reason(
    page: Page, live_server: Any, demo: Programme
) -> None:
    sign_in(page, live_server.url, "group@youdecide.example")
    page.goto(live_server.url + "/groups/")
    page.get_by_role("link", name="St Barnabas Community Kitchen").first.click()
    page.get_by_role("link", name="Start a proposal").click()
    before = Proposal.objects.count()

    page.get_by_label("Title").fill("A minibus for the lunch club")
    page.get_by_label("Which area's pot is it for?").select_option(label=crewe_choice(demo))
    page.get_by_label("Summary").fill("A minibus to bring older people to the lunch club.")
    page.get_by_label("Full description").fill("A second-hand accessible minibus and a year's running costs.")
    page.get_by_label("Line 1: item").fill("Accessible minibus")
    page.get_by_label("Line 1: amount in pounds").fill("24,000")
    page.get_by_role("button", name="Save as a draft").click()

    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("more than the largest grant this programme gives (£10,000)")
    assert_accessible(page)
    assert Proposal.objects.count() == before
