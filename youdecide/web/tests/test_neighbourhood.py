"""The connected neighbourhood page: an area's groups, assets, proposals and funded projects, including its
wards', and nothing from another area; linked from the area profile."""

from __future__ import annotations

import pytest
from django.test import Client

from conftest import Setting
from tests import factories
from youdecide.areas.models import AreaKind
from youdecide.groups.models import AssetCategory, AssetStatus
from youdecide.proposals.models import ProposalStatus
from youdecide.web.tests.neighbourhood_data import asset, award, text_of

pytestmark = pytest.mark.django_db


def test_an_area_page_shows_its_own_and_its_wards_groups_assets_proposals_and_funded_projects(
    client: Client, setting: Setting
) -> None:
    ward = factories.AreaFactory.create(name="Crewe Central", kind=AreaKind.WARD, parent=setting.area)
    setting.group.area = ward
    setting.group.name = "Crewe Central Boxing Academy"
    setting.group.save()
    elsewhere = factories.CommunityGroupFactory.create(
        name="Macclesfield Men's Shed", area=setting.other_area
    )
    asset("Crewe Lifestyle Centre", ward, AssetCategory.VENUE)
    asset("Unchecked hall", ward, AssetCategory.VENUE, status=AssetStatus.PENDING)
    asset("Macclesfield Library", setting.other_area, AssetCategory.VENUE)
    funded = factories.ProposalFactory.create(
        programme=setting.programme, area=setting.area, group=setting.group, title="Boxing for teenagers",
        status=ProposalStatus.ELIGIBLE, cost_pence=800_000,
    )  # fmt: skip
    award(funded, 750_000, setting.officer)
    factories.ProposalFactory.create(
        programme=setting.programme,
        area=setting.area,
        title="A draft nobody sent",
        status=ProposalStatus.DRAFT,
    )
    factories.ProposalFactory.create(
        programme=setting.programme, area=setting.other_area, group=elsewhere, title="Shed tools",
        status=ProposalStatus.ELIGIBLE,
    )  # fmt: skip

    page = text_of(client, f"/areas/{setting.area.slug}/neighbourhood/")

    assert "Crewe Central Boxing Academy" in page
    assert "Crewe Lifestyle Centre" in page
    assert "Boxing for teenagers" in page
    assert "£7,500" in page  # awarded, in the funded projects and the total
    for absent in (
        "Macclesfield Men's Shed",
        "Macclesfield Library",
        "Shed tools",
        "Unchecked hall",
        "A draft",
    ):
        assert absent not in page


def test_a_ward_page_shows_what_groups_based_there_proposed_for_a_larger_area(
    client: Client, setting: Setting
) -> None:
    ward = factories.AreaFactory.create(name="Crewe St Barnabas", kind=AreaKind.WARD, parent=setting.area)
    group = factories.CommunityGroupFactory.create(name="St Barnabas Church", area=ward)
    proposal = factories.ProposalFactory.create(
        programme=setting.programme, area=setting.area, group=group, title="Crewe-wide lunch club",
        status=ProposalStatus.ELIGIBLE,
    )  # fmt: skip
    award(proposal, 123_456, setting.officer)

    page = text_of(client, f"/areas/{ward.slug}/neighbourhood/")

    assert "Crewe-wide lunch club" in page
    assert "£1,234.56" in page


def test_an_area_with_nothing_yet_says_so(client: Client, setting: Setting) -> None:
    page = text_of(client, f"/areas/{setting.other_area.slug}/neighbourhood/")
    assert "No community group has registered here yet." in page
    assert "No project has been funded here yet." in page


def test_the_area_profile_links_to_the_neighbourhood_page(client: Client, setting: Setting) -> None:
    page = text_of(client, f"/areas/{setting.area.slug}/")
    assert f'href="/areas/{setting.area.slug}/neighbourhood/"' in page


def test_an_unknown_area_is_not_found(client: Client, db: None) -> None:
    assert client.get("/areas/nowhere/neighbourhood/").status_code == 404
