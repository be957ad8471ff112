"""Reads of a budget consultation: the proposals table with its per-year totals, and the results."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from fractions import Fraction

from django.db.models import Count, Prefetch, QuerySet

from youdecide.consultation.models import (
    BudgetPlan,
    BudgetProposal,
    CommentStatus,
    PlanOutcome,
    ProposalResponse,
    Simulator,
    SimulatorService,
    Stance,
    SubmissionChoice,
    Theme,
)
from youdecide.results.statistics import Bar


def published_plans() -> QuerySet[BudgetPlan]:
    return BudgetPlan.objects.filter(published_at__isnull=False)


def year_totals(rows: list[list[int]], year_count: int) -> list[int]:
    """Totals within each year (thousands of pounds). Variations are against the base year, so a
    year's total is the sum of that year's column, never a running sum across the years."""
    return [sum(row[i] for row in rows) for i in range(year_count)]


def year_on_year(totals: list[int]) -> list[int]:
    """The change on the year before: this year's total minus last year's (the base year counts 0)."""
    return [total - (totals[i - 1] if i else 0) for i, total in enumerate(totals)]


@dataclass
class ProposalRow:
    proposal: BudgetProposal
    amounts: list[int]


@dataclass
class ThemeBlock:
    theme: Theme
    rows: list[ProposalRow]


@dataclass
class OutcomeBlock:
    outcome: PlanOutcome
    themes: list[ThemeBlock]
    totals: list[int]
    changes: list[int]


@dataclass
class PlanTable:
    plan: BudgetPlan
    outcomes: list[OutcomeBlock]
    totals: list[int]
    changes: list[int]
    proposals: list[BudgetProposal] = field(default_factory=list)


def plan_table(plan: BudgetPlan) -> PlanTable:
    years = plan.years
    outcomes = plan.outcomes.prefetch_related(
        Prefetch("themes", Theme.objects.order_by("position")),
        Prefetch("themes__proposals", BudgetProposal.objects.order_by("position")),
        "themes__proposals__variations",
    )
    blocks = []
    every_row: list[list[int]] = []
    proposals: list[BudgetProposal] = []
    for outcome in outcomes:
        themes = []
        outcome_rows: list[list[int]] = []
        for theme in outcome.themes.all():
            rows = []
            for proposal in theme.proposals.all():
                by_year = {v.year: v.amount_thousands for v in proposal.variations.all()}
                amounts = [by_year.get(year, 0) for year in years]
                rows.append(ProposalRow(proposal, amounts))
                outcome_rows.append(amounts)
                proposals.append(proposal)
            themes.append(ThemeBlock(theme, rows))
        totals = year_totals(outcome_rows, len(years))
        blocks.append(OutcomeBlock(outcome, themes, totals, year_on_year(totals)))
        every_row.extend(outcome_rows)
    totals = year_totals(every_row, len(years))
    return PlanTable(plan, blocks, totals, year_on_year(totals), proposals)


def lines(text: str) -> list[str]:
    """A text of one item a line, as a list."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def published_comments(proposal: BudgetProposal) -> QuerySet[ProposalResponse]:
    return proposal.responses.filter(comment_status=CommentStatus.PUBLISHED).order_by("moderated_at", "pk")


def comments_to_moderate(plan: BudgetPlan) -> QuerySet[ProposalResponse]:
    return (
        ProposalResponse.objects.filter(proposal__plan=plan, comment_status=CommentStatus.PENDING)
        .select_related("proposal")
        .order_by("created_at", "pk")
    )


@dataclass(frozen=True)
class ProposalViews:
    proposal: BudgetProposal
    support: int
    oppose: int
    neutral: int
    comments: list[str]

    @property
    def total(self) -> int:
        return self.support + self.oppose + self.neutral

    def share(self, count: int) -> str:
        return f"{100 * count / self.total:.0f}%" if self.total else "—"

    @property
    def support_share(self) -> str:
        return self.share(self.support)

    @property
    def oppose_share(self) -> str:
        return self.share(self.oppose)

    @property
    def neutral_share(self) -> str:
        return self.share(self.neutral)


def proposal_views(plan: BudgetPlan) -> list[ProposalViews]:
    counts: dict[int, Counter[str]] = defaultdict(Counter)
    rows = (
        ProposalResponse.objects.filter(proposal__plan=plan)
        .values_list("proposal_id", "stance")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for proposal_id, stance, n in rows:
        counts[proposal_id][stance] = n
    comments: dict[int, list[str]] = defaultdict(list)
    published = ProposalResponse.objects.filter(
        proposal__plan=plan, comment_status=CommentStatus.PUBLISHED
    ).order_by("moderated_at", "pk")
    for proposal_id, comment in published.values_list("proposal_id", "comment"):
        comments[proposal_id].append(comment)
    return [
        ProposalViews(
            proposal,
            counts[proposal.pk][Stance.SUPPORT],
            counts[proposal.pk][Stance.OPPOSE],
            counts[proposal.pk][Stance.NEUTRAL],
            comments[proposal.pk],
        )
        for proposal in plan.proposals.order_by("position")
    ]


@dataclass(frozen=True)
class SignedBar:
    """A bar of a chart of signed values."""

    label: str
    value: float
    text: str


def _short(text: str, longest: int = 22) -> str:
    return text if len(text) <= longest else text[: longest - 1].rstrip() + "…"


def support_bars(views: list[ProposalViews]) -> list[Bar]:
    """Support per proposal; the chart's labels are kept short (the table beside it has the titles)."""
    return [
        Bar(_short(f"{row.proposal.reference} {row.proposal.title}"), row.support, row.support_share)
        for row in views
    ]


def spread_bars(spreads: list[ServiceSpread]) -> list[SignedBar]:
    return [
        SignedBar(spread.service.name, float(spread.mean_percent), spread.mean_label) for spread in spreads
    ]


def simulator_services(simulator: Simulator) -> list[SimulatorService]:
    return list(simulator.services.prefetch_related("steps").order_by("position"))


@dataclass(frozen=True)
class ServiceSpread:
    """Residents' chosen changes to one service: how many chose, the mean and the spread."""

    service: SimulatorService
    count: int
    mean_percent: Fraction
    deviation_percent: float
    lowest: int
    highest: int
    steps: list[tuple[int, int]]  # (percent, how many chose it)

    @property
    def mean_label(self) -> str:
        return f"{float(self.mean_percent):+.1f}%"

    @property
    def mean_change_pence(self) -> int:
        return int(self.service.budget_pence * self.mean_percent / 100)


def service_spreads(simulator: Simulator) -> list[ServiceSpread]:
    chosen: dict[int, list[int]] = defaultdict(list)
    for service_id, percent in SubmissionChoice.objects.filter(submission__simulator=simulator).values_list(
        "service_id", "percent"
    ):
        chosen[service_id].append(percent)
    spreads = []
    for service in simulator_services(simulator):
        values = chosen[service.pk]
        n = len(values)
        mean = Fraction(sum(values), n) if n else Fraction(0)
        variance = sum((value - mean) ** 2 for value in values) / n if n else Fraction(0)
        tally = Counter(values)
        spreads.append(
            ServiceSpread(
                service,
                n,
                mean,
                math.sqrt(variance),
                min(values, default=0),
                max(values, default=0),
                [(step.percent, tally.get(step.percent, 0)) for step in service.steps.all()],
            )
        )
    return spreads


def submission_count(simulator: Simulator) -> int:
    return simulator.submissions.count()
