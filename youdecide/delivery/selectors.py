"""Reads of delivery: funded proposals, money paid and spent, the officers' red-amber-green rows, the public
progress of a project."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, QuerySet, Sum

from youdecide.areas.models import Area
from youdecide.delivery.models import (
    DeliveryStatus,
    Grant,
    GrantStatus,
    Milestone,
    MonitoringReturn,
    PanelAssignment,
    PanelMember,
    ReturnPhoto,
    ReturnSpend,
    ReturnStatus,
    Tranche,
    VisitReport,
)
from youdecide.programmes.models import Programme
from youdecide.programmes.selectors import area_pots
from youdecide.proposals.models import Proposal
from youdecide.results.selectors import funded_candidates, funded_references

OUTSTANDING = (ReturnStatus.DUE, ReturnStatus.CHANGES_REQUESTED)
REPORTING_STATUSES = (GrantStatus.ACCEPTED, GrantStatus.ACTIVE)


def funded_proposals(programme: Programme) -> list[Proposal]:
    """The proposals each area's published count funded, area by area in the order the rule chose them."""
    chosen = funded_references(programme)
    if not chosen:
        return []
    by_key = {
        (proposal.area_id, proposal.reference): proposal
        for proposal in funded_candidates(programme, chosen).select_related("group", "area", "programme")
    }
    return [
        by_key[pot.area_id, reference]
        for pot in area_pots(programme)
        for reference in chosen.get(pot.area_id, [])
        if (pot.area_id, reference) in by_key
    ]


def grants_of(programme: Programme) -> QuerySet[Grant]:
    return Grant.objects.filter(proposal__programme=programme).select_related(
        "proposal__group", "proposal__area", "proposal__programme"
    )


def grant_for_page(pk: int) -> Grant | None:
    return (
        Grant.objects.select_related(
            "proposal__group", "proposal__area", "proposal__programme", "rolled_into"
        )
        .filter(pk=pk)
        .first()
    )


def paid_pence(grant: Grant) -> int:
    return int(grant.tranches.filter(paid_on__isnull=False).aggregate(t=Sum("amount_pence"))["t"] or 0)


def latest_accepted_return(grant: Grant) -> MonitoringReturn | None:
    return grant.returns.filter(status=ReturnStatus.ACCEPTED).order_by("-number").first()


def spent_pence(monitoring_return: MonitoringReturn | None) -> int:
    if monitoring_return is None:
        return 0
    return int(monitoring_return.spend.aggregate(t=Sum("spent_pence"))["t"] or 0)


def accepted_spend(grant: Grant) -> int:
    """Spend to date as the latest accepted return states it: nothing unaccepted counts."""
    return spent_pence(latest_accepted_return(grant))


def declared_unspent(grant: Grant) -> int:
    """Money paid that the group's accepted returns say was not spent."""
    return max(0, paid_pence(grant) - accepted_spend(grant))


def next_milestone(grant: Grant) -> Milestone | None:
    return grant.milestones.filter(done_on__isnull=True).order_by("due_on", "pk").first()


def _outstanding(grant: Grant) -> list[MonitoringReturn]:
    """Returns the group owes: not yet in, or sent back for changes, while the accepted grant is open."""
    if grant.status not in REPORTING_STATUSES:
        return []
    return [r for r in grant.returns.all() if r.status in OUTSTANDING]


def next_return_due(grant: Grant, today: date) -> MonitoringReturn | None:
    """The next return the group owes that is not yet late."""
    coming = [r for r in _outstanding(grant) if r.due_on >= today]
    return min(coming, key=lambda r: r.due_on) if coming else None


def returns_late(grant: Grant, today: date) -> list[MonitoringReturn]:
    return [r for r in _outstanding(grant) if r.due_on < today]


RAG_OF_STATUS = {
    DeliveryStatus.ON_TRACK: "green",
    DeliveryStatus.COMPLETED: "green",
    DeliveryStatus.AT_RISK: "amber",
    DeliveryStatus.NOT_STARTED: "amber",
    DeliveryStatus.DELAYED: "red",
    DeliveryStatus.CANCELLED: "grey",
}


@dataclass(frozen=True)
class GrantRow:
    grant: Grant
    rag: str
    paid: int
    spent: int
    next_milestone: Milestone | None
    next_due: MonitoringReturn | None
    late: int


