"""Connected neighbourhoods: for one area, the community groups based there, its local assets, the proposals
made for it and the projects funded in it, read together for one page; and a ward councillor's wards."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from youdecide.areas.models import Area
from youdecide.delivery.models import Grant, GrantStatus
from youdecide.events.models import DecisionDay
from youdecide.groups.models import Asset, AssetStatus, CommunityGroup
from youdecide.proposals.models import Proposal, ProposalStatus
from youdecide.voting.models import Participation

PUBLIC_PROPOSAL_STATUSES = (ProposalStatus.SUBMITTED, ProposalStatus.ELIGIBLE)


def within(area: Area, prefix: str = "area") -> Q:
    """A filter for rows whose area is this area or lies inside it (a ward of a sub-region or council)."""
    return Q(**{prefix: area}) | Q(**{f"{prefix}__parent": area}) | Q(**{f"{prefix}__parent__parent": area})


def containing(area: Area) -> list[Area]:
    """The area and the larger areas it lies in (its sub-region, its council): where its residents vote."""
    chain = [area]
    while chain[-1].parent_id is not None and len(chain) < 4:
        parent = chain[-1].parent
        assert parent is not None
        chain.append(parent)
    return chain


def groups_in(area: Area) -> QuerySet[CommunityGroup]:
    return CommunityGroup.objects.filter(within(area)).select_related("area").order_by("name")


def assets_in(area: Area) -> QuerySet[Asset]:
    return Asset.objects.filter(within(area), status=AssetStatus.APPROVED).select_related("area")


def public_proposals_in(area: Area) -> QuerySet[Proposal]:
    """Proposals residents may read (submitted or eligible, in a published programme) made for the area or by
    a group based in it."""
    return (
        Proposal.objects.filter(within(area) | within(area, "group__area"))
        .filter(programme__is_published=True, status__in=PUBLIC_PROPOSAL_STATUSES)
        .select_related("programme", "group", "area")
        .order_by("-programme__pk", "title")
    )


def funded_projects_in(area: Area, *, with_groups_based_there: bool = False) -> QuerySet[Grant]:
    """Grants awarded to projects in the area (cancelled ones left out); optionally also those of groups
    based in it, whose projects may be made for a larger area."""
    where = within(area, "proposal__area")
    if with_groups_based_there:
        where |= within(area, "proposal__group__area")
    return (
        Grant.objects.filter(where)
        .exclude(status=GrantStatus.CANCELLED)
        .select_related("proposal__programme", "proposal__group", "proposal__area")
        .order_by("-proposal__programme__pk", "proposal__title")
    )


@dataclass(frozen=True)
class Neighbourhood:
    area: Area
    groups: list[CommunityGroup]
    assets: list[Asset]
    proposals: list[Proposal]
    funded: list[Grant]

    @property
    def funded_pence(self) -> int:
        return sum(grant.amount_pence for grant in self.funded)


def neighbourhood(area: Area) -> Neighbourhood:
    return Neighbourhood(
        area=area,
        groups=list(groups_in(area)),
        assets=list(assets_in(area)),
        proposals=list(public_proposals_in(area)),
        funded=list(funded_projects_in(area, with_groups_based_there=True)),
    )


# A ward councillor's dashboard ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Turnout:
    """How many people voted in a programme's area that takes in the ward."""

    programme: str
    area: Area
    voters: int

    @property
    def share(self) -> float | None:
        return round(100 * self.voters / self.area.population, 1) if self.area.population else None


@dataclass(frozen=True)
class WardDashboard:
    ward: Area
    proposals_by_status: list[tuple[str, int]]
    proposals: list[Proposal]
    turnout: list[Turnout]
    funded: list[Grant]
    decision_days: list[DecisionDay]
    groups: int
    assets: int

    @property
    def funded_pence(self) -> int:
        return sum(grant.amount_pence for grant in self.funded)


def wards_of_councillor(user: Any) -> QuerySet[Area]:
    if not getattr(user, "is_authenticated", False):
        return Area.objects.none()
    return Area.objects.filter(councillors=user).select_related("parent__parent").order_by("name")


def ward_dashboard(ward: Area) -> WardDashboard:
    """Every proposal made for the ward or by a group based in it (any status but drafts), turnout in the
    programme areas it lies in, its funded projects, and the Decision Days for it or an area it lies in."""
    proposals = list(
        Proposal.objects.filter(within(ward) | within(ward, "group__area"))
        .exclude(status=ProposalStatus.DRAFT)
        .select_related("programme", "group")
        .order_by("-programme__pk", "title")
    )
    statuses = Counter(p.status for p in proposals)
    by_status = [(str(label), statuses[value]) for value, label in ProposalStatus.choices if statuses[value]]
    places = containing(ward)
    voters = Counter(
        Participation.objects.filter(area__in=places).values_list("programme__name", "area_id").iterator()
    )
    by_id = {place.pk: place for place in places}
    turnout = [
        Turnout(programme=name, area=by_id[area_id], voters=n)
        for (name, area_id), n in sorted(voters.items(), key=lambda item: (item[0][0], item[0][1]))
    ]
    days = list(
        DecisionDay.objects.filter(areas__in=places)
        .select_related("programme")
        .distinct()
        .order_by("starts_at")
    )
    return WardDashboard(
        ward=ward,
        proposals_by_status=by_status,
        proposals=proposals,
        turnout=turnout,
        funded=list(funded_projects_in(ward, with_groups_based_there=True)),
        decision_days=days,
        groups=groups_in(ward).count(),
        assets=assets_in(ward).count(),
    )
