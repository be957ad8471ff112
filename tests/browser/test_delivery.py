"""In a real browser: a group member sends a monitoring return with a photo, an officer accepts it, and
the public sees it on the project's progress page; each page checked with axe."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from conftest import Setting
from tests import factories
from tests.browser.conftest import assert_accessible
from youdecide.delivery import services
from youdecide.delivery.demo import seed_delivery
from youdecide.delivery.models import Grant, MonitoringReturn, PanelMember, ReturnStatus, VisitReport
from youdecide.delivery.services import accept_grant
from youdecide.delivery.tests.conftest import (
    Funded,
    accept_and_pay,
    funded_proposal,
    image_bytes,
    offer,
    publish_result,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page: Page, base_url: str, email: str) -> None:
    page.goto(base_url + "/accounts/sign-in/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(factories.TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("Signed in as")).to_be_visible()


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()


def test_a_group_sends_a_return_with_a_photo_and_an_officer_accepts_it(
    page: Page, live_server: Any, setting: Setting, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    proposal = funded_proposal(setting, "Walking football for over-50s", 600_000)
    run = publish_result(setting.programme, setting.area, [proposal], setting.officer)
    member = factories.member(setting.group)
    funded = Funded(setting, proposal, proposal, run, member, member, member)
    grant = offer(funded)
    accept_and_pay(grant, funded)

    sign_in(page, live_server.url, member.username)
    page.goto(live_server.url + "/grants/")
    page.get_by_role("link", name="Walking football for over-50s").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Grant: Walking football for over-50s")
    assert_accessible(page)
    page.get_by_role("link", name="1: Quarterly return").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Return 1: Quarterly return")
    assert_accessible(page)

    page.get_by_label("Photo", exact=True).set_input_files(
        {"name": "session.png", "mimeType": "image/png", "buffer": image_bytes("PNG", (320, 200))}
    )
    page.get_by_label("Describe the photo").fill("Twelve players warming up on the pitch")
    page.get_by_role("button", name="Add the photo").click()
    expect(page.get_by_text("The photo is added to the return.")).to_be_visible()
    photo = page.get_by_role("img", name="Twelve players warming up on the pitch")
    expect(photo).to_be_visible()
    expect(photo).to_have_js_property("naturalWidth", 320)  # served to the group before it is accepted

    page.get_by_role("button", name="Send the return").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter the spend to date on “Coach”, 0 if none.")
    assert_accessible(page)
    page.get_by_label("Spent to date on “Coach” (£)").fill("1,800")
    page.get_by_label("Spent to date on “Hall hire” (£)").fill("600")
    for label, count in [
        ("Under 16", "0"),
        ("16 to 24", "1"),
        ("25 to 49", "4"),
        ("50 to 64", "14"),
        ("65 and over", "9"),
    ]:
        page.get_by_label(label, exact=True).fill(count)
    page.get_by_label("Activities delivered").fill(
        "Twelve weekly sessions at the Crewe Alex community pitch."
    )
    page.get_by_label("A short story").fill("Twenty-eight people now play every Tuesday.")
    page.get_by_role("button", name="Send the return").click()
    expect(page.get_by_text("Return 1 is sent. An officer will review it.")).to_be_visible()
    first = MonitoringReturn.objects.get(grant=grant, number=1)
    assert first.status == ReturnStatus.SUBMITTED and first.people_reached == 28
    sign_out(page)

    sign_in(page, live_server.url, setting.officer.username)
    page.goto(f"{live_server.url}/office/programmes/{setting.programme.slug}/grants/")
    assert_accessible(page)
    page.get_by_role("link", name="Walking football for over-50s").click()
    assert_accessible(page)
    page.get_by_role("link", name="1: Quarterly return").click()
    expect(page.get_by_role("img", name="Twelve players warming up on the pitch")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Accept the return").click()
    expect(page.get_by_text("Return 1 is accepted.")).to_be_visible()
    first.refresh_from_db()
    assert first.status == ReturnStatus.ACCEPTED and first.decided_by == setting.officer
    sign_out(page)

    page.goto(
        f"{live_server.url}/programmes/{setting.programme.slug}/proposals/{proposal.reference}/progress/"
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Progress: Walking football for over-50s")
    expect(page.get_by_text("Twenty-eight people now play every Tuesday.")).to_be_visible()
    expect(page.get_by_role("img", name="Twelve players warming up on the pitch")).to_be_visible()
    expect(page.locator("main")).to_contain_text("£2,400")
    assert_accessible(page)


def test_the_public_reads_a_programme_evaluation(page: Page, live_server: Any, setting: Setting) -> None:
    proposals = [
        funded_proposal(setting, title, cost)
        for title, cost in [("Chair yoga", 180_000), ("Parkrun buddies", 250_000), ("Warm spaces", 330_000)]
    ]
    publish_result(setting.programme, setting.area, proposals, setting.officer)
    seed_delivery(setting.programme)
    page.goto(f"{live_server.url}/programmes/{setting.programme.slug}/evaluation/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Evaluation")
    expect(page.get_by_role("row", name="More physical activity")).to_be_visible()
    expect(page.get_by_role("link", name="Download as PDF")).to_be_visible()
    assert_accessible(page)


def test_an_officer_offers_a_grant_and_a_resident_reports_a_visit(
    page: Page, live_server: Any, setting: Setting
) -> None:
    proposal = funded_proposal(setting, "Men's shed", 300_000)
    publish_result(setting.programme, setting.area, [proposal], setting.officer)
    sign_in(page, live_server.url, setting.officer.username)
    page.goto(f"{live_server.url}/office/programmes/{setting.programme.slug}/grants/")
    page.get_by_role("link", name="Offer a grant: Men's shed (Crewe, £3,000)").click()
    assert_accessible(page)
    page.get_by_label("Starts on").fill("2026-04-01")
    page.get_by_label("Ends on").fill("2027-03-31")
    page.get_by_label("Tranche 1: due on").fill("2026-04-01")
    page.get_by_label("Tranche 1: amount (£)").fill("2,000")
    page.get_by_role("button", name="Offer the grant").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "The tranches add up to £2,000, £1,000 less than the grant of £3,000."
    )
    assert_accessible(page)
    page.get_by_label("Tranche 2: due on").fill("2026-10-01")
    page.get_by_label("Tranche 2: amount (£)").fill("1,000")
    page.get_by_role("button", name="Offer the grant").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Grant: Men's shed")
    grant = Grant.objects.get(proposal=proposal)
    accept_grant(setting.lead, grant, "Sam Jones")
    sign_out(page)

    resident = factories.UserFactory.create(display_name="Rita Visitor")
    sign_in(page, live_server.url, resident.username)
    page.goto(live_server.url + "/monitoring-panel/")
    assert_accessible(page)
    page.get_by_label("The area you will visit projects in").select_option(label="Crewe")
    page.get_by_role("button", name="Join the panel").click()
    expect(page.get_by_text("You are on the monitoring panel for Crewe.")).to_be_visible()
    services.assign_panel_member(setting.officer, PanelMember.objects.get(user=resident))
    page.reload()
    page.get_by_role("link", name="Report a visit to Men's shed").click()
    assert_accessible(page)
    page.get_by_label("Day of your visit").fill(timezone.localdate().isoformat())
    page.get_by_label("What you saw").fill("Eight men building bird boxes; tea and a lot of laughter.")
    page.get_by_role("button", name="Send the visit report").click()
    expect(
        page.get_by_text("Thank you: your visit report is with the council and the group.")
    ).to_be_visible()
    assert VisitReport.objects.get().assignment.grant == grant
