"""Publishing a plan: only with proposals, with an optional closing date after which no view is taken."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from youdecide.accounts.models import User
from youdecide.audit.models import AuditEvent
from youdecide.consultation import services
from youdecide.consultation.models import BudgetPlan, ProposalResponse
from youdecide.consultation.tests.test_plan_import import csv_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(officer: User) -> BudgetPlan:
    return services.import_plan(
        officer, "p.csv", csv_file(["1", "T", "1", "A", "growth", "S", "", "+0.010", "+0.010", "+0.010"])
    )


def test_publishing_with_a_closing_date_is_audited(draft: BudgetPlan, officer: User, client: Client) -> None:
    client.force_login(officer)
    closes = timezone.localdate() + timedelta(days=28)
    page = client.post(
        f"/office/consultation/{draft.slug}/",
        {"action": "publish", "closes_on": closes.isoformat()},
        follow=True,
    )
    assert "The plan is published: residents can give their views." in page.content.decode()
    draft.refresh_from_db()
    assert draft.is_published and draft.closes_on == closes
    event = AuditEvent.objects.get(action="consultation.plan_published")
    assert event.data["closes_on"] == closes.isoformat()


def test_a_closing_date_in_the_past_is_refused(draft: BudgetPlan, officer: User, client: Client) -> None:
    client.force_login(officer)
    yesterday = timezone.localdate() - timedelta(days=1)
    page = client.post(
        f"/office/consultation/{draft.slug}/", {"action": "publish", "closes_on": yesterday.isoformat()}
    )
    assert "The closing date has passed already" in page.content.decode()
    draft.refresh_from_db()
    assert not draft.is_published


def test_after_the_closing_date_no_view_is_taken(draft: BudgetPlan, officer: User, client: Client) -> None:
    plan = services.publish_plan(officer, draft, timezone.localdate())
    BudgetPlan.objects.filter(pk=plan.pk).update(closes_on=timezone.localdate() - timedelta(days=1))
    plan.refresh_from_db()
    proposal = plan.proposals.get()
    with pytest.raises(ValidationError):
        services.record_responses(plan, [(proposal, "support", "")])
    page = client.post(f"/consultation/{plan.slug}/respond/", {f"stance_{proposal.pk}": "support"})
    assert "The consultation closed on" in page.content.decode()
    assert not ProposalResponse.objects.exists()


def test_a_plan_is_published_once(draft: BudgetPlan, officer: User) -> None:
    services.publish_plan(officer, draft)
    with pytest.raises(ValidationError):
        services.publish_plan(officer, draft)
    assert AuditEvent.objects.filter(action="consultation.plan_published").count() == 1
