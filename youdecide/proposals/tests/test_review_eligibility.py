"""An officer reviews submitted proposals: eligible, or not eligible with a reason the group is emailed."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from tests import factories
from youdecide.audit.models import AuditEvent
from youdecide.proposals.models import Proposal, ProposalStatus


@pytest.fixture
def submitted(setting) -> Proposal:
    proposal = factories.ProposalFactory.create(
        group=setting.group, programme=setting.programme, area=setting.area, status=ProposalStatus.SUBMITTED
    )
    return proposal


def review_url(proposal: Proposal) -> str:
    return reverse("proposals:review", args=[proposal.pk])


def test_the_queue_lists_submitted_proposals_with_their_facts(client, setting, submitted) -> None:
    factories.ProposalFactory.create(programme=setting.programme, area=setting.area, title="Still a draft")
    client.force_login(setting.officer)
    page = client.get(reverse("proposals:review_queue")).content.decode()
    assert submitted.title in page
    assert setting.group.name in page
    assert "Crewe" in page
    assert "£2,500" in page
    assert "Still a draft" not in page


def test_the_queue_filters_by_programme(client, setting, submitted) -> None:
    other = factories.ProgrammeFactory.create()
    elsewhere = factories.ProposalFactory.create(
        programme=other, status=ProposalStatus.SUBMITTED, title="Elsewhere"
    )
    client.force_login(setting.officer)
    page = client.get(
        reverse("proposals:review_queue"), {"programme": setting.programme.slug}
    ).content.decode()
    assert submitted.title in page
    assert elsewhere.title not in page


def test_not_eligible_without_a_reason_is_an_error_and_changes_nothing(
    client, setting, submitted, django_capture_on_commit_callbacks
) -> None:
    client.force_login(setting.officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(review_url(submitted), {"decision": "ineligible", "reason": "   "})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Give the reason the proposal is not eligible: the group will read it." in page
    assert 'class="error-summary"' in page
    assert 'href="#id_reason"' in page
    submitted.refresh_from_db()
    assert submitted.status == ProposalStatus.SUBMITTED
    assert submitted.decided_at is None
    assert not AuditEvent.objects.filter(action="proposal.marked_ineligible").exists()
    assert mail.outbox == []


def test_not_eligible_with_a_reason_records_it_and_emails_the_group(
    client, setting, submitted, django_capture_on_commit_callbacks
) -> None:
    client.force_login(setting.officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            review_url(submitted),
            {"decision": "ineligible", "reason": "Buildings work is outside the rules."},
        )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == ProposalStatus.INELIGIBLE
    assert submitted.ineligible_reason == "Buildings work is outside the rules."
    assert submitted.decided_by == setting.officer
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [setting.group.contact_email]
    assert "Buildings work is outside the rules." in message.body
    assert "not eligible" in message.subject

    queue = client.get(reverse("proposals:review_queue")).content.decode()
    assert "Already decided" in queue
    assert "Buildings work is outside the rules." in queue


def test_eligible_records_the_decision_and_emails_the_group(
    client, setting, submitted, django_capture_on_commit_callbacks
) -> None:
    client.force_login(setting.officer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(review_url(submitted), {"decision": "eligible"})
    submitted.refresh_from_db()
    assert submitted.status == ProposalStatus.ELIGIBLE
    assert [message.to for message in mail.outbox] == [[setting.group.contact_email]]
    assert AuditEvent.objects.filter(action="proposal.marked_eligible", object_id=str(submitted.pk)).exists()


def test_a_draft_cannot_be_reviewed_and_the_page_says_why(client, setting) -> None:
    proposal = factories.ProposalFactory.create(
        group=setting.group, programme=setting.programme, area=setting.area
    )
    client.force_login(setting.officer)
    page = client.get(review_url(proposal)).content.decode()
    assert "Only a submitted proposal can be reviewed." in page
    assert "Mark eligible" not in page
    client.post(review_url(proposal), {"decision": "eligible"})
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DRAFT


def test_review_is_closed_outside_the_proposals_and_review_phases(client, setting, submitted) -> None:
    setting.programme.phases.all().delete()
    client.force_login(setting.officer)
    page = client.get(review_url(submitted)).content.decode()
    assert "Eligibility can only be decided during the proposals and review phases." in page
    client.post(review_url(submitted), {"decision": "eligible"})
    submitted.refresh_from_db()
    assert submitted.status == ProposalStatus.SUBMITTED
