"""A funded project's whole life: grant offered and accepted, tranches paid, returns sent back and accepted,
completed with its underspend returned. What the database holds at each step, and the audit trail."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests import factories
from youdecide.audit.models import AuditEvent
from youdecide.delivery import services
from youdecide.delivery.models import (
    DeliveryStatus,
    Grant,
    GrantStatus,
    MonitoringReturn,
    ReturnKind,
    ReturnStatus,
    UnderspendRoute,
)
from youdecide.delivery.selectors import accepted_spend, declared_unspent, paid_pence
from youdecide.delivery.tests.conftest import Funded, offer


def _events(grant: Grant) -> list[str]:
    return list(
        AuditEvent.objects.filter(object_type="delivery.grant", object_id=str(grant.pk)).values_list(
            "action", flat=True
        )
    )


def _send(
    funded: Funded, monitoring_return: MonitoringReturn, spent: tuple[int, int], story: str = ""
) -> None:
    lines = list(funded.proposal.budget_lines.all())
    services.submit_return(
        funded.member,
        monitoring_return,
        reached={"reached_50_64": 18, "reached_65_plus": 9},
        activities="Weekly sessions at Crewe Alex community pitch.",
        story=story,
        spend={lines[0].pk: spent[0], lines[1].pk: spent[1]},
        results={target.pk: 21 for target in monitoring_return.grant.targets.all()},
    )


@pytest.mark.django_db
def test_a_project_from_grant_to_completion(funded: Funded) -> None:
    officer = funded.setting.officer
    start = timezone.localdate() - timedelta(days=200)
    grant = services.create_grant(
        officer,
        funded.proposal,
        starts_on=start,
        ends_on=start + timedelta(days=364),
        tranches=[(start, 400_000), (start + timedelta(days=180), 200_000)],
        conditions="Sessions are free to attend.",
    )
    assert grant.status == GrantStatus.OFFERED and grant.amount_pence == 600_000
    assert list(grant.tranches.values_list("number", "amount_pence", "paid_on")) == [
        (1, 400_000, None),
        (2, 200_000, None),
    ]
    schedule = list(grant.returns.values_list("kind", "period_end", "due_on"))
    assert [kind for kind, _end, _due in schedule] == [ReturnKind.QUARTERLY] * 3 + [ReturnKind.FINAL]
    assert schedule[-1][1:] == (grant.ends_on, grant.ends_on + timedelta(days=30))

    tranche = grant.tranches.get(number=1)
    with pytest.raises(PermissionDenied, match="accepted the grant"):
        services.record_payment(officer, tranche, paid_on=timezone.localdate(), reference="BACS 1")
    with pytest.raises(PermissionDenied, match="Only members of"):
        services.accept_grant(funded.outsider, grant, "Pat Outsider")
    services.accept_grant(funded.member, grant, "Alex Member")
    grant.refresh_from_db()
    assert grant.status == GrantStatus.ACCEPTED and grant.accepted_name == "Alex Member"
    assert grant.accepted_by == funded.member and grant.accepted_at is not None

    with pytest.raises(ValidationError) as early:
        services.record_payment(
            officer, tranche, paid_on=timezone.localdate() - timedelta(days=1), reference="BACS 1"
        )
    assert "before the group accepted the grant" in str(early.value)
    services.record_payment(officer, tranche, paid_on=timezone.localdate(), reference="BACS 0001")
    grant.refresh_from_db()
    assert grant.status == GrantStatus.ACTIVE and paid_pence(grant) == 400_000
    with pytest.raises(PermissionDenied, match="paid already"):
        services.record_payment(officer, tranche, paid_on=timezone.localdate(), reference="again")

    target = services.add_target(
        officer,
        grant,
        outcome=funded.setting.outcome,
        indicator="Participants doing 30 minutes' activity a week more",
        target_value=40,
    )
    milestone = services.add_milestone(
        officer, grant, title="First ten sessions", due_on=start + timedelta(90)
    )
    services.update_milestone(officer, milestone, progress_percent=60)
    services.set_delivery_status(officer, grant, DeliveryStatus.ON_TRACK)

    first = grant.returns.get(number=1)
    _send(funded, first, (200_000, 50_000))
    first.refresh_from_db()
    assert first.status == ReturnStatus.SUBMITTED and first.people_reached == 27
    assert accepted_spend(grant) == 0
    services.request_return_changes(officer, first, "Split the hall hire by month, please.")
    first.refresh_from_db()
    assert first.status == ReturnStatus.CHANGES_REQUESTED
    assert first.officer_note == "Split the hall hire by month, please."
    _send(funded, first, (200_000, 60_000))
    services.accept_return(officer, first)
    first.refresh_from_db()
    assert first.status == ReturnStatus.ACCEPTED and first.decided_by == officer
    assert accepted_spend(grant) == 260_000
    assert list(first.results.values_list("target_id", "achieved")) == [(target.pk, 21)]

    services.record_payment(
        officer, grant.tranches.get(number=2), paid_on=timezone.localdate(), reference="BACS 2"
    )
    final = grant.returns.get(kind=ReturnKind.FINAL)
    with pytest.raises(ValidationError, match="final return needs a short story"):
        _send(funded, final, (300_000, 270_000))
    _send(funded, final, (300_000, 270_000), story="Forty-two people now play every week.")
    services.accept_return(officer, final, "Thank you.")
    assert declared_unspent(grant) == 30_000

    with pytest.raises(ValidationError, match="underspend of £300"):
        services.close_grant(officer, grant, outcome=GrantStatus.COMPLETED, declared_unspent_pence=30_000)
    services.close_grant(
        officer,
        grant,
        outcome=GrantStatus.COMPLETED,
        declared_unspent_pence=30_000,
        route=UnderspendRoute.RETURNED,
        note="Delivered as agreed.",
    )
    grant.refresh_from_db()
    assert grant.status == GrantStatus.COMPLETED and grant.delivery_status == DeliveryStatus.COMPLETED
    assert grant.underspend_pence == 30_000 and grant.underspend_route == UnderspendRoute.RETURNED
    assert grant.closed_by == officer
    with pytest.raises(PermissionDenied, match="closed already"):
        services.close_grant(officer, grant, outcome=GrantStatus.CANCELLED)
    assert _events(grant) == [
        "grant.offered",
        "grant.accepted",
        "grant.payment_recorded",
        "grant.target_added",
        "grant.milestone_added",
        "grant.milestone_updated",
        "grant.delivery_status_set",
        "grant.return_submitted",
        "grant.return_changes_requested",
        "grant.return_submitted",
        "grant.return_accepted",
        "grant.payment_recorded",
        "grant.return_submitted",
        "grant.return_accepted",
        "grant.closed",
    ]


@pytest.mark.django_db
def test_a_grant_needs_a_published_count_that_funded_the_proposal(funded: Funded) -> None:
    officer = funded.setting.officer
    start = timezone.localdate()
    arguments: dict[str, Any] = {
        "starts_on": start,
        "ends_on": start + timedelta(days=90),
        "tranches": [(start, 400_000)],
    }
    with pytest.raises(PermissionDenied, match="was not funded"):
        services.create_grant(officer, funded.unfunded, **arguments)
    elsewhere = factories.ProposalFactory.create(
        programme=funded.setting.programme, area=funded.setting.other_area, group=funded.setting.group
    )
    with pytest.raises(PermissionDenied, match="The result of Macclesfield is not published yet"):
        services.create_grant(officer, elsewhere, **arguments)
    with pytest.raises(PermissionDenied, match="Only council officers"):
        services.create_grant(funded.member, funded.proposal, **arguments)
    assert not Grant.objects.exists()


@pytest.mark.django_db
def test_tranches_must_add_up_to_the_grant_and_the_grant_not_exceed_the_cost(funded: Funded) -> None:
    start = timezone.localdate()
    with pytest.raises(ValidationError) as short:
        offer(funded, tranches=[(start, 400_000), (start, 150_000)])
    assert short.value.message_dict["tranches"] == [
        "The tranches add up to £5,500, £500 less than the grant of £6,000."
    ]
    with pytest.raises(ValidationError) as over:
        offer(funded, amount_pence=700_000, tranches=[(start, 700_000)])
    assert over.value.message_dict["amount_pence"] == [
        "The grant cannot be more than the proposal's cost of £6,000."
    ]
    grant = offer(funded, amount_pence=500_000, tranches=[(start, 500_000)])
    with pytest.raises(PermissionDenied, match="has a grant already"):
        offer(funded, tranches=[(start, 600_000)])
    assert Grant.objects.get().pk == grant.pk


@pytest.mark.django_db
def test_a_cancelled_grant_rolls_what_was_not_paid_into_a_named_next_programme(
    grant: Grant, funded: Funded
) -> None:
    officer = funded.setting.officer
    services.accept_grant(funded.member, grant, "Alex Member")
    services.record_payment(
        officer, grant.tranches.get(number=1), paid_on=timezone.localdate(), reference="B1"
    )
    with pytest.raises(ValidationError) as same:
        services.close_grant(
            officer,
            grant,
            outcome=GrantStatus.CANCELLED,
            route=UnderspendRoute.ROLLED_OVER,
            rolled_into=funded.setting.programme,
        )
    assert same.value.message_dict["rolled_into"] == [
        "The underspend rolls into another programme, not this one."
    ]
    following = factories.ProgrammeFactory.create(name="You Decide 2027")
    services.close_grant(
        officer,
        grant,
        outcome=GrantStatus.CANCELLED,
        route=UnderspendRoute.ROLLED_OVER,
        rolled_into=following,
    )
    grant.refresh_from_db()
    assert grant.status == GrantStatus.CANCELLED and grant.delivery_status == DeliveryStatus.CANCELLED
    assert grant.underspend_pence == 200_000 and grant.rolled_into == following
