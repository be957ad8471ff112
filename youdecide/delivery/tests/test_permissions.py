"""Who may see and do what: a member of the group, a member of another group, an officer, a resident,
and someone not signed in; visit reports read by officers, the group and their author, never the public."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from tests import factories
from youdecide.accounts.models import Role, User
from youdecide.delivery import services
from youdecide.delivery.models import Grant, GrantStatus, PanelMember, ReturnPhoto
from youdecide.delivery.rules import can_read_visit_report
from youdecide.delivery.tests.conftest import (
    Funded,
    accept_and_pay,
    funded_proposal,
    image_bytes,
    offer_for,
    publish_result,
)
from youdecide.results.models import CountRun

ANONYMOUS = "anonymous"


def _people(funded: Funded) -> dict[str, User | None]:
    return {
        "member": funded.member,
        "other group": funded.outsider,
        "officer": funded.setting.officer,
        "resident": funded.resident,
        ANONYMOUS: None,
    }


def _get(person: User | None, url: str) -> int:
    client = Client()
    if person is not None:
        client.force_login(person)
    return client.get(url).status_code


@pytest.mark.django_db
def test_who_sees_the_grant_pages(grant: Grant, funded: Funded) -> None:
    expected = {
        f"/grants/{grant.pk}/": {
            "member": 200,
            "other group": 404,
            "officer": 200,
            "resident": 404,
            ANONYMOUS: 302,
        },
        f"/grants/{grant.pk}/returns/1/": {
            "member": 200,
            "other group": 404,
            "officer": 200,
            "resident": 404,
            ANONYMOUS: 302,
        },
        f"/office/grants/{grant.pk}/": {
            "member": 403,
            "other group": 403,
            "officer": 200,
            "resident": 403,
            ANONYMOUS: 302,
        },
        f"/office/programmes/{funded.setting.programme.slug}/grants/": {
            "member": 403,
            "other group": 403,
            "officer": 200,
            "resident": 403,
            ANONYMOUS: 302,
        },
    }
    people = _people(funded)
    seen = {url: {name: _get(person, url) for name, person in people.items()} for url in expected}
    assert seen == expected


@pytest.mark.django_db
def test_only_a_member_of_the_group_accepts_the_grant(grant: Grant, funded: Funded) -> None:
    for person in (funded.outsider, funded.resident, funded.setting.officer):
        client = Client()
        client.force_login(person)
        response = client.post(f"/grants/{grant.pk}/accept/", {"name": "Someone"})
        assert response.status_code in {403, 404}
    grant.refresh_from_db()
    assert grant.status == GrantStatus.OFFERED
    client = Client()
    client.force_login(funded.member)
    page = client.post(f"/grants/{grant.pk}/accept/", {"name": ""}).content.decode()
    assert "Type your full name to accept the grant on the group&#x27;s behalf." in page
    assert client.post(f"/grants/{grant.pk}/accept/", {"name": "Alex Member"}).status_code == 302
    grant.refresh_from_db()
    assert grant.status == GrantStatus.ACCEPTED and grant.accepted_name == "Alex Member"


@pytest.mark.django_db
def test_only_officers_review_returns_and_only_the_group_sends_them(grant: Grant, funded: Funded) -> None:
    accept_and_pay(grant, funded)
    monitoring_return = grant.returns.get(number=1)
    lines = list(funded.proposal.budget_lines.all())
    data = {
        f"spend_{lines[0].pk}": "1,000",
        f"spend_{lines[1].pk}": "250.50",
        "reached_under_16": "0",
        "reached_16_24": "2",
        "reached_25_49": "5",
        "reached_50_64": "12",
        "reached_65_plus": "7",
        "activities": "Eight sessions.",
        "story": "",
    }
    outsider = Client()
    outsider.force_login(funded.outsider)
    assert outsider.post(f"/grants/{grant.pk}/returns/1/", data).status_code == 404
    member = Client()
    member.force_login(funded.member)
    assert member.post(f"/grants/{grant.pk}/returns/1/", data).status_code == 302
    monitoring_return.refresh_from_db()
    assert monitoring_return.status == "submitted" and monitoring_return.people_reached == 26
    assert sorted(monitoring_return.spend.values_list("spent_pence", flat=True)) == [25_050, 100_000]
    assert member.post(f"/office/returns/{monitoring_return.pk}/", {"decision": "accept"}).status_code == 403
    officer = Client()
    officer.force_login(funded.setting.officer)
    page = officer.post(f"/office/returns/{monitoring_return.pk}/", {"decision": "changes", "note": ""})
    assert "Say what the group should change before sending the return again." in page.content.decode()
    officer.post(
        f"/office/returns/{monitoring_return.pk}/", {"decision": "changes", "note": "Add the dates."}
    )
    group_page = member.get(f"/grants/{grant.pk}/").content.decode()
    assert "Changes asked for" in group_page and "Add the dates." in group_page


@pytest.mark.django_db
def test_a_photo_is_public_only_once_its_return_is_accepted(grant: Grant, funded: Funded) -> None:
    accept_and_pay(grant, funded)
    monitoring_return = grant.returns.get(number=1)
    services.add_return_photo(
        funded.member, monitoring_return, SimpleUploadedFile("a.png", image_bytes()), "Players warming up"
    )
    photo = ReturnPhoto.objects.get()
    url = f"/photos/{photo.pk}/"
    people = _people(funded)
    before = {name: _get(person, url) for name, person in people.items()}
    assert before == {"member": 200, "other group": 404, "officer": 200, "resident": 404, ANONYMOUS: 404}
    lines = list(funded.proposal.budget_lines.all())
    services.submit_return(
        funded.member,
        monitoring_return,
        reached={},
        activities="Sessions.",
        story="",
        spend={line.pk: 0 for line in lines},
        results={},
    )
    services.accept_return(funded.setting.officer, monitoring_return)
    after = {name: _get(person, url) for name, person in people.items()}
    assert set(after.values()) == {200}


@pytest.mark.django_db
def test_visit_reports_are_read_by_officers_the_group_and_their_author(grant: Grant, funded: Funded) -> None:
    accept_and_pay(grant, funded)
    visitor = factories.UserFactory.create(role=Role.RESIDENT, display_name="Rita Visitor")
    other_visitor = factories.UserFactory.create(role=Role.RESIDENT)
    client = Client()
    client.force_login(visitor)
    assert client.post("/monitoring-panel/", {"area": funded.setting.area.pk}).status_code == 302
    member = services.join_panel(other_visitor, funded.setting.area)
    panel_member = PanelMember.objects.get(user=visitor)
    services.assign_panel_member(funded.setting.officer, member, grant)
    officer = Client()
    officer.force_login(funded.setting.officer)
    officer.post(f"/office/programmes/{funded.setting.programme.slug}/panel/{panel_member.pk}/match/")
    assignment = panel_member.assignments.get()
    assert assignment.grant == grant
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    page = client.post(f"/monitoring-panel/visits/{assignment.pk}/", {"visited_on": tomorrow, "report": "x"})
    assert "The visit must have happened: choose today or an earlier day." in page.content.decode()
    report_text = "Twenty players, a friendly coach, the hall was cold."
    client.post(
        f"/monitoring-panel/visits/{assignment.pk}/", {"visited_on": yesterday, "report": report_text}
    )
    report = assignment.visits.get()
    other = Client()
    other.force_login(other_visitor)
    assert other.get(f"/monitoring-panel/visits/{assignment.pk}/").status_code == 404
    readers = {
        "author": visitor,
        "other panel member": other_visitor,
        **{name: person for name, person in _people(funded).items() if person is not None},
    }
    assert {name: can_read_visit_report(person, report) for name, person in readers.items()} == {
        "author": True,
        "other panel member": False,
        "member": True,
        "other group": False,
        "officer": True,
        "resident": False,
    }
    assert report_text in officer.get(f"/office/grants/{grant.pk}/").content.decode()
    group = Client()
    group.force_login(funded.member)
    assert report_text in group.get(f"/grants/{grant.pk}/").content.decode()
    public = Client().get(
        f"/programmes/{funded.setting.programme.slug}/proposals/{funded.proposal.reference}/progress/"
    )
    assert public.status_code == 200 and report_text not in public.content.decode()


@pytest.mark.django_db
def test_a_panel_member_is_matched_to_the_least_visited_project_of_their_area(
    grant: Grant, funded: Funded
) -> None:
    setting = funded.setting
    second = funded_proposal(setting, "Men's shed", 300_000)
    elsewhere = funded_proposal(setting, "Parkrun buddies", 200_000, area=setting.other_area)
    CountRun.objects.all().delete()
    publish_result(setting.programme, setting.area, [funded.proposal, second], setting.officer)
    publish_result(setting.programme, setting.other_area, [elsewhere], setting.officer)
    shed = offer_for(funded, second)
    offer_for(funded, elsewhere)
    for each in (grant, shed):
        accept_and_pay(each, funded)
    first = services.join_panel(factories.UserFactory.create(), setting.area)
    visit = services.assign_panel_member(setting.officer, first, grant)
    services.file_visit_report(first.user, visit, visited_on=timezone.localdate(), report="Busy, friendly.")
    newcomer = services.join_panel(factories.UserFactory.create(), setting.area)
    assert services.assign_panel_member(setting.officer, newcomer).grant == shed
    third = services.join_panel(factories.UserFactory.create(), setting.area)
    assert services.assign_panel_member(setting.officer, third).grant == shed  # no visit there yet
    with pytest.raises(ValidationError, match="monitors Crewe; this project is in Macclesfield"):
        services.assign_panel_member(setting.officer, third, Grant.objects.get(proposal=elsewhere))
    far = services.join_panel(factories.UserFactory.create(), setting.other_area)
    with pytest.raises(ValidationError, match="no funded project under way in Macclesfield"):
        services.assign_panel_member(setting.officer, far)