def rag_of(grant: Grant, late: int) -> str:
    """Red when delivery is delayed or a return is late; amber at risk or not started; green on track."""
    rag = RAG_OF_STATUS[DeliveryStatus(grant.delivery_status)]
    if late and rag != "grey":
        return "red"
    return rag


def rag_rows(
    programme: Programme, today: date, area: Area | None = None, delivery_status: str = ""
) -> list[GrantRow]:
    """One row a grant, in a fixed number of queries however many grants there are."""
    chosen = grants_of(programme).prefetch_related("returns", "milestones", "tranches")
    if area is not None:
        chosen = chosen.filter(proposal__area=area)
    if delivery_status:
        chosen = chosen.filter(delivery_status=delivery_status)
    grants = list(chosen.order_by("proposal__area__name", "proposal__title"))
    latest: dict[int, int] = {}
    for grant in grants:
        accepted = [r for r in grant.returns.all() if r.status == ReturnStatus.ACCEPTED]
        if accepted:
            latest[grant.pk] = max(accepted, key=lambda r: r.number).pk
    spent = dict(
        ReturnSpend.objects.filter(monitoring_return_id__in=latest.values())
        .values("monitoring_return_id")
        .annotate(total=Sum("spent_pence"))
        .values_list("monitoring_return_id", "total")
    )
    rows = []
    for grant in grants:
        late = len(returns_late(grant, today))
        milestones = sorted((m for m in grant.milestones.all() if m.done_on is None), key=lambda m: m.due_on)
        rows.append(
            GrantRow(
                grant=grant,
                rag=rag_of(grant, late),
                paid=sum(t.amount_pence for t in grant.tranches.all() if t.paid_on is not None),
                spent=int(spent.get(latest[grant.pk], 0)) if grant.pk in latest else 0,
                next_milestone=milestones[0] if milestones else None,
                next_due=next_return_due(grant, today),
                late=late,
            )
        )
    return rows


def public_grant(programme: Programme, reference: str) -> Grant | None:
    """The grant of a funded proposal of a published programme, as the public may see it."""
    if not programme.is_published:
        return None
    return (
        Grant.objects.select_related("proposal__group", "proposal__area", "proposal__programme")
        .filter(proposal__programme=programme, proposal__reference=reference)
        .exclude(status="offered")
        .first()
    )


def public_photos(grant: Grant) -> QuerySet[ReturnPhoto]:
    return ReturnPhoto.objects.filter(
        monitoring_return__grant=grant, monitoring_return__status=ReturnStatus.ACCEPTED
    ).order_by("monitoring_return__number", "pk")


def latest_story(grant: Grant) -> MonitoringReturn | None:
    return grant.returns.filter(status=ReturnStatus.ACCEPTED).exclude(story="").order_by("-number").first()


def visit_reports_of(grant: Grant) -> QuerySet[VisitReport]:
    return VisitReport.objects.filter(assignment__grant=grant).select_related("assignment__member__user")


def assignments_of(user: Any) -> QuerySet[PanelAssignment]:
    return PanelAssignment.objects.filter(member__user=user).select_related(
        "grant__proposal__programme", "grant__proposal__area", "grant__proposal__group"
    )


def least_visited_grant(area: Area) -> Grant | None:
    """The open grant of the area with the fewest visits, then the fewest panel members matched."""
    return (
        Grant.objects.filter(proposal__area=area, status__in=REPORTING_STATUSES)
        .annotate(
            visit_count=Count("panel_assignments__visits", distinct=True),
            member_count=Count("panel_assignments", distinct=True),
        )
        .order_by("visit_count", "member_count", "pk")
        .first()
    )


def grants_of_group_member(user: Any) -> QuerySet[Grant]:
    return Grant.objects.filter(proposal__group__memberships__user=user).select_related(
        "proposal__programme", "proposal__group"
    )


def panel_member_of(user: Any) -> PanelMember | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return PanelMember.objects.filter(user=user).select_related("area").first()


def paid_by_area(programme: Programme) -> dict[int, int] | None:
    """Pence paid out in grants per area (area id -> pence); None while no payment has been recorded."""
    rows = (
        Tranche.objects.filter(grant__proposal__programme=programme, paid_on__isnull=False)
        .values("grant__proposal__area_id")
        .annotate(total=Sum("amount_pence"))
    )
    paid = {row["grant__proposal__area_id"]: int(row["total"]) for row in rows}
    return paid or None
