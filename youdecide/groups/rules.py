"""Who may act for a community group."""

from __future__ import annotations

from typing import Any

from youdecide.groups.models import CommunityGroup, GroupMembership, MembershipRole


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
