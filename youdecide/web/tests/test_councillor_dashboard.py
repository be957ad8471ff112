"""A councillor's dashboard lists their wards with proposals, turnout, funded projects and Decision Days;
other people are turned away."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from conftest import Setting
from tests import factories
from youdecide.accounts.models import Role
from youdecide.areas.models import AreaKind
from youdecide.areas.services import assign_councillor_wards
from youdecide.events.models import DecisionDay
from youdecide.proposals.models import ProposalStatus
from youdecide.voting.models import Participation
from youdecide.web.tests.neighbourhood_data import award, text_of

pytestmark = pytest.mark.django_db


def test_a_councillor_sees_their_wards_proposals_turnout_funded_projects_and_decision_days(
    client: Client, setting: Setting
) -> None:
    setting.area.population = 1000
    setting.area.save()
    ward = factories.AreaFactory.create(name="Crewe St Barnabas", kind=AreaKind.WARD, parent=setting.area)
    other_ward = factories.AreaFactory.create(name="Crewe North", kind=AreaKind.WARD, parent=setting.area)
    councillor = factories.UserFactory.create(role=Role.COUNCILLOR)
    assert [w.name for w in assign_councillor_wards(councillor, ["Crewe St Barnabas", "Nowhere"])] == [
        "Crewe St Barnabas"
    ]
    funded = factories.ProposalFactory.create(
        programme=setting.programme,
        area=ward,
        title="Warm space at St Barnabas",
        status=ProposalStatus.ELIGIBLE,
    )
    award(funded, 420_000, setting.officer)
    factories.ProposalFactory.create(
        programme=setting.programme,
        area=ward,
        title="Parent and toddler yoga",
        status=ProposalStatus.SUBMITTED,
    )
    factories.ProposalFactory.create(
        programme=setting.programme,
        area=other_ward,
        title="North ward bike library",
        status=ProposalStatus.ELIGIBLE,
    )
    based_here = factories.CommunityGroupFactory.create(name="St Barnabas Church", area=ward)
    made_for_crewe = factories.ProposalFactory.create(
        programme=setting.programme, area=setting.area, group=based_here, title="Crewe-wide lunch club",
        status=ProposalStatus.ELIGIBLE,
    )  # fmt: skip
    award(made_for_crewe, 100_001, setting.officer)
    for n in range(37):
        Participation.objects.create(
            programme=setting.programme, area=setting.area, person_key=f"p{n}", channel="online",
            connection="online", age_band="25-49", first_channel="online",
        )  # fmt: skip
    start = timezone.now() + timedelta(days=10)
    day = DecisionDay.objects.create(
        programme=setting.programme, name="Crewe Decision Day", slug="crewe-day",
        venue="Crewe Lifestyle Centre", starts_at=start, ends_at=start + timedelta(hours=4),
    )  # fmt: skip
    day.areas.add(setting.area)
    client.force_login(councillor)

    page = text_of(client, "/councillor/")

    assert "Crewe St Barnabas" in page
    assert "Warm space at St Barnabas" in page and "Parent and toddler yoga" in page
    assert "North ward bike library" not in page
    assert "Submitted, awaiting review: 1 · Eligible: 2" in page
    assert "37" in page and "3.7%" in page  # 37 voters of Crewe's 1,000 residents
    assert "Crewe-wide lunch club" in page  # made for Crewe by a group based in the ward
    assert "£4,200" in page and "£5,200.01" in page  # each funded project, and in all
    assert "Crewe Decision Day" in page


def test_a_councillor_without_wards_is_told_how_to_get_them(client: Client, db: None) -> None:
    client.force_login(factories.UserFactory.create(role=Role.COUNCILLOR))
    assert "No ward is linked to your account yet." in text_of(client, "/councillor/")


@pytest.mark.parametrize("role", [Role.RESIDENT, Role.GROUP_MEMBER, Role.OFFICER, Role.COMMISSIONER])
def test_anyone_but_a_councillor_is_refused(client: Client, db: None, role: str) -> None:
    client.force_login(factories.UserFactory.create(role=role))
    assert client.get("/councillor/").status_code == 403


def test_someone_signed_out_is_sent_to_sign_in(client: Client, db: None) -> None:
    response = client.get("/councillor/")
    assert response.status_code == 302 and "next=/councillor/" in response["Location"]
