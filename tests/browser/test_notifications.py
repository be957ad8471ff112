"""In a real browser: a resident chooses which emails they get, then stops one kind from the link in an
email; a tampered link shows a clear page. Each page checked with axe."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests import factories
from tests.browser.conftest import assert_accessible
from tests.browser.test_delivery import sign_in, sign_out
from youdecide.accounts.models import NotificationKind, NotificationPreference, Role
from youdecide.accounts.notifications import unsubscribe_token

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_resident_chooses_their_emails_and_stops_one_kind_from_a_link(page: Page, live_server: Any) -> None:
    resident = factories.UserFactory.create(role=Role.RESIDENT)
    sign_in(page, live_server.url, resident.username)
    page.goto(live_server.url + "/accounts/notifications/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Emails you get")
    expect(page.get_by_label("Voting opens in a programme")).not_to_be_checked()
    expect(page.get_by_label("A monitoring return is due or late")).to_be_checked()
    assert_accessible(page)
    page.get_by_label("Voting opens in a programme").check()
    page.get_by_role("button", name="Save choices").click()
    expect(page.get_by_text("Your email choices are saved.")).to_be_visible()
    expect(page.get_by_label("Voting opens in a programme")).to_be_checked()
    assert_accessible(page)
    sign_out(page)

    token = unsubscribe_token(resident.email, NotificationKind.VOTING_OPENS)
    page.goto(f"{live_server.url}/unsubscribe/{token}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Stop these emails")
    assert_accessible(page)
    page.get_by_role("button", name="Stop these emails").click()
    expect(page.get_by_role("status")).to_contain_text("You will not get these emails")
    assert_accessible(page)
    assert (
        NotificationPreference.objects.get(email=resident.email, kind=NotificationKind.VOTING_OPENS).enabled
        is False
    )

    page.goto(f"{live_server.url}/unsubscribe/{token[:-4]}abcd/")
    expect(page.get_by_role("heading", level=1)).to_have_text("This link does not work")
    assert_accessible(page)
