"""The proposal services on their own: what they store, what they refuse and why."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests import factories
from youdecide.accounts.models import Role
from youdecide.audit.models import AuditEvent
from youdecide.proposals import services
from youdecide.proposals.models import Proposal, ProposalStatus, ProposalVersion


def create(setting, lines=(("Coach", 100_000), ("Kit", 20_000)), **overrides) -> Proposal:
    arguments = {
        "area": setting.area,
        "title": "Chair-based exercise",
        "summary": "Gentle exercise for older residents.",
        "description": "Twice-weekly sessions in three community centres.",
        "budget_lines": list(lines),
        "outcomes": [setting.outcome],
    }
    arguments.update(overrides)
    return services.create_proposal(setting.lead, setting.group, setting.programme, **arguments)


def test_create_stores_the_cost_as_the_sum_of_the_lines_and_a_reference(setting) -> None:
    proposal = create(setting)
    assert proposal.cost_pence == 120_000
    assert proposal.reference == f"YD-{proposal.pk:05d}"
    assert proposal.status == ProposalStatus.DRAFT
    assert list(proposal.budget_lines.values_list("position", "amount_pence")) == [(0, 100_000), (1, 20_000)]


def test_only_members_create(setting) -> None:
    with pytest.raises(PermissionDenied):
        services.create_proposal(
            factories.UserFactory.create(),
            setting.group,
            setting.programme,
            area=setting.area,
            title="x",
            summary="x",
            description="x",
            budget_lines=[("x", 100)],
        )


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        ([("", 100)], "Budget line 1 needs a description."),
        ([("Kit", 0)], "Budget line 1 must cost more than £0."),
        ([("Hall", 3_000_001)], "more than the whole pot for Crewe"),
        ([("Hall", 1_000_001)], "more than the largest grant this programme gives (£10,000)"),
    ],
)
def test_cost_checks(setting, lines, message) -> None:
    with pytest.raises(ValidationError) as error:
        create(setting, lines=lines)
    assert any(message in text for text in error.value.messages)
    assert not Proposal.objects.exists()


def test_an_area_without_a_pot_or_of_another_kind_is_refused(setting) -> None:
    no_pot = factories.AreaFactory.create(name="Poynton")
    ward = factories.AreaFactory.create(name="Crewe Central", kind="ward")
    with pytest.raises(ValidationError, match="has no pot"):
        create(setting, area=no_pot)
    with pytest.raises(ValidationError, match="is not one of the areas"):
        create(setting, area=ward)


def test_update_after_submission_snapshots_the_previous_version(setting) -> None:
    proposal = create(setting)
    services.submit_proposal(setting.lead, proposal)
    services.update_proposal(
        setting.lead,
        proposal,
        area=setting.other_area,
        title="Chair-based exercise and tea",
        summary="s",
        description="d",
        budget_lines=[("Coach", 150_000)],
        outcomes=[setting.outcome],
    )
    proposal.refresh_from_db()
    assert proposal.version == 2
    assert proposal.area == setting.other_area
    version = ProposalVersion.objects.get()
    assert version.snapshot["title"] == "Chair-based exercise"
    assert version.snapshot["budget_lines"] == [["Coach", 100_000], ["Kit", 20_000]]


def test_submit_then_mark_ineligible_then_resubmit_clears_the_reason(
    setting, django_capture_on_commit_callbacks
) -> None:
    proposal = create(setting)
    services.submit_proposal(setting.lead, proposal)
    with django_capture_on_commit_callbacks(execute=True):
        services.mark_ineligible(setting.officer, proposal, "No safeguarding policy.")
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.INELIGIBLE
    assert mail.outbox[0].to == [setting.group.contact_email]
    services.submit_proposal(setting.lead, proposal)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED
    assert proposal.ineligible_reason == ""


def test_mark_ineligible_needs_a_reason_and_an_officer(setting) -> None:
    proposal = create(setting)
    services.submit_proposal(setting.lead, proposal)
    with pytest.raises(ValidationError):
        services.mark_ineligible(setting.officer, proposal, "  ")
    with pytest.raises(PermissionDenied):
        services.mark_ineligible(factories.UserFactory.create(role=Role.COUNCILLOR), proposal, "No.")
    with pytest.raises(PermissionDenied):
        services.mark_eligible(setting.lead, proposal)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED


def test_withdraw_is_final(setting) -> None:
    proposal = create(setting)
    services.withdraw_proposal(setting.lead, proposal)
    with pytest.raises(PermissionDenied, match="already withdrawn"):
        services.withdraw_proposal(setting.lead, proposal)
    with pytest.raises(PermissionDenied):
        services.submit_proposal(setting.lead, proposal)


def test_every_step_leaves_an_audit_event(setting, django_capture_on_commit_callbacks) -> None:
    proposal = create(setting)
    services.submit_proposal(setting.lead, proposal)
    with django_capture_on_commit_callbacks(execute=True):
        services.mark_eligible(setting.officer, proposal)
    actions = list(
        AuditEvent.objects.filter(object_type="proposals.proposal", object_id=str(proposal.pk)).values_list(
            "action", flat=True
        )
    )
    assert actions == ["proposal.created", "proposal.submitted", "proposal.marked_eligible"]


def test_no_drafting_or_review_once_the_proposals_and_review_phases_are_over(setting) -> None:
    proposal = create(setting)
    services.submit_proposal(setting.lead, proposal)
    setting.programme.phases.update(
        ends_at=timezone.now() - timedelta(hours=1), starts_at=timezone.now() - timedelta(days=9)
    )

    with pytest.raises(ValidationError, match="only be submitted while the proposals phase is open"):
        create(setting, title="Too late")
    with pytest.raises(ValidationError, match="Eligibility can only be decided"):
        services.mark_eligible(setting.officer, proposal)

    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED
    assert Proposal.objects.count() == 1
