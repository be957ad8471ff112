"""In a real browser: a resident reads a published result and downloads the file to recount, with an axe
check; an officer sees that a count made while voting is open is provisional."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from playwright.sync_api import Page, expect

from tests import factories
from tests.browser.conftest import assert_accessible
from youdecide.accounts.models import Role
from youdecide.programmes.models import BallotKind
from youdecide.results.services import run_count
from youdecide.results.tests.test_publish_and_recount import count_and_publish, vote
from youdecide.voting.tests.conftest import make_box

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_resident_reads_the_result_of_their_area(page: Page, live_server: Any, tmp_path: Path) -> None:
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
    expect(page.get_by_text("Fingerprint of the pabulib file (SHA-256)")).to_contain_text(run.snapshot_sha256)
    with page.expect_download() as downloading:
        page.get_by_role("link", name="Ballots and outcome (pabulib)").click()
    saved = tmp_path / downloading.value.suggested_filename
    downloading.value.save_as(saved)
    assert saved.suffix == ".pb"
    assert hashlib.sha256(saved.read_bytes()).hexdigest() == run.snapshot_sha256
    assert_accessible(page)


def test_an_officer_sees_a_count_while_voting_is_open_is_provisional(page: Page, live_server: Any) -> None:
    box = make_box()
    vote(box, BallotKind.SCORES, 3, seed=6)
    officer = factories.UserFactory.create(role=Role.OFFICER)
    run_count(officer, box.programme, box.area)
    client = Client()
    client.force_login(officer)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.goto(f"{live_server.url}/office/programmes/{box.programme.slug}/results/")
    crewe = page.get_by_role("region", name="Crewe")
    expect(crewe).to_contain_text("Voting is still open (Online voting). A count made now is provisional")
    expect(crewe.get_by_text("Provisional", exact=True)).to_be_visible()
    expect(crewe.get_by_role("button", name="Publish this count")).to_have_count(0)
    assert_accessible(page)
