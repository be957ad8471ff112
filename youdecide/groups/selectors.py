from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from youdecide.groups.models import CommunityGroup, GovernanceCheck, GovernanceStatus


def groups_of(user: Any) -> QuerySet[CommunityGroup]:
    if not getattr(user, "is_authenticated", False):
        return CommunityGroup.objects.none()
    return CommunityGroup.objects.filter(memberships__user=user).order_by("name")


def governance_summary(group: CommunityGroup) -> tuple[int, int]:
    """(items done, items in all): done means provided, verified or not applicable."""
    checks = list(GovernanceCheck.objects.filter(group=group).values_list("status", flat=True))
    done = sum(1 for status in checks if status != GovernanceStatus.MISSING)
    return done, len(checks)
