"""The group portal: a person's groups, registering a group, members and the governance checklist."""

from __future__ import annotations

from django.urls import reverse

from tests import factories
from youdecide.accounts.models import Role, User
from youdecide.audit.models import AuditEvent
from youdecide.groups.models import CommunityGroup, GovernanceCheck, GovernanceStatus, GroupMembership
from youdecide.proposals.models import ProposalStatus


def test_the_portal_needs_an_account(client, db) -> None:
    response = client.get(reverse("groups:dashboard"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_dashboard_shows_governance_progress_and_proposals(client, setting) -> None:
    GovernanceCheck.objects.filter(group=setting.group, item="constitution").update(status="provided")
    factories.ProposalFactory.create(
        group=setting.group,
        programme=setting.programme,
        area=setting.area,
        title="Cook and eat",
        status=ProposalStatus.INELIGIBLE,
        ineligible_reason="Food for sale is not funded.",
    )
    client.force_login(setting.lead)
    page = client.get(reverse("groups:dashboard")).content.decode()
    assert setting.group.name in page
    assert "Governance checklist: 1 of 5 items done" in page
    assert "Cook and eat" in page
    assert "Not eligible" in page
    assert "Food for sale is not funded." in page
    assert reverse("groups:register") in page


def test_a_person_without_a_group_is_invited_to_register_one(client, db) -> None:
    client.force_login(factories.UserFactory.create())
    page = client.get(reverse("groups:dashboard")).content.decode()
    assert "You are not a member of a community group yet." in page


def test_registering_a_group_makes_the_person_its_lead(client, db) -> None:
    area = factories.AreaFactory.create(name="Crewe")
    person = factories.UserFactory.create(role=Role.RESIDENT)
    client.force_login(person)
    response = client.post(
        reverse("groups:register"),
        {
            "name": "Crewe Community Gardeners",
            "kind": "community",
            "description": "We grow food together.",
            "area": str(area.pk),
            "contact_name": "Asha Patel",
            "contact_email": "gardeners@example.org",
            "contact_phone": "01270 000000",
            "address": "1 High Street, Crewe",
            "website": "crewegardeners.example.org",
        },
    )
    group = CommunityGroup.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("groups:detail", args=[group.slug])
    assert group.area == area
    assert group.website == "https://crewegardeners.example.org"
    assert GroupMembership.objects.get(group=group).user == person
    assert GovernanceCheck.objects.filter(group=group).count() == 5
    person.refresh_from_db()
    assert person.role == Role.GROUP_MEMBER


def test_registering_shows_an_error_summary_and_the_services_message(client, setting) -> None:
    client.force_login(factories.UserFactory.create())
    response = client.post(
        reverse("groups:register"),
        {
            "name": setting.group.name,
            "kind": "community",
            "contact_name": "",
            "contact_email": "not-an-email",
        },
    )
    page = response.content.decode()
    assert 'class="error-summary"' in page
    assert 'href="#id_contact_name"' in page
    assert 'href="#id_contact_email"' in page
    assert CommunityGroup.objects.count() == 1

    response = client.post(
        reverse("groups:register"),
        {
            "name": setting.group.name.upper(),
            "kind": "community",
            "contact_name": "Sam",
            "contact_email": "s@x.org",
        },
    )
    assert "is already registered" in response.content.decode()
    assert CommunityGroup.objects.count() == 1


def test_an_outsider_is_refused_and_an_unknown_group_is_not_found(client, setting) -> None:
    client.force_login(factories.UserFactory.create())
    assert client.get(reverse("groups:detail", args=[setting.group.slug])).status_code == 403
    assert client.get(reverse("groups:detail", args=["no-such-group"])).status_code == 404


def test_the_lead_adds_a_member_by_email(client, setting) -> None:
    client.force_login(setting.lead)
    response = client.post(
        reverse("groups:add_member", args=[setting.group.slug]),
        {"email": "New.Person@Example.org", "name": "Kim"},
    )
    assert response.status_code == 302
    added = User.objects.get(email="new.person@example.org")
    assert GroupMembership.objects.filter(group=setting.group, user=added).exists()
    page = client.get(reverse("groups:detail", args=[setting.group.slug])).content.decode()
    assert "new.person@example.org" in page

    again = client.post(
        reverse("groups:add_member", args=[setting.group.slug]), {"email": "new.person@example.org"}
    )
    assert "is already a member" in again.content.decode()


def test_a_plain_member_cannot_add_members(client, setting) -> None:
    plain = factories.member(setting.group)
    client.force_login(plain)
    page = client.get(reverse("groups:detail", args=[setting.group.slug])).content.decode()
    assert "Add a member" not in page
    response = client.post(
        reverse("groups:add_member", args=[setting.group.slug]), {"email": "x@example.org"}
    )
    assert response.status_code == 403
    assert not User.objects.filter(email="x@example.org").exists()


def checklist_data(**statuses: str) -> dict[str, str]:
    data = {}
    for item in ["constitution", "bank_account", "safeguarding", "insurance", "equality"]:
        data[f"{item}_status"] = statuses.get(item, "missing")
        data[f"{item}_note"] = ""
    return data


def test_a_member_updates_the_checklist_but_cannot_mark_an_item_checked(client, setting) -> None:
    client.force_login(setting.lead)
    page = client.get(reverse("groups:detail", args=[setting.group.slug])).content.decode()
    assert 'value="verified"' not in page
    client.post(
        reverse("groups:governance", args=[setting.group.slug]),
        checklist_data(constitution="provided", equality="not_applicable"),
    )
    statuses = dict(GovernanceCheck.objects.filter(group=setting.group).values_list("item", "status"))
    assert statuses["constitution"] == GovernanceStatus.PROVIDED
    assert statuses["equality"] == GovernanceStatus.NOT_APPLICABLE
    assert AuditEvent.objects.filter(action="group.governance_updated").count() == 2

    response = client.post(
        reverse("groups:governance", args=[setting.group.slug]), checklist_data(constitution="verified")
    )
    assert "Select a valid choice" in response.content.decode()
    assert GovernanceCheck.objects.get(group=setting.group, item="constitution").status == "provided"


def test_an_officer_marks_an_item_checked_and_members_then_see_it_fixed(client, setting) -> None:
    client.force_login(setting.officer)
    client.post(reverse("groups:governance", args=[setting.group.slug]), checklist_data(insurance="verified"))
    assert GovernanceCheck.objects.get(group=setting.group, item="insurance").status == "verified"

    client.force_login(setting.lead)
    page = client.get(reverse("groups:detail", args=[setting.group.slug])).content.decode()
    assert "Checked by the council" in page
    assert 'name="insurance_status"' not in page
    client.post(reverse("groups:governance", args=[setting.group.slug]), checklist_data())
    assert GovernanceCheck.objects.get(group=setting.group, item="insurance").status == "verified"
