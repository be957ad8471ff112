"""In a real browser: a resident gives their views on the budget proposals and balances the budget in
the simulator with the keyboard alone, each page checked with axe."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests import factories
from tests.browser.conftest import assert_accessible
from youdecide.accounts.models import Role
from youdecide.consultation.demo import seed_consultation
from youdecide.consultation.models import CommentStatus, ProposalResponse, SimulatorSubmission

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_resident_answers_the_consultation_and_balances_the_budget_by_keyboard(
    page: Page, live_server: Any
) -> None:
    summary = seed_consultation(factories.UserFactory.create(role=Role.OFFICER))
    responses_before = ProposalResponse.objects.count()
    budgets_before = SimulatorSubmission.objects.count()

    page.goto(f"{live_server.url}/consultation/")
    page.get_by_role("link", name="Budget 2019/20 to 2021/22").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Budget 2019/20 to 2021/22")
    table = page.get_by_role("table", name=re.compile("Outcome 1: Our local communities are strong"))
    grant_row = table.get_by_role("row", name=re.compile("Restore the Universal Information"))
    expect(grant_row.get_by_role("cell")).to_have_text(
        ["1", "Growth", "Communities", "+0.010", "+0.010", "+0.010"]
    )
    totals = table.get_by_role("row", name=re.compile("^Total for the year"))
    expect(totals.get_by_role("cell")).to_have_text(["+0.015", "-0.085", "-0.255"])
    expect(page.get_by_text("Values are not cumulative")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Give your views on the proposals").click()
    grant = page.get_by_role(
        "group", name="Do you support “Restore the Universal Information and Advice grant”?"
    )
    grant.get_by_role("radio", name="Support", exact=True).focus()
    page.keyboard.press("Space")
    page.get_by_role(
        "textbox", name="Your comment on “Restore the Universal Information and Advice grant” (optional)"
    ).fill("The advice service helped me keep my home.")
    hubs = page.get_by_role("group", name=re.compile("Do you support “Bring community hubs"))
    hubs.get_by_role("radio", name="Support", exact=True).focus()
    page.keyboard.press("ArrowRight")  # moves to, and chooses, Oppose
    expect(hubs.get_by_role("radio", name="Oppose", exact=True)).to_be_checked()
    assert_accessible(page)
    page.get_by_role("button", name="Send my views").focus()
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", name="Thank you: your views are sent")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("group", name="How old are you?").get_by_role("radio", name="45 to 64").check()
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("heading", name="Thank you for taking part")).to_be_visible()
    page.get_by_role("link", name="Now try balancing the budget").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Balance the budget")
    balance = page.locator("#balance")
    expect(balance).to_contain_text(
        "Savings found: £0 of the £10,000,000 needed. Still to find: £10,000,000."
    )
    assert_accessible(page)
    care = page.get_by_role("group", name=re.compile("^Adult social care"))
    care.get_by_role("radio", name=re.compile("^0%")).focus()
    page.keyboard.press("ArrowLeft")  # -5%: £5,500,000
    expect(care.get_by_role("radio", name=re.compile("^-5%"))).to_be_checked()
    expect(balance).to_contain_text(
        "Savings found: £5,500,000 of the £10,000,000 needed. Still to find: £4,500,000."
    )
    page.get_by_role("button", name="Send my budget").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("find another £4,500,000")
    assert SimulatorSubmission.objects.count() == budgets_before

    tax = page.get_by_role("group", name="Council tax")
    tax.get_by_role("radio", name=re.compile("^0%")).focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")  # +2%: £4,600,000
    expect(balance).to_contain_text("Target met, with £100,000 to spare.")
    assert_accessible(page)
    page.get_by_role("button", name="Send my budget").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Your budget is sent")).to_be_visible()

    latest = SimulatorSubmission.objects.order_by("-pk").first()
    assert latest is not None and SimulatorSubmission.objects.count() == budgets_before + 1
    assert (latest.tax_percent, latest.savings_pence) == (2, 1_010_000_000)
    assert latest.choices.get(service__name="Adult social care").percent == -5
    assert ProposalResponse.objects.count() == responses_before + 2
    comment = ProposalResponse.objects.get(comment="The advice service helped me keep my home.")
    assert comment.comment_status == CommentStatus.PENDING
    assert summary.plan.demographics.filter(age_band="45_64").count() == 1
