"""Every write to proposals: drafting, editing (kept as versions), submitting, withdrawing, review."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from youdecide.accounts.models import NotificationKind
from youdecide.accounts.notifications import notify
from youdecide.areas.models import Area
from youdecide.audit.services import record_event
from youdecide.groups.models import CommunityGroup
from youdecide.groups.rules import is_member
from youdecide.money import format_pence
from youdecide.programmes.models import Outcome, Programme
from youdecide.programmes.rules import can_review_proposals, can_submit_proposals
from youdecide.programmes.selectors import pot_for
from youdecide.proposals import rules
from youdecide.proposals.models import BudgetLine, Proposal, ProposalStatus, ProposalVersion

BudgetLines = Sequence[tuple[str, int]]


def check_cost(programme: Programme, area: Area, budget_lines: BudgetLines) -> int:
    """The cost is the sum of the budget lines; it must fit the area's pot and the programme's grant cap."""
    errors: list[str] = []
    for position, (description, amount) in enumerate(budget_lines, start=1):
        if not description.strip():
            errors.append(_("Budget line %(n)d needs a description.") % {"n": position})
        if amount <= 0:
            errors.append(_("Budget line %(n)d must cost more than £0.") % {"n": position})
    if errors:
        raise ValidationError({"budget_lines": errors})
    cost = sum(amount for _description, amount in budget_lines)
    pot = pot_for(programme, area.pk)
    if pot is None:
        raise ValidationError(
            {
                "area": _("%(area)s has no pot in %(programme)s.")
                % {"area": area.name, "programme": programme.name}
            }
        )
    if cost > pot:
        raise ValidationError(
            {
                "budget_lines": _("The cost, %(cost)s, is more than the whole pot for %(area)s (%(pot)s).")
                % {"cost": format_pence(cost), "area": area.name, "pot": format_pence(pot)}
            }
        )
    if programme.grant_cap_pence is not None and cost > programme.grant_cap_pence:
        raise ValidationError(
            {
                "budget_lines": _(
                    "The cost, %(cost)s, is more than the largest grant this programme gives (%(cap)s)."
                )
                % {"cost": format_pence(cost), "cap": format_pence(programme.grant_cap_pence)}
            }
        )
    return cost


def _snapshot(proposal: Proposal) -> dict[str, Any]:
    return {
        "title": proposal.title,
        "summary": proposal.summary,
        "description": proposal.description,
        "area": proposal.area.code,
        "cost_pence": proposal.cost_pence,
        "expected_beneficiaries": proposal.expected_beneficiaries,
        "location": proposal.location,
        "outcomes": sorted(proposal.outcomes.values_list("slug", flat=True)),
        "budget_lines": [[line.description, line.amount_pence] for line in proposal.budget_lines.all()],
        "status": proposal.status,
    }


def _write_budget_lines(proposal: Proposal, budget_lines: BudgetLines) -> None:
    proposal.budget_lines.all().delete()
    BudgetLine.objects.bulk_create(
        BudgetLine(proposal=proposal, position=position, description=description.strip(), amount_pence=amount)
        for position, (description, amount) in enumerate(budget_lines)
    )


def _check_area(programme: Programme, area: Area) -> None:
    if area.kind != programme.area_kind:
        raise ValidationError(
            {
                "area": _("%(area)s is not one of the areas of %(programme)s.")
                % {"area": area.name, "programme": programme.name}
            }
        )


@transaction.atomic
def create_proposal(
    actor: Any,
    group: CommunityGroup,
    programme: Programme,
    *,
    area: Area,
    title: str,
    summary: str,
    description: str,
    budget_lines: BudgetLines,
    outcomes: Iterable[Outcome] = (),
    expected_beneficiaries: int = 0,
    location: str = "",
    now: datetime | None = None,
) -> Proposal:
    """Start a draft proposal for a group (`now`: when, for records entered after the fact)."""
    if not is_member(actor, group):
        raise PermissionDenied(_("Only members of %(group)s can propose for it.") % {"group": group.name})
    open_now, reason = can_submit_proposals(programme, now)
    if not open_now:
        raise ValidationError(reason)
    _check_area(programme, area)
    cost = check_cost(programme, area, budget_lines)
    proposal = Proposal.objects.create(
        group=group,
        programme=programme,
        area=area,
        reference=uuid.uuid4().hex[:20],
        title=title.strip(),
        summary=summary.strip(),
        description=description.strip(),
        cost_pence=cost,
        expected_beneficiaries=expected_beneficiaries,
        location=location.strip(),
    )
    proposal.reference = f"YD-{proposal.pk:05d}"
    proposal.save(update_fields=["reference"])
    proposal.outcomes.set(list(outcomes))
    _write_budget_lines(proposal, budget_lines)
    record_event(actor, "proposal.created", proposal, {"group": group.pk, "cost_pence": cost})
    return proposal


@transaction.atomic
def update_proposal(
    actor: Any,
    proposal: Proposal,
    *,
    area: Area,
    title: str,
    summary: str,
    description: str,
    budget_lines: BudgetLines,
    outcomes: Iterable[Outcome] = (),
    expected_beneficiaries: int = 0,
    location: str = "",
) -> Proposal:
    """Edit a proposal. After submission, the version before the edit is kept."""
    proposal = (
        Proposal.objects.select_for_update().select_related("group", "programme", "area").get(pk=proposal.pk)
    )
    allowed, reason = rules.can_edit(actor, proposal)
    if not allowed:
        raise PermissionDenied(reason)
    _check_area(proposal.programme, area)
    cost = check_cost(proposal.programme, area, budget_lines)
    if proposal.status != ProposalStatus.DRAFT:
        ProposalVersion.objects.create(
            proposal=proposal,
            number=proposal.version,
            snapshot=_snapshot(proposal),
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        proposal.version += 1
    proposal.area = area
    proposal.title = title.strip()
    proposal.summary = summary.strip()
    proposal.description = description.strip()
    proposal.cost_pence = cost
    proposal.expected_beneficiaries = expected_beneficiaries
    proposal.location = location.strip()
    proposal.save()
    proposal.outcomes.set(list(outcomes))
    _write_budget_lines(proposal, budget_lines)
    record_event(actor, "proposal.updated", proposal, {"version": proposal.version, "cost_pence": cost})
    return proposal


@transaction.atomic
def submit_proposal(actor: Any, proposal: Proposal, now: datetime | None = None) -> Proposal:
    proposal = (
        Proposal.objects.select_for_update().select_related("group", "programme", "area").get(pk=proposal.pk)
    )
    allowed, reason = rules.can_submit(actor, proposal)
    if not allowed:
        raise PermissionDenied(reason)
    open_now, reason = can_submit_proposals(proposal.programme, now)
    if not open_now:
        raise ValidationError(reason)
    lines = [(line.description, line.amount_pence) for line in proposal.budget_lines.all()]
    if not lines:
        raise ValidationError({"budget_lines": _("Add at least one budget line before submitting.")})
    check_cost(proposal.programme, proposal.area, lines)
    if not proposal.outcomes.exists():
        raise ValidationError({"outcomes": _("Choose at least one outcome the project aims at.")})
    before = proposal.status
    proposal.status = ProposalStatus.SUBMITTED
    proposal.submitted_at = now or timezone.now()
    proposal.ineligible_reason = ""
    proposal.save()
    record_event(actor, "proposal.submitted", proposal, {"from": before, "version": proposal.version})
    return proposal


@transaction.atomic
def withdraw_proposal(actor: Any, proposal: Proposal) -> Proposal:
    proposal = Proposal.objects.select_for_update().select_related("group").get(pk=proposal.pk)
    allowed, reason = rules.can_withdraw(actor, proposal)
    if not allowed:
        raise PermissionDenied(reason)
    before = proposal.status
    proposal.status = ProposalStatus.WITHDRAWN
    proposal.save()
    record_event(actor, "proposal.withdrawn", proposal, {"from": before})
    return proposal


def _tell_group(proposal: Proposal, subject: str, body: str) -> None:
    notify(proposal.group.contact_email, NotificationKind.PROPOSAL_DECIDED, subject, body)


@transaction.atomic
def mark_eligible(actor: Any, proposal: Proposal, now: datetime | None = None) -> Proposal:
    proposal = Proposal.objects.select_for_update().select_related("group", "programme").get(pk=proposal.pk)
    allowed, reason = rules.can_review(actor, proposal)
    if not allowed:
        raise PermissionDenied(reason)
    open_now, reason = can_review_proposals(proposal.programme, now)
    if not open_now:
        raise ValidationError(reason)
    before = proposal.status
    proposal.status = ProposalStatus.ELIGIBLE
    proposal.ineligible_reason = ""
    proposal.decided_at = now or timezone.now()
    proposal.decided_by = actor
    proposal.save()
    record_event(actor, "proposal.marked_eligible", proposal, {"from": before})
    transaction.on_commit(
        lambda: _tell_group(
            proposal,
            _("Your proposal %(title)s is eligible") % {"title": proposal.title},
            _("Good news: %(title)s (%(ref)s) is eligible for %(programme)s and will go forward to the vote.")
            % {"title": proposal.title, "ref": proposal.reference, "programme": proposal.programme.name},
        )
    )
    return proposal


@transaction.atomic
def mark_ineligible(actor: Any, proposal: Proposal, reason: str) -> Proposal:
    proposal = Proposal.objects.select_for_update().select_related("group", "programme").get(pk=proposal.pk)
    allowed, why_not = rules.can_review(actor, proposal)
    if not allowed:
        raise PermissionDenied(why_not)
    open_now, why_not = can_review_proposals(proposal.programme)
    if not open_now:
        raise ValidationError(why_not)
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Give the reason the proposal is not eligible: the group will read it.")}
        )
    before = proposal.status
    proposal.status = ProposalStatus.INELIGIBLE
    proposal.ineligible_reason = reason
    proposal.decided_at = timezone.now()
    proposal.decided_by = actor
    proposal.save()
    record_event(actor, "proposal.marked_ineligible", proposal, {"from": before, "reason": reason})
    transaction.on_commit(
        lambda: _tell_group(
            proposal,
            _("Your proposal %(title)s is not eligible") % {"title": proposal.title},
            _(
                "%(title)s (%(ref)s) is not eligible for %(programme)s.\n\nThe reason:\n%(reason)s\n\n"
                "You can revise the proposal and submit it again while proposals are open."
            )
            % {
                "title": proposal.title,
                "ref": proposal.reference,
                "programme": proposal.programme.name,
                "reason": reason,
            },
        )
    )
    return proposal
