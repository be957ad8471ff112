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
from youdecide.proposals.selectors import AREA_DETAIL, PUBLIC_STATUSES
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
        .annotate(public_proposal_count=Count("area__proposals", filter=public_here))
        .order_by("area__name")
    )


def area_pot_for_page(programme: Programme, area_slug: str) -> AreaPot | None:
    """The area's pot in this programme; an area without a pot here has no page in it."""
    return programme.area_pots.select_related("area").filter(area__slug=area_slug).first()


def wards_in(area: Area) -> QuerySet[Area]:
    return area.children.order_by("name")


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
