from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _

from youdecide.groups.models import CommunityGroup, GovernanceCheck, GovernanceItem, GovernanceStatus

DONE_FOR_READINESS = (GovernanceStatus.VERIFIED, GovernanceStatus.NOT_APPLICABLE)


def groups_of(user: Any) -> QuerySet[CommunityGroup]:
    if not getattr(user, "is_authenticated", False):
        return CommunityGroup.objects.none()
    return CommunityGroup.objects.filter(memberships__user=user).order_by("name")


def governance_summary(group: CommunityGroup) -> tuple[int, int]:
    """(items done, items in all): done means provided, verified or not applicable."""
    checks = list(GovernanceCheck.objects.filter(group=group).values_list("status", flat=True))
    done = sum(1 for status in checks if status != GovernanceStatus.MISSING)
    return done, len(checks)


@dataclass(frozen=True)
class Readiness:
    """Whether a group is ready to apply for funding and, if not, what is missing item by item."""

    ready: bool
    missing: list[tuple[str, str]]  # (item, what is still needed)

    @property
    def label(self) -> str:
        return str(_("Ready to apply")) if self.ready else str(_("Support needed"))


def readiness_of(checks: Iterable[GovernanceCheck], documents_by_check: Mapping[int, int]) -> Readiness:
    """Ready when every item is checked by the council or does not apply; otherwise each other item
    says what it still needs."""
    missing: list[tuple[str, str]] = []
    for check in sorted(checks, key=lambda c: GovernanceItem.values.index(c.item)):
        if check.status in DONE_FOR_READINESS:
            continue
        if check.status == GovernanceStatus.MISSING:
            need = _("not yet provided: upload the document or mark it provided")
        elif documents_by_check.get(check.pk, 0) == 0:
            need = _("marked provided but no document is uploaded yet")
        else:
            need = _("provided, waiting for the council to check it")
        missing.append((str(check.get_item_display()), str(need)))
    return Readiness(ready=not missing, missing=missing)


def group_readiness(group: CommunityGroup) -> Readiness:
    checks = list(GovernanceCheck.objects.filter(group=group).annotate(document_count=Count("documents")))
    return readiness_of(checks, {c.pk: c.document_count for c in checks})


def governance_checks_with_documents(group: CommunityGroup) -> list[GovernanceCheck]:
    return list(
        GovernanceCheck.objects.filter(group=group)
        .select_related("verified_by")
        .prefetch_related("documents")
    )
