from __future__ import annotations

from django.db.models import QuerySet

from youdecide.areas.models import Area
from youdecide.groups.models import CommunityGroup
from youdecide.programmes.models import Programme
from youdecide.proposals.models import Proposal, ProposalStatus

PUBLIC_STATUSES = (ProposalStatus.SUBMITTED, ProposalStatus.ELIGIBLE)
AREA_LARGE_FIELDS = ("boundary_geojson", "domain_scores")  # an area's boundary and IMD domain scores
AREA_DETAIL = tuple(f"area__{name}" for name in AREA_LARGE_FIELDS)


def public_proposals(programme: Programme, area: Area | None = None) -> QuerySet[Proposal]:
    proposals = Proposal.objects.filter(programme=programme, status__in=PUBLIC_STATUSES)
    if area is not None:
        proposals = proposals.filter(area=area)
    # The area's boundary and domain scores are large JSON no proposal list shows: not read 60 times over.
    return (
        proposals.select_related("group", "area")
        .defer(*AREA_DETAIL)
        .prefetch_related("outcomes")
        .order_by("title")
    )


def review_queue(programme: Programme | None = None) -> QuerySet[Proposal]:
    proposals = Proposal.objects.filter(status=ProposalStatus.SUBMITTED)
    if programme is not None:
        proposals = proposals.filter(programme=programme)
    return proposals.select_related("group", "area", "programme").order_by("submitted_at", "pk")


def proposals_of(group: CommunityGroup) -> QuerySet[Proposal]:
    return Proposal.objects.filter(group=group).select_related("programme", "area").order_by("-updated_at")
