"""The demo's delivery: grants in varied states for a programme's funded projects, idempotent."""

from __future__ import annotations

import pytest
from django.utils import timezone

from conftest import Setting
from youdecide.delivery.demo import seed_delivery
from youdecide.delivery.models import (
    DeliveryStatus,
    Grant,
    GrantStatus,
    MonitoringReturn,
    ReturnPhoto,
    ReturnStatus,
    UnderspendRoute,
)
from youdecide.delivery.selectors import paid_pence, rag_rows
from youdecide.delivery.tests.conftest import funded_proposal, publish_result


@pytest.mark.django_db
def test_seed_delivery_makes_varied_grants_once(setting: Setting) -> None:
    proposals = [funded_proposal(setting, f"Project {n}", 300_000 + 10_000 * n) for n in range(6)]
    unfunded = funded_proposal(setting, "Not chosen", 100_000)
    publish_result(setting.programme, setting.area, proposals, setting.officer)

    summary = seed_delivery(setting.programme)
    assert summary.grants_created == 6 and summary.grants_existing == 0
    assert not Grant.objects.filter(proposal=unfunded).exists()
    grants = {g.proposal.title: g for g in Grant.objects.select_related("proposal")}
    statuses = {title: grant.status for title, grant in grants.items()}
    assert statuses["Project 5"] == GrantStatus.OFFERED
    assert statuses["Project 2"] == GrantStatus.COMPLETED
    assert {statuses[f"Project {n}"] for n in (0, 1, 3, 4)} == {GrantStatus.ACTIVE}
    completed = grants["Project 2"]
    assert completed.underspend_route == UnderspendRoute.RETURNED
    # £3,200 awarded and paid; the final return spent 95% of each budget line: £160 unspent, returned.
    assert paid_pence(completed) == 320_000 and completed.underspend_pence == 16_000
    returns = MonitoringReturn.objects.all()
    assert {r.status for r in returns} == {
        ReturnStatus.ACCEPTED,
        ReturnStatus.CHANGES_REQUESTED,
        ReturnStatus.SUBMITTED,
        ReturnStatus.DUE,
    }
    rows = {row.grant.proposal.title: row for row in rag_rows(setting.programme, timezone.localdate())}
    assert rows["Project 3"].grant.delivery_status == DeliveryStatus.DELAYED and rows["Project 3"].late
    assert rows["Project 3"].rag == "red" and rows["Project 0"].rag == "green"
    assert rows["Project 1"].grant.delivery_status == DeliveryStatus.AT_RISK
    assert ReturnPhoto.objects.exists()
    assert all(photo.alt_text and photo.content_type == "image/jpeg" for photo in ReturnPhoto.objects.all())
    counts = (Grant.objects.count(), MonitoringReturn.objects.count(), ReturnPhoto.objects.count())

    again = seed_delivery(setting.programme)
    assert again.grants_created == 0 and again.grants_existing == 6
    assert (Grant.objects.count(), MonitoringReturn.objects.count(), ReturnPhoto.objects.count()) == counts
