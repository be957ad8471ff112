"""Every write of a budget consultation. Imports are all or nothing; publishing, imports, moderation and
changes to the simulator are written to the audit log."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from youdecide.audit.services import record_event
from youdecide.consultation import rules
from youdecide.consultation.balance import balance_of
from youdecide.consultation.models import (
    BudgetPlan,
    BudgetProposal,
    CommentStatus,
    DemographicProfile,
    PlanOutcome,
    ProposalResponse,
    ServiceStep,
    Simulator,
    SimulatorService,
    SimulatorSubmission,
    SubmissionChoice,
    Theme,
    Variation,
)
from youdecide.consultation.plan_files import ParsedPlan, parse_plan, read_grid
from youdecide.consultation.selectors import simulator_services
from youdecide.money import format_pence

COMMENT_MAX = 2000


def _officer(actor: Any) -> None:
    if not rules.can_manage_consultation(actor):
        raise PermissionDenied(_("Only council officers can change a budget consultation."))


def _unique_slug(title: str, plan: BudgetPlan | None) -> str:
    base = slugify(title.replace("/", "-"))[:100] or "budget-plan"
    slug, n = base, 1
    others = BudgetPlan.objects.exclude(pk=plan.pk) if plan is not None else BudgetPlan.objects.all()
    while others.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def import_plan(actor: Any, filename: str, content: bytes, into: BudgetPlan | None = None) -> BudgetPlan:
    """A plan from a CSV or XLSX file: a new plan, or the whole content of a draft plan replaced.
    Nothing is written unless every cell is right (PlanFileError lists what is wrong, by cell)."""
    _officer(actor)
    if into is not None:
        into = BudgetPlan.objects.select_for_update().get(pk=into.pk)
        ok, why = rules.can_import_into(into)
        if not ok:
            raise ValidationError(why)
    parsed = parse_plan(read_grid(filename, content))
    plan = into or BudgetPlan()
    plan.title = parsed.title
    plan.base_year = parsed.base_year
    plan.first_year = parsed.years[0]
    plan.year_count = len(parsed.years)
    plan.slug = plan.slug or _unique_slug(parsed.title, into)
    plan.save()
    plan.outcomes.all().delete()
    counts = _write_plan(plan, parsed)
    record_event(
        actor,
        "consultation.plan_imported",
        plan,
        {"file": filename, "replaced": into is not None, **counts},
    )
    return plan


def _write_plan(plan: BudgetPlan, parsed: ParsedPlan) -> dict[str, int]:
    position = 0
    themes = 0
    for item in parsed.outcomes:
        outcome = PlanOutcome.objects.create(
            plan=plan,
            number=item.number,
            title=item.title,
            what_it_means=item.what_it_means,
            focus=item.focus,
            success=item.success,
            priorities=item.priorities,
            challenges=item.challenges,
        )
        for theme_position, (title, proposals) in enumerate(item.themes.items(), start=1):
            theme = Theme.objects.create(outcome=outcome, position=theme_position, title=title)
            themes += 1
            for entry in proposals:
                position += 1
                proposal = BudgetProposal.objects.create(
                    plan=plan,
                    theme=theme,
                    position=position,
                    reference=entry.reference,
                    title=entry.title,
                    kind=entry.kind,
                    service=entry.service,
                    background=entry.background,
                )
                Variation.objects.bulk_create(
                    Variation(proposal=proposal, year=year, amount_thousands=amount)
                    for year, amount in entry.variations.items()
                )
    return {"outcomes": len(parsed.outcomes), "themes": themes, "proposals": position}


@transaction.atomic
def publish_plan(actor: Any, plan: BudgetPlan, closes_on: date | None = None) -> BudgetPlan:
    """Residents can read the plan and give their views, until the end of closes_on when there is one."""
    _officer(actor)
    plan = BudgetPlan.objects.select_for_update().get(pk=plan.pk)
    ok, why = rules.can_publish_plan(plan)
    if not ok:
        raise ValidationError(why)
    if closes_on is not None and closes_on < timezone.localdate():
        raise ValidationError(_("The closing date has passed already: choose today or a later day."))
    plan.published_at = timezone.now()
    plan.closes_on = closes_on
    plan.save(update_fields=["published_at", "closes_on"])
    record_event(actor, "consultation.plan_published", plan, {"title": plan.title, "closes_on": closes_on})
    return plan


@transaction.atomic
def record_responses(
    plan: BudgetPlan, answers: Iterable[tuple[BudgetProposal, str, str]]
) -> list[ProposalResponse]:
    """A resident's views: (proposal, stance, comment) for each proposal they answered. A comment waits
    for an officer before anyone sees it."""
    ok, why = rules.can_respond(plan)
    if not ok:
        raise ValidationError(why)
    responses = []
    for proposal, stance, comment in answers:
        if proposal.plan_id != plan.pk:
            raise ValidationError(_("That proposal is not in this plan."))
        comment = comment.strip()
        if len(comment) > COMMENT_MAX:
            raise ValidationError(_("A comment is at most %(n)s characters.") % {"n": COMMENT_MAX})
        responses.append(
            ProposalResponse(
                proposal=proposal,
                stance=stance,
                comment=comment,
                comment_status=CommentStatus.PENDING if comment else CommentStatus.NONE,
            )
        )
    if not responses:
        raise ValidationError(_("Give your view on at least one proposal."))
    return ProposalResponse.objects.bulk_create(responses)


def record_demographics(
    plan: BudgetPlan, age_band: str, connection: str, disabled: str
) -> DemographicProfile | None:
    """The optional questions about the person, stored on their own (nothing joins them to a view)."""
    if not (age_band or connection or disabled):
        return None
    return DemographicProfile.objects.create(
        plan=plan, age_band=age_band, connection=connection, disabled=disabled
    )


@transaction.atomic
def moderate_comment(actor: Any, response: ProposalResponse, publish: bool) -> ProposalResponse:
    _officer(actor)
    updated = ProposalResponse.objects.filter(pk=response.pk, comment_status=CommentStatus.PENDING).update(
        comment_status=CommentStatus.PUBLISHED if publish else CommentStatus.REJECTED,
        moderated_by=actor,
        moderated_at=timezone.now(),
    )
    if updated != 1:
        raise ValidationError(_("This comment has been moderated already."))
    response.refresh_from_db()
    record_event(
        actor,
        "consultation.comment_published" if publish else "consultation.comment_rejected",
        response,
        {"proposal": response.proposal.reference},
    )
    return response


@dataclass(frozen=True)
class StepText:
    percent: int
    consequence: str


@transaction.atomic
def set_up_simulator(
    actor: Any,
    plan: BudgetPlan,
    savings_target_pence: int,
    tax_one_percent_pence: int,
    tax_cap_percent: int,
    is_open: bool,
) -> Simulator:
    """Creates the plan's simulator or changes its settings."""
    _officer(actor)
    if savings_target_pence < 0 or tax_one_percent_pence < 0 or tax_cap_percent < 0:
        raise ValidationError(_("The savings target, the council tax yield and the cap cannot be negative."))
    simulator, created = Simulator.objects.select_for_update().get_or_create(
        plan=plan,
        defaults={
            "savings_target_pence": savings_target_pence,
            "tax_one_percent_pence": tax_one_percent_pence,
            "tax_cap_percent": tax_cap_percent,
            "is_open": is_open,
        },
    )
    before = {
        "savings_target_pence": simulator.savings_target_pence,
        "tax_one_percent_pence": simulator.tax_one_percent_pence,
        "tax_cap_percent": simulator.tax_cap_percent,
        "is_open": simulator.is_open,
    }
    after = {
        "savings_target_pence": savings_target_pence,
        "tax_one_percent_pence": tax_one_percent_pence,
        "tax_cap_percent": tax_cap_percent,
        "is_open": is_open,
    }
    if not created and before == after:
        return simulator
    for name, value in after.items():
        setattr(simulator, name, value)
    simulator.save()
    record_event(
        actor,
        "consultation.simulator_created" if created else "consultation.simulator_changed",
        simulator,
        {"before": None if created else before, "after": after},
    )
    return simulator


