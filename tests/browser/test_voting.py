"""In a real browser: a resident votes with the code on their card, changes the vote, and finds it by receipt.

Every page on the way is checked with axe for serious or critical accessibility problems.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible
from youdecide.programmes.models import BallotKind
from youdecide.voting import services
from youdecide.voting.models import Ballot, BallotStatus
from youdecide.voting.tests.conftest import Box, make_box

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def let_in(page: Page, base: str, box: Box, code: str) -> None:
    page.goto(f"{base}/programmes/{box.programme.slug}/")
    page.get_by_role("link", name="Vote now").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vote")
    assert_accessible(page)
    page.get_by_label("Your voting code").fill(code.lower().replace("-", " "))
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("About you")
    page.get_by_label("Full name").fill("Siân Roberts")
    page.get_by_label("Date of birth").fill("17/05/1980")
    page.get_by_label("Home postcode").fill("cw1 2bj")
    page.get_by_label("I live there").check()
    assert_accessible(page)
    page.get_by_role("button", name="Continue to the ballot").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your ballot: Crewe")


def score(page: Page, title: str, value: int) -> None:
    page.get_by_role("group", name=title).get_by_label(str(value), exact=True).check()


def test_vote_change_and_find_by_receipt(page: Page, live_server: Any) -> None:
    box = make_box()
    _batch, codes = services.generate_code_batch(None, box.programme, box.area, 1, "Crewe library")
    let_in(page, live_server.url, box, codes[0])
    score(page, "Community allotment", 5)
    score(page, "Walking football", 2)
    score(page, "Cookery for families", 4)
    assert_accessible(page)
    page.get_by_role("button", name="Review my ballot").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Score “Men's shed tools”: every project must be scored.")
    assert_accessible(page)
    score(page, "Men's shed tools", 1)
    page.get_by_role("button", name="Review my ballot").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your ballot")
    expect(page.get_by_role("row", name="Community allotment")).to_contain_text("5")
    assert_accessible(page)
    page.get_by_role("button", name="Send my ballot").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your vote is stored")
    first_receipt = page.locator("[data-receipt]").inner_text()
    assert re.fullmatch(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){3}", first_receipt)
    assert_accessible(page)

    # The same card again: the ballot comes back filled in, and the changed one replaces it.
    let_in(page, live_server.url, box, codes[0])
    expect(page.locator(".notice")).to_contain_text("You have voted already")
    allotment = page.get_by_role("group", name="Community allotment")
    expect(allotment.get_by_label("5", exact=True)).to_be_checked()
    score(page, "Community allotment", 1)
    score(page, "Walking football", 5)
    page.get_by_role("button", name="Review my ballot").click()
    page.get_by_role("button", name="Send my changed ballot").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your changed vote is stored")
    second_receipt = page.locator("[data-receipt]").inner_text()
    assert second_receipt != first_receipt

    page.get_by_role("link", name="Find my ballot with my receipt").click()
    page.get_by_label("Your receipt").fill(second_receipt)
    page.get_by_role("button", name="Find my ballot").click()
    expect(page.locator("main")).to_contain_text("It counts.")
    expect(page.get_by_role("row", name="Walking football")).to_contain_text("5")
    assert_accessible(page)
    page.get_by_label("Your receipt").fill(first_receipt.lower())
    page.get_by_role("button", name="Find my ballot").click()
    expect(page.locator("main")).to_contain_text("It does not count: you changed your vote")

    counted = Ballot.objects.get(status=BallotStatus.COUNTED)
    assert {item.proposal.title: item.value for item in counted.items.select_related("proposal")} == {
        "Community allotment": 1,
        "Walking football": 5,
        "Cookery for families": 4,
        "Men's shed tools": 1,
    }
    assert Ballot.objects.filter(status=BallotStatus.REPLACED).count() == 1


def test_a_budget_ballot_keeps_a_running_total(page: Page, live_server: Any) -> None:
    box = make_box(ballot_kind=BallotKind.KNAPSACK)
    _batch, codes = services.generate_code_batch(None, box.programme, box.area, 1, "Crewe library")
    let_in(page, live_server.url, box, codes[0])
    total = page.locator("[data-running-total]")
    expect(total).to_have_text("Chosen: £0 of £10,000 — £10,000 left")
    page.get_by_label("Community allotment").check()
    page.get_by_label("Walking football").check()
    expect(total).to_have_text("Chosen: £6,500 of £10,000 — £3,500 left")
    page.get_by_label("Cookery for families").check()
    page.get_by_label("Men's shed tools").check()
    expect(total).to_have_text("Chosen: £11,000 of £10,000 — over the pot by £1,000")
    assert_accessible(page)
    page.get_by_role("button", name="Review my ballot").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Your choices cost £11,000, more than the pot of £10,000.")
    page.get_by_label("Men's shed tools").uncheck()
    page.get_by_label("Cookery for families").uncheck()
    page.get_by_role("button", name="Review my ballot").click()
    expect(page.locator("tfoot")).to_contain_text("£6,500 of £10,000")
    page.get_by_role("button", name="Send my ballot").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your vote is stored")
    assert Ballot.objects.get().items.count() == 2
