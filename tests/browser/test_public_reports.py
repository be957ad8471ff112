"""In a real browser, on the demo's finished round: a resident reads who took part, the transparency report,
whether the money reached the most deprived areas, the evaluation and an area's profile, each page checked
with axe; an officer compares ways of splitting a pot."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible
from tests.demo_snapshot import seeded_demo
from youdecide.accounts.models import User
from youdecide.programmes.demo import past_round
from youdecide.programmes.demo.seeding import PROGRAMME_SLUG

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_resident_reads_the_reports_of_a_finished_round(page: Page, live_server: Any) -> None:
    seeded_demo()
    base = f"{live_server.url}/programmes/{past_round.SLUG}"
    page.goto(f"{base}/")
    expect(page.get_by_role("heading", name="Funded projects: follow how they are doing")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Who took part: 450 residents have voted").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Who took part")
    assert_accessible(page)

    page.goto(f"{base}/")
    page.get_by_role("link", name="Transparency report: the money, the decisions and the reasons").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Transparency report")
    assert_accessible(page)

    page.goto(f"{base}/")
    page.get_by_role("link", name="Did it reach the most deprived areas?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Did the money reach the most deprived communities?"
    )
    assert_accessible(page)

    page.goto(f"{base}/")
    page.get_by_role("link", name="What the money achieved: the programme's evaluation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Evaluation")
    assert_accessible(page)

    page.goto(f"{live_server.url}/areas/crewe/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Crewe")
    assert_accessible(page)


def test_an_officer_compares_ways_of_splitting_the_pot(page: Page, live_server: Any) -> None:
    seeded_demo()
    client = Client()
    client.force_login(User.objects.get(username="officer@youdecide.example"))
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.goto(f"{live_server.url}/office/programmes/{PROGRAMME_SLUG}/pots/options/")
    expect(page.locator("svg").first).to_be_visible()
    assert_accessible(page)
