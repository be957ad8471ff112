"""Reads that only the public pages need: a programme's page, an area's page, a proposal's page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from youdecide.areas.models import Area
from youdecide.programmes.models import AreaPot, Outcome, OutcomeKind, Phase, Programme
from youdecide.programmes.selectors import current_phase
from youdecide.proposals.models import BudgetLine, Proposal
from youdecide.proposals.selectors import AREA_DETAIL, PUBLIC_STATUSES, public_proposals
from youdecide.results.selectors import funded_candidates, funded_references, published_counts
from youdecide.web.rules import can_preview_programme


@dataclass(frozen=True)
class TimelineStep:
    """One phase as a resident reads it: what it is, when, and whether it is over, now or to come."""

    phase: Phase
    first_day: date
    last_day: date
    state: str  # "finished", "open" or "upcoming"
    is_current: bool


def programme_for_page(slug: str, user: Any) -> Programme | None:
    """The programme with this slug if the user may see it: published ones for everyone, any for officers."""
    programme = Programme.objects.prefetch_related("phases").filter(slug=slug).first()
    if programme is None or not can_preview_programme(user, programme):
        return None
    return programme


def timeline(programme: Programme, now: datetime | None = None) -> list[TimelineStep]:
    """The programme's phases in date order; the current one (youdecide.programmes.selectors) is marked."""
    moment = now or timezone.now()
    current = current_phase(programme, moment)
    steps = []
    for phase in sorted(programme.phases.all(), key=lambda phase: (phase.effective_start, phase.pk)):
        if phase.effective_end <= moment:
            state = "finished"
        elif phase.is_open_at(moment):
            state = "open"
        else:
            state = "upcoming"
        steps.append(
            TimelineStep(
                phase=phase,
                first_day=timezone.localtime(phase.effective_start).date(),
                # A phase that ends at midnight ends with the day before it.
                last_day=timezone.localtime(phase.effective_end - timedelta(microseconds=1)).date(),
                state=state,
                is_current=current is not None and phase.pk == current.pk,
            )
        )
    return steps


def current_step(programme: Programme, now: datetime | None = None) -> TimelineStep | None:
    return next((step for step in timeline(programme, now) if step.is_current), None)


def outcomes_aimed_at(programme: Programme) -> list[tuple[str, list[Outcome]]]:
    """The programme's outcomes grouped by kind, public health first, as (kind's name, outcomes)."""
    outcomes = list(programme.outcomes.order_by("order", "name"))
    groups = [(kind.label, [outcome for outcome in outcomes if outcome.kind == kind]) for kind in OutcomeKind]
    return [(str(label), members) for label, members in groups if members]


def pots_with_proposal_counts(programme: Programme) -> QuerySet[AreaPot]:
    """The programme's area pots, each with how many public proposals ask for money from it."""
    public_here = Q(area__proposals__programme=programme, area__proposals__status__in=PUBLIC_STATUSES)
    return (
        programme.area_pots.select_related("area")
        .defer(*AREA_DETAIL)
        .annotate(public_proposal_count=Count("area__proposals", filter=public_here))
        .order_by("area__name")
    )


@dataclass(frozen=True)
class FundedRow:
    """A funded project as the programme page lists it."""

    reference: str
    title: str
    group_name: str
    area_slug: str
    area_name: str
    cost_pence: int


def funded_rows(programme: Programme, pots: list[AreaPot]) -> list[FundedRow]:
    """What youdecide.delivery.selectors.funded_proposals lists, in its order (the pots' areas in the order
    given, each area's projects in the order its published count chose them), read in two queries: the
    published counts' choices and the proposals' columns the page shows."""
    chosen = funded_references(programme)
    if not chosen:
        return []
    found = {
        (area_id, reference): (title, group_name, cost_pence)
        for area_id, reference, title, group_name, cost_pence in funded_candidates(
            programme, chosen
        ).values_list("area_id", "reference", "title", "group__name", "cost_pence")
    }
    rows = []
    for pot in pots:
        for reference in chosen.get(pot.area_id, []):
            if (pot.area_id, reference) in found:
                title, group_name, cost_pence = found[pot.area_id, reference]
                rows.append(FundedRow(reference, title, group_name, pot.area.slug, pot.area.name, cost_pence))
    return rows


def area_pot_for_page(programme: Programme, area_slug: str) -> AreaPot | None:
    """The area's pot in this programme; an area without a pot here has no page in it."""
    return programme.area_pots.select_related("area").defer(*AREA_DETAIL).filter(area__slug=area_slug).first()


def wards_in(area: Area) -> QuerySet[Area]:
    return area.children.order_by("name")


@dataclass(frozen=True)
class ProposalCard:
    """A public proposal as an area's page lists it."""

    reference: str
    title: str
    group_name: str
    summary: str
    cost_pence: int
    outcomes: tuple[str, ...]  # the names of the outcomes it aims for


def proposal_cards(programme: Programme, area: Area) -> list[ProposalCard]:
    """The area's public proposals (youdecide.proposals.selectors.public_proposals, in its order), only the
    columns their cards show, read as plain rows: two queries, no model instances."""
    rows = list(
        public_proposals(programme, area)
        .prefetch_related(None)
        .values_list("pk", "reference", "title", "group__name", "summary", "cost_pence")
    )
    outcomes: dict[int, list[str]] = {pk: [] for pk, *_rest in rows}
    if rows:
        aims = (
            Proposal.outcomes.through.objects.filter(proposal_id__in=list(outcomes))
            .order_by("outcome__kind", "outcome__order", "outcome__name")  # as Outcome orders them
            .values_list("proposal_id", "outcome__name")
        )
        for proposal_id, name in aims:
            outcomes[proposal_id].append(name)
    return [ProposalCard(*row[1:], outcomes=tuple(outcomes[row[0]])) for row in rows]


def has_published_count(programme: Programme, area: Area) -> bool:
    """Whether youdecide.results.selectors.published_count finds one, without reading it."""
    return published_counts(programme).filter(area=area).exists()


def proposal_for_page(programme: Programme, reference: str) -> Proposal | None:
    """The proposal with everything its page shows, whatever its status: the view decides who sees it."""
    return (
        Proposal.objects.filter(programme=programme, reference=reference)
        .select_related("group", "area", "programme")
        .defer(*AREA_DETAIL)
        .prefetch_related(
            "outcomes", Prefetch("budget_lines", queryset=BudgetLine.objects.order_by("position", "pk"))
        )
        .first()
    )
