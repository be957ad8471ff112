"""In a real browser: a resident gives their views on the budget proposals and balances the budget in
the simulator with the keyboard alone, each page checked with axe."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import FilePayload, Page, expect

from tests import factories
from tests.browser.conftest import assert_accessible
from youdecide.accounts.models import Role, User
from youdecide.consultation import services
from youdecide.consultation.demo import demo_plan_csv, seed_consultation
from youdecide.consultation.models import BudgetPlan, CommentStatus, ProposalResponse, SimulatorSubmission

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


def signed_in(page: Page, live_server: Any, user: User) -> None:
    """The browser carries the user's session (signing in itself is tested elsewhere)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def test_an_officer_imports_publishes_and_moderates_and_a_councillor_reads_the_results(
    page: Page, live_server: Any
) -> None:
    officer = factories.UserFactory.create(role=Role.OFFICER)
    signed_in(page, live_server, officer)
    page.goto(f"{live_server.url}/office/consultation/")
    broken = demo_plan_csv().replace(b"+0.010,+0.010,+0.010", b"+0.010,0.01,+0.010", 1)
    assert broken != demo_plan_csv()
    page.get_by_label("Plan file (CSV or XLSX)").set_input_files(
        files=FilePayload(name="plan.csv", mimeType="text/csv", buffer=broken)
    )
    page.get_by_role("button", name="Import").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Nothing was imported: the file has problems")
    expect(alert).to_contain_text("I8: '0.01' needs three decimals, such as +0.010 for £10,000")
    assert_accessible(page)
    assert not BudgetPlan.objects.exists()

    page.get_by_label("Plan file (CSV or XLSX)").set_input_files(
        files=FilePayload(name="plan.csv", mimeType="text/csv", buffer=demo_plan_csv())
    )
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_text("The plan “Budget 2019/20 to 2021/22” is imported.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Publish the plan").click()
    expect(page.get_by_text("The plan is published: residents can give their views.")).to_be_visible()
    plan = BudgetPlan.objects.get()
    assert plan.is_published

    grant = plan.proposals.get(reference="1")
    services.record_responses(plan, [(grant, "support", "Keep the advice service free for everyone.")])
    services.record_responses(plan, [(grant, "oppose", "A rude remark.")])
    page.get_by_role("link", name=re.compile("Moderate comments")).click()
    assert_accessible(page)
    page.get_by_role("button", name="Publish this comment on 1").first.click()
    expect(page.get_by_text("Comment published.")).to_be_visible()
    page.get_by_role("button", name="Do not publish this comment on 1").click()
    expect(page.get_by_text("No comment is waiting.")).to_be_visible()

    page.context.clear_cookies()
    signed_in(page, live_server, factories.UserFactory.create(role=Role.COUNCILLOR))
    page.goto(f"{live_server.url}/consultation/{plan.slug}/results/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Consultation results")
    views = page.get_by_role("table", name="Residents' views of each proposal")
    expect(views.get_by_role("row", name=re.compile("^1 Restore")).get_by_role("cell")).to_have_text(
        ["1 (50%)", "1 (50%)", "0 (0%)", "2"]
    )
    expect(page.get_by_text("Keep the advice service free for everyone.")).to_be_visible()
    expect(page.get_by_text("A rude remark.")).to_have_count(0)
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="The report as PDF").click()
    assert download.value.suggested_filename == f"{plan.slug}-results.pdf"