@transaction.atomic
def set_simulator_service(
    actor: Any, simulator: Simulator, name: str, budget_pence: int, description: str, steps: list[StepText]
) -> SimulatorService:
    """Adds a service to the simulator, or replaces its budget, description and steps."""
    _officer(actor)
    if budget_pence % 100:
        raise ValidationError(_("A service's budget is in whole pounds."))
    percents = [step.percent for step in steps]
    if 0 not in percents:
        raise ValidationError(_("Every service needs a step of 0%: leaving it as it is."))
    if len(set(percents)) != len(percents):
        raise ValidationError(_("Each step of a service has its own percentage."))
    if any(not step.consequence.strip() for step in steps):
        raise ValidationError(_("Every step says what it would mean."))
    position = simulator.services.count() + 1
    service, created = SimulatorService.objects.update_or_create(
        simulator=simulator,
        name=name,
        defaults={"budget_pence": budget_pence, "description": description},
        create_defaults={"budget_pence": budget_pence, "description": description, "position": position},
    )
    service.steps.all().delete()
    ServiceStep.objects.bulk_create(
        ServiceStep(service=service, percent=step.percent, consequence=step.consequence.strip())
        for step in steps
    )
    record_event(
        actor,
        "consultation.simulator_service_added" if created else "consultation.simulator_service_changed",
        simulator,
        {"service": name, "budget_pence": budget_pence, "steps": sorted(percents)},
    )
    return service


@transaction.atomic
def submit_simulation(simulator: Simulator, choices: dict[int, int], tax_percent: int) -> SimulatorSubmission:
    """A resident's budget: a step for each service (service id -> percent) and a council tax rise. It is
    taken only when it finds the savings target."""
    simulator = Simulator.objects.select_related("plan").get(pk=simulator.pk)
    ok, why = rules.can_use_simulator(simulator)
    if not ok:
        raise ValidationError(why)
    services = simulator_services(simulator)
    errors = []
    for service in services:
        allowed = {step.percent for step in service.steps.all()}
        if choices.get(service.pk, 0) not in allowed:
            errors.append(_("%(service)s: choose one of its steps.") % {"service": service.name})
    if set(choices) - {service.pk for service in services}:
        errors.append(_("A choice is for a service that is not in this simulator."))
    if not 0 <= tax_percent <= simulator.tax_cap_percent:
        errors.append(
            _("Council tax can rise by at most %(cap)s%% without a local referendum.")
            % {"cap": simulator.tax_cap_percent}
        )
    if errors:
        raise ValidationError(errors)
    balance = balance_of(simulator, services, choices, tax_percent)
    if not balance.meets_target:
        raise ValidationError(
            _("Your budget does not balance yet: find another %(short)s to reach the savings of %(target)s.")
            % {"short": format_pence(balance.short_pence), "target": format_pence(balance.target_pence)}
        )
    submission = SimulatorSubmission.objects.create(
        simulator=simulator, tax_percent=tax_percent, savings_pence=balance.found_pence
    )
    SubmissionChoice.objects.bulk_create(
        SubmissionChoice(submission=submission, service=service, percent=choices.get(service.pk, 0))
        for service in services
    )
    return submission
