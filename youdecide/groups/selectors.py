from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from youdecide.areas.models import Area
from youdecide.groups.models import (
    Asset,
    AssetCategory,
    AssetStatus,
    CommunityGroup,
    GovernanceCheck,
    GovernanceItem,
    GovernanceStatus,
    SessionBooking,
    SupportSession,
)

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


# Support sessions and the trail from session to funding ----------------------------------------------


def upcoming_sessions(now: datetime) -> QuerySet[SupportSession]:
    return (
        SupportSession.objects.filter(starts_at__gt=now)
        .select_related("area")
        .annotate(booked=Count("bookings"))
        .annotate(places_left=F("places") - F("booked"))
        .order_by("starts_at", "pk")
    )


def past_sessions(now: datetime) -> QuerySet[SupportSession]:
    return (
        SupportSession.objects.filter(starts_at__lte=now)
        .select_related("area")
        .annotate(
            booked=Count("bookings"),
            came=Count("bookings", filter=Q(bookings__attended=True)),
        )
        .order_by("-starts_at", "-pk")
    )


def bookings_of(group: CommunityGroup) -> QuerySet[SessionBooking]:
    return group.session_bookings.select_related("session__area").order_by("session__starts_at")


def funded_in_published_counts() -> Q:
    """A filter of proposals for those each area's published (and not superseded) count funded."""
    from youdecide.results.models import CountRun

    funded = Q(pk__in=[])
    runs = CountRun.objects.filter(published_at__isnull=False, superseded_by__isnull=True).values_list(
        "programme_id", "area_id", "selected"
    )
    for programme_id, area_id, selected in runs:
        if selected:
            funded |= Q(programme_id=programme_id, area_id=area_id, reference__in=list(selected))
    return funded


@dataclass(frozen=True)
class TrailRow:
    group: CommunityGroup
    sessions_attended: int
    proposals_submitted: int
    proposals_funded: int


@dataclass(frozen=True)
class TrailTotals:
    groups: int
    groups_attending: int
    sessions_attended: int
    proposals_submitted: int
    proposals_funded: int
    attending_groups_submitting: int
    attending_groups_funded: int


def capacity_trail(groups: QuerySet[CommunityGroup] | None = None) -> list[TrailRow]:
    """Per group: support sessions attended, proposals submitted, proposals funded in a published count."""
    from youdecide.proposals.models import Proposal

    chosen = CommunityGroup.objects.all() if groups is None else groups
    rows = chosen.annotate(
        attended=Count("session_bookings", filter=Q(session_bookings__attended=True), distinct=True)
    ).order_by("name")
    submitted = dict(
        Proposal.objects.filter(group__in=chosen, submitted_at__isnull=False)
        .values_list("group_id")
        .annotate(n=Count("pk"))
        .values_list("group_id", "n")
    )
    funded = dict(
        Proposal.objects.filter(funded_in_published_counts(), group__in=chosen)
        .values_list("group_id")
        .annotate(n=Count("pk"))
        .values_list("group_id", "n")
    )
    return [
        TrailRow(group, group.attended, submitted.get(group.pk, 0), funded.get(group.pk, 0)) for group in rows
    ]


def trail_totals(rows: Iterable[TrailRow]) -> TrailTotals:
    rows = list(rows)
    attending = [row for row in rows if row.sessions_attended]
    return TrailTotals(
        groups=len(rows),
        groups_attending=len(attending),
        sessions_attended=sum(row.sessions_attended for row in rows),
        proposals_submitted=sum(row.proposals_submitted for row in rows),
        proposals_funded=sum(row.proposals_funded for row in rows),
        attending_groups_submitting=sum(1 for row in attending if row.proposals_submitted),
        attending_groups_funded=sum(1 for row in attending if row.proposals_funded),
    )


# The asset map ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AssetEntry:
    """A line of the public asset map: an approved entry, or a funded project (derived from the published
    counts each time, so a project appears once its count is published and goes if the count is replaced)."""

    key: str
    name: str
    category: str
    category_label: str
    area: Area
    description: str
    address: str
    longitude: Decimal | None
    latitude: Decimal | None
    contact: str
    website: str
    opening_times: str
    href: str
    funded_by: str = ""


def _matches(entry: AssetEntry, search: str) -> bool:
    words = search.lower().split()
    text = " ".join([entry.name, entry.description, entry.address, entry.area.name]).lower()
    return all(word in text for word in words)


def asset_directory(*, search: str = "", category: str = "", area: Area | None = None) -> list[AssetEntry]:
    """Approved assets and funded projects, filtered by words (all must appear), category and area."""
    from youdecide.proposals.models import Proposal

    assets = Asset.objects.filter(status=AssetStatus.APPROVED).select_related("area")
    if category:
        assets = assets.filter(category=category)
    if area is not None:
        assets = assets.filter(area=area)
    entries = [
        AssetEntry(
            key=f"asset-{asset.pk}",
            name=asset.name,
            category=asset.category,
            category_label=str(asset.get_category_display()),
            area=asset.area,
            description=asset.description,
            address=asset.address,
            longitude=asset.longitude,
            latitude=asset.latitude,
            contact=asset.contact,
            website=asset.website,
            opening_times=asset.opening_times,
            href=reverse("assets:detail", args=[asset.pk]),
        )
        for asset in assets
    ]
    if category in ("", AssetCategory.COMMUNITY_PROJECT):
        funded = Proposal.objects.filter(funded_in_published_counts()).select_related(
            "area", "group", "programme"
        )
        if area is not None:
            funded = funded.filter(area=area)
        entries += [
            AssetEntry(
                key=f"project-{proposal.reference}",
                name=proposal.title,
                category=AssetCategory.COMMUNITY_PROJECT,
                category_label=str(AssetCategory.COMMUNITY_PROJECT.label),
                area=proposal.area,
                description=proposal.summary,
                address=proposal.location,
                longitude=None,
                latitude=None,
                contact=proposal.group.name,
                website="",
                opening_times="",
                href=reverse("delivery:progress", args=[proposal.programme.slug, proposal.reference]),
                funded_by=proposal.programme.name,
            )
            for proposal in funded
        ]
    if search.strip():
        entries = [entry for entry in entries if _matches(entry, search)]
    return sorted(entries, key=lambda entry: (entry.name.lower(), entry.key))


def suggestions_awaiting() -> QuerySet[Asset]:
    return Asset.objects.filter(status=AssetStatus.PENDING).select_related("area", "suggested_by", "group")


def suggestions_of(user: Any) -> QuerySet[Asset]:
    if not getattr(user, "is_authenticated", False):
        return Asset.objects.none()
    return Asset.objects.filter(suggested_by=user).exclude(status=AssetStatus.APPROVED).select_related("area")
