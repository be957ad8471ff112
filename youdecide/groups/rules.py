"""Who may act for a community group."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from youdecide.groups.models import CommunityGroup, GovernanceStatus, GroupMembership, MembershipRole


def is_member(user: Any, group: CommunityGroup) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return GroupMembership.objects.filter(group=group, user=user).exists()


def is_lead(user: Any, group: CommunityGroup) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return GroupMembership.objects.filter(group=group, user=user, role=MembershipRole.LEAD).exists()


def can_manage_group(user: Any, group: CommunityGroup) -> bool:
    return bool(getattr(user, "is_officer", False)) or is_member(user, group)


def can_see_documents(user: Any, group: CommunityGroup) -> bool:
    """A group's governance documents are for its members and council officers only."""
    return can_manage_group(user, group)


def can_add_members(actor: Any, group: CommunityGroup) -> tuple[bool, str]:
    """The group's lead contact adds members; so may a council officer helping the group."""
    if is_lead(actor, group) or getattr(actor, "is_officer", False):
        return True, ""
    return False, _("Only the group's lead contact can add members.")


def governance_choices_for(actor: Any) -> list[tuple[str, Any]]:
    """The statuses this person may give a checklist item: only officers mark an item checked."""
    if getattr(actor, "is_officer", False):
        return list(GovernanceStatus.choices)
    return [choice for choice in GovernanceStatus.choices if choice[0] != GovernanceStatus.VERIFIED]
