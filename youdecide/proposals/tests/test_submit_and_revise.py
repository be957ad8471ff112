"""A group submits its draft, withdraws it, and revises it after submission (earlier versions are kept)."""

from __future__ import annotations

from django.urls import reverse

from tests import factories
from youdecide.audit.models import AuditEvent
from youdecide.audit.selectors import verify_chain
from youdecide.proposals.models import BudgetLine, Proposal, ProposalStatus, ProposalVersion


def draft(setting, **kwargs) -> Proposal:
    proposal = factories.ProposalFactory.create(
        group=setting.group, programme=setting.programme, area=setting.area, **kwargs
    )
    proposal.outcomes.add(setting.outcome)
    return proposal


def url(name: str, proposal: Proposal) -> str:
    return reverse(name, args=[proposal.group.slug, proposal.pk])


def edit_data(setting, proposal: Proposal, title: str, lines: list[tuple[str, str]]) -> dict[str, object]:
    existing = proposal.budget_lines.count()
    rows = max(len(lines), existing)
    data: dict[str, object] = {
        "title": title,
        "area": str(setting.area.pk),
        "summary": proposal.summary,
        "description": proposal.description,
        "outcomes": [str(setting.outcome.pk)],
        "expected_beneficiaries": "40",
        "location": "",
        "lines-TOTAL_FORMS": str(rows),
        "lines-INITIAL_FORMS": str(existing),
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "40",
    }
    for index in range(rows):
        description, amount = lines[index] if index < len(lines) else ("", "")
        data[f"lines-{index}-description"] = description
        data[f"lines-{index}-amount"] = amount
    return data


def test_submit_asks_first_then_moves_the_proposal_to_submitted_with_an_audit_event(client, setting) -> None:
    proposal = draft(setting)
    client.force_login(setting.lead)

    confirm = client.get(url("proposals:submit", proposal))
    assert "Yes, submit it" in confirm.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DRAFT

    response = client.post(url("proposals:submit", proposal))
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED
    assert proposal.submitted_at is not None
    event = AuditEvent.objects.get(action="proposal.submitted", object_id=str(proposal.pk))
    assert event.actor == setting.lead
    assert verify_chain().ok

    page = client.get(response["Location"]).content.decode()
    assert "Submitted, awaiting review" in page


def test_submitting_without_an_outcome_shows_the_services_reason(client, setting) -> None:
    proposal = draft(setting)
    proposal.outcomes.clear()
    client.force_login(setting.lead)
    response = client.post(url("proposals:submit", proposal))
    assert "Choose at least one outcome the project aims at." in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DRAFT


def test_submit_is_refused_with_the_reason_when_proposals_are_closed(client, setting) -> None:
    proposal = draft(setting)
    setting.programme.phases.all().delete()
    client.force_login(setting.lead)
    detail = client.get(url("proposals:detail_private", proposal)).content.decode()
    assert "Proposals can only be submitted while the proposals phase is open." in detail
    client.post(url("proposals:submit", proposal))
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DRAFT


def test_an_edit_after_submission_keeps_the_earlier_version(client, setting) -> None:
    proposal = draft(setting, status=ProposalStatus.SUBMITTED, title="Old title", cost_pence=250_000)
    client.force_login(setting.lead)

    response = client.post(
        url("proposals:edit", proposal),
        edit_data(setting, proposal, "New title", [("Coach", "2,000"), ("Hall hire", "750")]),
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.title == "New title"
    assert proposal.cost_pence == 275_000
    assert proposal.version == 2
    assert proposal.status == ProposalStatus.SUBMITTED
    version = ProposalVersion.objects.get(proposal=proposal)
    assert version.number == 1
    assert version.snapshot["title"] == "Old title"
    assert version.snapshot["cost_pence"] == 250_000
    assert version.created_by == setting.lead

    page = client.get(url("proposals:detail_private", proposal)).content.decode()
    assert "This is version 2." in page
    assert "Old title" in page


def test_an_edit_of_a_draft_keeps_no_version(client, setting) -> None:
    proposal = draft(setting)
    client.force_login(setting.lead)
    client.post(
        url("proposals:edit", proposal), edit_data(setting, proposal, "Better title", [("Coach", "100")])
    )
    proposal.refresh_from_db()
    assert proposal.title == "Better title"
    assert not ProposalVersion.objects.exists()


def test_the_edit_form_shows_the_lines_in_pounds_and_an_emptied_line_is_removed(client, setting) -> None:
    proposal = draft(setting, cost_pence=125_050)
    BudgetLine.objects.create(proposal=proposal, position=1, description="Kit", amount_pence=10_000)
    client.force_login(setting.lead)
    page = client.get(url("proposals:edit", proposal)).content.decode()
    assert 'value="1,250.50"' in page
    data = edit_data(setting, proposal, proposal.title, [("Coach and hall hire", "1,250.50"), ("", "")])
    client.post(url("proposals:edit", proposal), data)
    proposal.refresh_from_db()
    assert [line.description for line in proposal.budget_lines.all()] == ["Coach and hall hire"]
    assert proposal.cost_pence == 125_050


def test_a_withdrawn_proposal_cannot_be_edited_and_the_page_says_why(client, setting) -> None:
    proposal = draft(setting)
    client.force_login(setting.lead)
    client.post(url("proposals:withdraw", proposal))
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.WITHDRAWN
    response = client.get(url("proposals:edit", proposal))
    assert response.status_code == 403
    assert "A proposal that is withdrawn can no longer be edited." in response.content.decode()


def test_the_group_sees_the_reason_a_proposal_is_not_eligible(client, setting) -> None:
    proposal = draft(
        setting, status=ProposalStatus.INELIGIBLE, ineligible_reason="The hall has no insurance."
    )
    client.force_login(setting.lead)
    detail = client.get(url("proposals:detail_private", proposal)).content.decode()
    dashboard = client.get(reverse("groups:dashboard")).content.decode()
    assert "The hall has no insurance." in detail
    assert "Submit again" in detail
    assert "The hall has no insurance." in dashboard
