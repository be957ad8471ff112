"""The group services on their own."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from tests import factories
from youdecide.accounts.models import Role
from youdecide.audit.models import AuditEvent
from youdecide.groups import rules, services
from youdecide.groups.models import GovernanceCheck, GroupMembership, MembershipRole


def register(actor, name: str = "Sandbach Men's Shed"):
    return services.register_group(
        actor, name=name, kind="community", contact_name="Pat", contact_email="shed@example.org"
    )


def test_register_needs_an_account(db) -> None:
    with pytest.raises(PermissionDenied):
        register(AnonymousUser())


def test_register_makes_a_lead_a_checklist_and_an_audit_event(db) -> None:
    person = factories.UserFactory.create()
    group = register(person)
    assert group.slug == "sandbach-mens-shed"
    assert GroupMembership.objects.get(group=group).role == MembershipRole.LEAD
    assert GovernanceCheck.objects.filter(group=group, status="missing").count() == 5
    assert AuditEvent.objects.filter(action="group.registered", object_id=str(group.pk)).exists()


def test_names_are_unique_and_slugs_avoid_the_portals_own_addresses(db) -> None:
    person = factories.UserFactory.create()
    register(person)
    with pytest.raises(ValidationError, match="already registered"):
        register(person, "sandbach men's shed")
    assert register(person, "Register").slug == "register-2"


def test_add_member_is_for_the_lead_or_an_officer(setting) -> None:
    plain = factories.member(setting.group)
    with pytest.raises(PermissionDenied, match="lead contact"):
        services.add_member(plain, setting.group, email="a@example.org")
    membership = services.add_member(setting.officer, setting.group, email="A@Example.org")
    assert membership.user.email == "a@example.org"
    assert membership.user.role == Role.GROUP_MEMBER
    assert not membership.user.has_usable_password()
    assert rules.can_add_members(setting.lead, setting.group) == (True, "")
    assert rules.can_add_members(plain, setting.group)[0] is False


def test_only_officers_mark_an_item_verified(setting) -> None:
    with pytest.raises(PermissionDenied):
        services.update_governance_check(setting.lead, setting.group, item="insurance", status="verified")
    check = services.update_governance_check(
        setting.officer, setting.group, item="insurance", status="verified"
    )
    assert check.status == "verified"
    with pytest.raises(ValidationError):
        services.update_governance_check(setting.lead, setting.group, item="insurance", status="lost")
    with pytest.raises(PermissionDenied):
        services.update_governance_check(
            factories.UserFactory.create(), setting.group, item="insurance", status="provided"
        )


def test_the_checklist_saves_only_what_changed(setting) -> None:
    updated = services.update_governance_checklist(
        setting.lead,
        setting.group,
        {"constitution": ("provided", "Adopted 2019"), "insurance": ("missing", "")},
    )
    assert [check.item for check in updated] == ["constitution"]
    assert AuditEvent.objects.filter(action="group.governance_updated").count() == 1
    assert GovernanceCheck.objects.get(group=setting.group, item="constitution").note == "Adopted 2019"


def test_governance_choices_depend_on_the_role(setting) -> None:
    assert "verified" not in dict(rules.governance_choices_for(setting.lead))
    assert "verified" in dict(rules.governance_choices_for(setting.officer))
