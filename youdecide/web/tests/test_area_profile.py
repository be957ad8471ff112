"""An area's profile page on the real Cheshire East data: deprivation, life expectancy, domain scores
rolled up to sub-regions and the council, and PB money per resident once a result is published."""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client
from django.utils import timezone

from tests import factories
from youdecide.accounts.models import Role
from youdecide.areas.models import Area, AreaKind
from youdecide.areas.services import import_wards
from youdecide.programmes.models import Programme
from youdecide.results.models import CountRun

pytestmark = pytest.mark.django_db


def page_of(client: Client, area: Area) -> str:
    response = client.get(f"/areas/{area.slug}/")
    assert response.status_code == 200
    return re.sub(r"\s+", " ", html.unescape(response.content.decode()))


def test_a_ward_profile_shows_deprivation_life_expectancy_and_its_gap(client: Client) -> None:
    import_wards()
    ward = Area.objects.get(name="Crewe Central")
    page = page_of(client, ward)
    assert "<h1>Crewe Central</h1>" in page
    assert f"{ward.life_expectancy_male:.1f}" in page and "years less than the borough's best ward" in page
    assert page.count('<svg class="chart"') == 1 and "Deprivation by domain" in page
    assert "Open Government Licence" in page
    crewe = Area.objects.get(name="Crewe", kind="sub_region")
    region = page_of(client, crewe)
    assert "Crewe Central</a></li>" in region and "No published results here yet." in region
    assert client.get("/areas/nowhere/").status_code == 404


def test_sub_region_and_council_profiles_show_their_rolled_up_domain_scores(client: Client) -> None:
    import_wards()
    crewe = Area.objects.get(name="Crewe", kind=AreaKind.SUB_REGION)
    council = Area.objects.get(kind=AreaKind.LOCAL_AUTHORITY)
    page = page_of(client, crewe)
    income, council_income = crewe.domain_scores["income"], council.domain_scores["income"]
    assert (
        f'<th scope="row">Income</th><td class="num">{income:.2f}</td>'
        f'<td class="num">{council_income:.2f}</td>'
    ) in page
    health = crewe.domain_scores["health"]
    assert f'<th scope="row">Health deprivation and disability</th><td class="num">{health:.2f}</td>' in page
    whole = page_of(client, council)
    assert f'<th scope="row">Income</th><td class="num">{council_income:.2f}</td></tr>' in whole
    assert "Crewe</a></li>" in whole  # the council lists its sub-regions


def published_result(programme: Programme, area: Area, spent_pence: int) -> CountRun:
    officer = factories.UserFactory.create(role=Role.OFFICER)
    factories.pot(programme, area, spent_pence + 1_000_000)
    return CountRun.objects.create(
        programme=programme,
        area=area,
        rule="greedy",
        ballots=50,
        inputs_digest="0" * 64,
        budget_pence=spent_pence + 1_000_000,
        spent_pence=spent_pence,
        selected=["P-1", "P-2"],
        published_at=timezone.now(),
        published_by=officer,
    )


def test_money_per_resident_once_a_result_is_published(client: Client) -> None:
    import_wards()
    crewe = Area.objects.get(name="Crewe", kind=AreaKind.SUB_REGION)
    macclesfield = Area.objects.get(name="Macclesfield", kind=AreaKind.SUB_REGION)
    programme = factories.ProgrammeFactory.create(name="You Decide 2025", area_kind=AreaKind.SUB_REGION)
    published_result(programme, crewe, 3_000_000)
    factories.pot(programme, macclesfield, 2_000_000)  # counted but not published: nothing funded yet
    people = crewe.population or 0
    per_head = f"£{30_000 / people:.2f}"
    row = (
        f'You Decide 2025</a></th><td>Crewe</td><td class="num">£30,000</td>'
        f'<td class="num">{people}</td><td class="num">{per_head}</td>'
    )
    assert row in page_of(client, crewe)
    # A ward of Crewe: the money was decided for Crewe as a whole, shared by its residents.
    assert row in page_of(client, Area.objects.get(name="Crewe Central"))
    assert "No published results here yet." in page_of(client, macclesfield)
    # The council: the money of its areas summed, over the residents of the programme's areas.
    both = people + (macclesfield.population or 0)
    council = page_of(client, Area.objects.get(kind=AreaKind.LOCAL_AUTHORITY))
    assert (
        f'<td>the areas in Cheshire East</td><td class="num">£30,000</td><td class="num">{both}</td>'
        f'<td class="num">£{30_000 / both:.2f}</td>'
    ) in council
