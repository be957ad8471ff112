"""Commissioners' insight: the needs raised in proposals by area and outcome (how many, money asked, money
funded, money available in the area's pots), which outcomes go unmet where, community groups by readiness
and track record, and local assets by area. Read across every programme; exported as CSV."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Count, Sum

from youdecide.areas.models import Area
from youdecide.delivery.models import Grant, GrantStatus
from youdecide.groups.models import Asset, AssetCategory, AssetStatus, CommunityGroup, GovernanceCheck
from youdecide.groups.selectors import readiness_of
from youdecide.programmes.models import AreaPot, Outcome
from youdecide.proposals.models import Proposal, ProposalStatus

# A need is raised once a proposal is sent to the council, whatever the eligibility review then decided.
RAISED_STATUSES = (ProposalStatus.SUBMITTED, ProposalStatus.ELIGIBLE, ProposalStatus.INELIGIBLE)


@dataclass(frozen=True)
class NeedRow:
    """One outcome in one area. A proposal aimed at two outcomes counts in both."""

    area: Area
    outcome: Outcome
    proposals: int
    asked_pence: int
    funded: int
    funded_pence: int
    available_pence: int  # the area's pots, all programmes: shared by every outcome of the area

    @property
    def unmet(self) -> bool:
        return self.proposals > 0 and self.funded == 0

    @property
    def asked_share_of_available(self) -> float | None:
        return round(100 * self.asked_pence / self.available_pence, 1) if self.available_pence else None


def available_by_area() -> dict[int, int]:
    rows = AreaPot.objects.values_list("area_id").annotate(total=Sum("amount_pence"))
    return {area_id: int(total) for area_id, total in rows}


def awarded_by_proposal() -> dict[int, int]:
    rows = Grant.objects.exclude(status=GrantStatus.CANCELLED).values_list("proposal_id", "amount_pence")
    return {proposal_id: int(amount) for proposal_id, amount in rows}


def needs_by_area_and_outcome() -> list[NeedRow]:
    """Rows for each (area, outcome) some raised proposal aims at, areas and outcomes in name order."""
    awarded = awarded_by_proposal()
    available = available_by_area()
    counts: Counter[tuple[int, int]] = Counter()
    asked: Counter[tuple[int, int]] = Counter()
    funded: Counter[tuple[int, int]] = Counter()
    funded_money: Counter[tuple[int, int]] = Counter()
    pairs = Proposal.outcomes.through.objects.filter(proposal__status__in=RAISED_STATUSES).values_list(
        "proposal_id", "proposal__area_id", "outcome_id", "proposal__cost_pence"
    )
    for proposal_id, area_id, outcome_id, cost in pairs:
        key = (area_id, outcome_id)
        counts[key] += 1
        asked[key] += int(cost)
        if proposal_id in awarded:
            funded[key] += 1
            funded_money[key] += awarded[proposal_id]
    areas = Area.objects.in_bulk({area_id for area_id, _ in counts})
    outcomes = Outcome.objects.in_bulk({outcome_id for _, outcome_id in counts})
    rows = [
        NeedRow(
            area=areas[area_id],
            outcome=outcomes[outcome_id],
            proposals=n,
            asked_pence=asked[(area_id, outcome_id)],
            funded=funded[(area_id, outcome_id)],
            funded_pence=funded_money[(area_id, outcome_id)],
            available_pence=available.get(area_id, 0),
        )
        for (area_id, outcome_id), n in counts.items()
    ]
    return sorted(rows, key=lambda row: (row.area.name, row.outcome.name, row.area.pk, row.outcome.pk))


def unmet_needs(rows: list[NeedRow]) -> list[NeedRow]:
    """Outcomes residents' groups asked for in an area where no proposal for them was funded."""
    return [row for row in rows if row.unmet]


@dataclass(frozen=True)
class GroupRow:
    group: CommunityGroup
    ready: bool
    items_missing: int
    proposals_submitted: int
    proposals_funded: int
    awarded_pence: int
    grants_completed: int


def groups_by_readiness() -> list[GroupRow]:
    """Every group with its readiness to apply and its track record: proposals sent, funded (a grant not
    cancelled), money awarded and grants completed. Ready groups first, then by name."""
    groups = list(CommunityGroup.objects.select_related("area").order_by("name", "pk"))
    checks: dict[int, list[GovernanceCheck]] = defaultdict(list)
    for check in GovernanceCheck.objects.annotate(document_count=Count("documents")):
        checks[check.group_id].append(check)
    submitted = Counter(
        Proposal.objects.filter(submitted_at__isnull=False).values_list("group_id", flat=True).iterator()
    )
    grants = list(
        Grant.objects.exclude(status=GrantStatus.CANCELLED).values_list(
            "proposal__group_id", "amount_pence", "status"
        )
    )
    funded = Counter(group_id for group_id, _, _ in grants)
    awarded: Counter[int] = Counter()
    completed: Counter[int] = Counter()
    for group_id, amount, status in grants:
        awarded[group_id] += int(amount)
        if status == GrantStatus.COMPLETED:
            completed[group_id] += 1
    rows = []
    for group in groups:
        own = checks.get(group.pk, [])
        readiness = readiness_of(own, {c.pk: c.document_count for c in own})  # type: ignore[attr-defined]
        rows.append(
            GroupRow(
                group=group,
                ready=readiness.ready,
                items_missing=len(readiness.missing),
                proposals_submitted=submitted[group.pk],
                proposals_funded=funded[group.pk],
                awarded_pence=awarded[group.pk],
                grants_completed=completed[group.pk],
            )
        )
    return sorted(rows, key=lambda row: not row.ready)


@dataclass(frozen=True)
class AssetsRow:
    area: Area
    total: int
    by_category: list[int]  # in the order of ``AssetCategory``


def assets_by_area() -> list[AssetsRow]:
    """Approved local assets per area, in all and by category."""
    rows = Asset.objects.filter(status=AssetStatus.APPROVED).values_list("area_id", "category")
    counted: dict[int, Counter[str]] = defaultdict(Counter)
    for area_id, category in rows:
        counted[area_id][category] += 1
    areas = Area.objects.in_bulk(list(counted))
    result = [
        AssetsRow(
            area=areas[area_id],
            total=sum(categories.values()),
            by_category=[categories[value] for value in AssetCategory.values],
        )
        for area_id, categories in counted.items()
    ]
    return sorted(result, key=lambda row: (row.area.name, row.area.pk))
