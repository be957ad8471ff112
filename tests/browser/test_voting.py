"""In a real browser: a resident votes with the code on their card, changes the vote, and finds it by receipt.

Every page on the way is checked with axe for serious or critical accessibility problems: the ballot of
every kind, its review step and the receipt; one vote is cast with the keyboard alone, and on a phone's
screen (390 x 844) no page of the way scrolls sideways.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect

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


# Every ballot kind --------------------------------------------------------------------------------------


def fill_approval(page: Page) -> None:
    page.get_by_label("Community allotment").check()
    page.get_by_label("Cookery for families").check()


def fill_choose_one(page: Page) -> None:
    page.get_by_label("Walking football").check()


def fill_points(page: Page) -> None:
    page.get_by_label("Community allotment: points").fill("6")
    page.get_by_label("Men's shed tools: points").fill("4")


def fill_ranking(page: Page) -> None:
    page.get_by_label("Cookery for families: rank").select_option("1")
    page.get_by_label("Community allotment: rank").select_option("2")


def fill_scores(page: Page) -> None:
    for title, value in [
        ("Community allotment", 4),
        ("Walking football", 2),
        ("Cookery for families", 5),
        ("Men's shed tools", 3),
    ]:
        score(page, title, value)


KINDS: dict[str, tuple[Callable[[Page], None], dict[str, int]]] = {
    BallotKind.APPROVAL: (fill_approval, {"Community allotment": 1, "Cookery for families": 1}),
    BallotKind.KNAPSACK: (fill_approval, {"Community allotment": 1, "Cookery for families": 1}),
    BallotKind.CHOOSE_ONE: (fill_choose_one, {"Walking football": 1}),
    BallotKind.POINTS: (fill_points, {"Community allotment": 6, "Men's shed tools": 4}),
    BallotKind.RANKING: (fill_ranking, {"Cookery for families": 1, "Community allotment": 2}),
    BallotKind.SCORES: (
        fill_scores,
        {"Community allotment": 4, "Walking football": 2, "Cookery for families": 5, "Men's shed tools": 3},
    ),
}


def box_for(kind: str) -> tuple[Box, str]:
    box = make_box(ballot_kind=kind, max_picks=None, ranking_max=None)
    _batch, codes = services.generate_code_batch(None, box.programme, box.area, 1, "Crewe library")
    return box, codes[0]


def counted_choices() -> dict[str, int]:
    counted = Ballot.objects.get(status=BallotStatus.COUNTED)
    return {item.proposal.title: item.value for item in counted.items.select_related("proposal")}


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_ballot_kind_its_review_and_receipt_pass_axe(page: Page, live_server: Any, kind: str) -> None:
    fill, expected = KINDS[kind]
    box, code = box_for(kind)
    let_in(page, live_server.url, box, code)
    assert_accessible(page)
    page.get_by_role("button", name="Review my ballot").click()
    expect(page.get_by_role("alert")).to_be_visible()  # an empty ballot is refused, with its reason
    assert_accessible(page)
    fill(page)
    assert_accessible(page)
    page.get_by_role("button", name="Review my ballot").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your ballot")
    for title in expected:
        expect(page.get_by_role("row", name=title)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Send my ballot").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your vote is stored")
    assert_accessible(page)
    assert counted_choices() == expected


# The keyboard alone --------------------------------------------------------------------------------------

FOCUSED_NAME = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return "";
  const label = el.labels && el.labels.length ? el.labels[0].innerText : "";
  return (label || el.getAttribute("aria-label") || el.innerText || "").replace(/\\s+/g, " ").trim();
}"""
FOCUS_SHOWN = """() => {
  const style = getComputedStyle(document.activeElement);
  return style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
}"""


def tab_to(page: Page, name: str, presses: int = 60) -> None:
    """Press Tab until the control called `name` has the focus, and check the focus can be seen."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate(FOCUSED_NAME) == name:
            assert page.evaluate(FOCUS_SHOWN), f"the focus on {name!r} is not visible"
            return
    raise AssertionError(f"{name!r} cannot be reached with Tab")


def test_a_vote_with_the_keyboard_alone(page: Page, live_server: Any) -> None:
    box, code = box_for(BallotKind.SCORES)
    page.goto(f"{live_server.url}/programmes/{box.programme.slug}/vote/")
    tab_to(page, "Your voting code")
    page.keyboard.type(code)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("About you")
    for label, typed in [
        ("Full name", "Siân Roberts"),
        ("Date of birth", "17/05/1980"),
        ("Home postcode", "CW1 2BJ"),
    ]:
        tab_to(page, label)
        page.keyboard.type(typed)
    tab_to(page, "I live there")
    page.keyboard.press("Space")
    tab_to(page, "Continue to the ballot")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your ballot: Crewe")
    for title, value in [
        ("Community allotment", 4),
        ("Walking football", 2),
        ("Cookery for families", 5),
        ("Men's shed tools", 3),
    ]:
        tab_to(page, "1")  # the first score of the next project's scale; arrows move within it
        for _ in range(value - 1):
            page.keyboard.press("ArrowRight")
        expect(page.get_by_role("group", name=title).get_by_label(str(value), exact=True)).to_be_checked()
    tab_to(page, "Review my ballot")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your ballot")
    tab_to(page, "Send my ballot")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your vote is stored")
    assert counted_choices() == KINDS[BallotKind.SCORES][1]


# A phone's screen ----------------------------------------------------------------------------------------

PHONE: ViewportSize = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="en-GB")
    opened = context.new_page()
    opened.set_default_timeout(10_000)
    yield opened
    context.close()


def assert_fits_the_screen(page: Page, shots: Path, name: str) -> None:
    """Nothing scrolls sideways: the page is no wider than the screen, as its full-page screenshot shows."""
    widths = page.evaluate("[document.scrollingElement.scrollWidth, innerWidth]")
    assert widths[0] <= widths[1] == PHONE["width"], (
        f"{page.url} is {widths[0]}px wide on a {widths[1]}px screen"
    )
    png = page.screenshot(full_page=True, path=shots / f"{name}.png")
    assert int.from_bytes(png[16:20], "big") == PHONE["width"], name  # the PNG's width, from its header


@pytest.mark.parametrize("kind", list(KINDS))
def test_on_a_phone_no_page_scrolls_sideways(
    phone: Page, live_server: Any, kind: str, tmp_path: Path
) -> None:
    fill, expected = KINDS[kind]
    box, code = box_for(kind)
    let_in(phone, live_server.url, box, code)
    assert_fits_the_screen(phone, tmp_path, "ballot")
    fill(phone)
    phone.get_by_role("button", name="Review my ballot").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Check your ballot")
    assert_fits_the_screen(phone, tmp_path, "review")
    phone.get_by_role("button", name="Send my ballot").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Your vote is stored")
    assert_fits_the_screen(phone, tmp_path, "receipt")
    assert counted_choices() == expected
