"""Residents' views of proposals: counted at once, their comments shown only once an officer has
published them; the optional questions about the person stored where nothing joins them to a view."""

from __future__ import annotations

import pytest
from django.test import Client

from tests import factories
from youdecide.accounts.models import Role, User
from youdecide.audit.models import AuditEvent
from youdecide.consultation.demo import ConsultationSummary
from youdecide.consultation.models import CommentStatus, DemographicProfile, ProposalResponse

pytestmark = pytest.mark.django_db


def answer(client: Client, summary: ConsultationSummary, comment: str) -> None:
    first, second = summary.plan.proposals.order_by("position")[:2]
    page = client.post(
        f"/consultation/{summary.plan.slug}/respond/",
        {f"stance_{first.pk}": "oppose", f"comment_{first.pk}": comment, f"stance_{second.pk}": "support"},
    )
    assert page.status_code == 302


def test_a_comment_waits_for_an_officer_then_is_shown(
    demo: ConsultationSummary, officer: User, client: Client
) -> None:
    comment = "Please keep the advice service in Congleton open on Saturdays."
    answer(client, demo, comment)
    response = ProposalResponse.objects.get(comment=comment)
    assert response.comment_status == CommentStatus.PENDING
    proposal_url = f"/consultation/{demo.plan.slug}/proposals/{response.proposal.reference}/"
    assert comment not in client.get(proposal_url).content.decode()

    client.force_login(officer)
    queue = client.get(f"/office/consultation/{demo.plan.slug}/moderation/").content.decode()
    assert comment in queue
    client.post(f"/office/consultation/{demo.plan.slug}/moderation/{response.pk}/", {"decision": "publish"})
    client.logout()
    assert comment in client.get(proposal_url).content.decode()
    event = AuditEvent.objects.filter(action="consultation.comment_published").last()
    assert event is not None and event.object_id == str(response.pk)


def test_a_rejected_comment_is_never_shown_but_its_view_still_counts(
    demo: ConsultationSummary, officer: User, client: Client
) -> None:
    comment = "Rude words about a named officer."
    answer(client, demo, comment)
    response = ProposalResponse.objects.get(comment=comment)
    opposed = response.proposal.responses.filter(stance="oppose").count()
    client.force_login(officer)
    client.post(f"/office/consultation/{demo.plan.slug}/moderation/{response.pk}/", {"decision": "reject"})
    response.refresh_from_db()
    assert response.comment_status == CommentStatus.REJECTED and response.moderated_by == officer
    assert (
        comment
        not in client.get(
            f"/consultation/{demo.plan.slug}/proposals/{response.proposal.reference}/"
        ).content.decode()
    )
    results = client.get(f"/consultation/{demo.plan.slug}/results/").content.decode()
    assert comment not in results
    assert f'<td class="num">{opposed} (' in results
    again = client.post(
        f"/office/consultation/{demo.plan.slug}/moderation/{response.pk}/",
        {"decision": "publish"},
        follow=True,
    )
    assert "This comment has been moderated already." in again.content.decode()
    assert ProposalResponse.objects.get(pk=response.pk).comment_status == CommentStatus.REJECTED


@pytest.mark.parametrize("role", [Role.RESIDENT, Role.GROUP_MEMBER, Role.COUNCILLOR, Role.COMMISSIONER])
def test_only_officers_moderate(demo: ConsultationSummary, client: Client, role: str) -> None:
    response = ProposalResponse.objects.filter(comment_status=CommentStatus.PENDING).first()
    assert response is not None
    client.force_login(factories.UserFactory.create(role=role))
    assert client.get(f"/office/consultation/{demo.plan.slug}/moderation/").status_code == 403
    page = client.post(
        f"/office/consultation/{demo.plan.slug}/moderation/{response.pk}/", {"decision": "publish"}
    )
    assert page.status_code == 403
    assert ProposalResponse.objects.get(pk=response.pk).comment_status == CommentStatus.PENDING


def test_a_comment_needs_a_view_and_an_empty_form_is_refused(
    demo: ConsultationSummary, client: Client
) -> None:
    first = demo.plan.proposals.order_by("position").first()
    assert first is not None
    before = ProposalResponse.objects.count()
    url = f"/consultation/{demo.plan.slug}/respond/"
    page = client.post(url, {f"comment_{first.pk}": "A comment alone"}).content.decode()
    assert (
        "Choose whether you support “Restore the Universal Information and Advice grant” to go with "
        "your comment." in page
    )
    assert "Give your view on at least one proposal." in client.post(url, {}).content.decode()
    assert ProposalResponse.objects.count() == before


def test_demographics_are_kept_apart_from_views(demo: ConsultationSummary, client: Client) -> None:
    answer(client, demo, "")
    page = client.post(
        f"/consultation/{demo.plan.slug}/about-you/",
        {"age_band": "45_64", "connection": "resident", "disabled": ""},
    )
    assert page.status_code == 302
    profile = DemographicProfile.objects.get()
    assert (profile.age_band, profile.connection) == ("45_64", "resident")
    fields = {field.name for field in DemographicProfile._meta.get_fields()}
    assert fields == {"id", "plan", "age_band", "connection", "disabled"}  # no time, no response
    assert not [f for f in ProposalResponse._meta.get_fields() if f.related_model is DemographicProfile]
    # skipping every question stores nothing
    client.post(f"/consultation/{demo.plan.slug}/about-you/", {})
    assert DemographicProfile.objects.count() == 1
