"""In a real browser: a resident reads a published result, with an axe check."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible
from youdecide.programmes.models import BallotKind
from youdecide.results.tests.test_publish_and_recount import count_and_publish, vote
from youdecide.voting.tests.conftest import make_box

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_resident_reads_the_result_of_their_area(page: Page, live_server: Any) -> None:
    box = make_box()
    vote(box, BallotKind.SCORES, 10, seed=5)
    run = count_and_publish(box)
    page.goto(f"{live_server.url}/programmes/{box.programme.slug}/areas/{box.area.slug}/")
    page.get_by_role("link", name="The result is published: see what is funded and why").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Results: Crewe")
    expect(
        page.get_by_role("heading", name="Every project, and why it was or was not funded")
    ).to_be_visible()
    table = page.get_by_role("table")
    for proposal in box.proposals:
        row = table.get_by_role("row", name=proposal.title)
        expect(row).to_contain_text("Funded" if proposal.reference in run.selected else "Not funded")
    expect(page.get_by_role("link", name="Ballots and outcome (pabulib)")).to_be_visible()
    assert_accessible(page)
