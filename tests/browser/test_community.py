"""In a real browser: a resident suggests an entry for the asset map, an officer approves it and the public
finds it; a group member books a support session. Each page checked with axe."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from conftest import Setting
from tests import factories
from tests.browser.conftest import assert_accessible
from tests.browser.test_delivery import sign_in, sign_out
from youdecide.accounts.models import Role
from youdecide.areas.models import AreaKind
from youdecide.groups import services
from youdecide.groups.models import Asset, AssetStatus, SessionBooking

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_resident_suggests_an_asset_and_an_officer_approves_it(
    page: Page, live_server: Any, setting: Setting
) -> None:
    ward = factories.AreaFactory.create(
        name="Crewe Central",
        kind=AreaKind.WARD,
        boundary={
            "type": "Polygon",
            "coordinates": [[[-2.46, 53.09], [-2.43, 53.09], [-2.43, 53.11], [-2.46, 53.11], [-2.46, 53.09]]],
        },
    )
    resident = factories.UserFactory.create(role=Role.RESIDENT)
    sign_in(page, live_server.url, resident.username)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Local assets").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Local assets")
    assert_accessible(page)
    page.get_by_role("link", name="Suggest an entry").click()
    page.get_by_role("button", name="Send the suggestion").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter the name of the place or activity.")
    assert_accessible(page)
    page.get_by_label("Name").fill("Crewe Repair Café")
    page.get_by_label("Community project").check()
    page.get_by_label("Area").select_option(label="Crewe Central (ward)")
    page.get_by_label("What it offers").fill("Bring broken things; volunteers help fix them.")
    page.get_by_label("Address").fill("Crewe Library, Prince Albert Street")
    page.get_by_label("Longitude").fill("-2.4450")
    page.get_by_label("Latitude").fill("53.1000")
    page.get_by_label("Opening times").fill("Last Saturday of the month, 10am to 1pm")
    page.get_by_role("button", name="Send the suggestion").click()
    expect(page.get_by_text("It appears on the map once the council has checked it.")).to_be_visible()
    expect(page.get_by_text("Awaiting a council check")).to_be_visible()
    assert_accessible(page)
    asset = Asset.objects.get()
    assert asset.status == AssetStatus.PENDING and asset.suggested_by == resident and asset.area == ward
    sign_out(page)

    page.goto(live_server.url + "/assets/")
    expect(page.get_by_role("heading", name="0 entries")).to_be_visible()

    sign_in(page, live_server.url, setting.officer.username)
    page.goto(live_server.url + "/assets/")
    page.get_by_role("link", name="1 suggestion to check").click()
    assert_accessible(page)
    page.get_by_role("link", name="Check Crewe Repair Café: approve it or say why not").click()
    assert_accessible(page)
    page.get_by_role("button", name="Approve Crewe Repair Café").click()
    expect(page.get_by_text("Crewe Repair Café is on the asset map.")).to_be_visible()
    expect(page.get_by_text("No suggestions are waiting.")).to_be_visible()
    sign_out(page)

    page.goto(live_server.url + "/assets/")
    page.get_by_label("Search", exact=True).fill("repair")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("heading", name="1 entry")).to_be_visible()
    expect(page.get_by_role("link", name="Crewe Repair Café")).to_be_visible()
    expect(page.locator("svg.map circle.map-point")).to_have_count(1)
    assert_accessible(page)


def test_a_member_books_a_support_session(page: Page, live_server: Any, setting: Setting) -> None:
    session = services.create_support_session(
        setting.officer,
        area=setting.area,
        topic="writing_bids",
        title="Writing a bid",
        starts_at=timezone.now() + timedelta(days=5),
        ends_at=timezone.now() + timedelta(days=5, hours=2),
        venue="Crewe Library",
        places=6,
    )
    sign_in(page, live_server.url, setting.lead.username)
    page.goto(f"{live_server.url}/groups/{setting.group.slug}/")
    assert_accessible(page)
    page.get_by_role("link", name="Find a support session").click()
    assert_accessible(page)
    page.get_by_role("link", name="Writing a bid").click()
    page.get_by_role("button", name="Book the place").click()
    expect(page.get_by_text(f"{setting.group.name} has a place at Writing a bid.")).to_be_visible()
    expect(page.get_by_text("5 of 6")).to_be_visible()
    assert_accessible(page)
    assert SessionBooking.objects.get(session=session).booked_by == setting.lead
