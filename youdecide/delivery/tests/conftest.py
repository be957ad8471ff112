"""A programme with a published count in Crewe: one proposal funded, one not, and a grant offered."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone
from PIL import Image

from conftest import Setting
from tests import factories
from youdecide.accounts.models import Role, User
from youdecide.areas.models import Area
from youdecide.delivery.models import Grant
from youdecide.delivery.services import accept_grant, create_grant, record_payment
from youdecide.programmes.models import Programme
from youdecide.proposals.models import BudgetLine, Proposal, ProposalStatus
from youdecide.results.models import CountRun


def publish_result(programme: Programme, area: Area, selected: list[Proposal], officer: User) -> CountRun:
    """The published count of an area that funded these proposals (as counting and publishing leave it)."""
    spent = sum(proposal.cost_pence for proposal in selected)
    return CountRun.objects.create(
        programme=programme,
        area=area,
        rule="greedy",
        ballots=120,
        inputs_digest="a" * 64,
        budget_pence=programme.area_pots.get(area=area).amount_pence,
        spent_pence=spent,
        selected=[proposal.reference for proposal in selected],
        published_at=timezone.now(),
        published_by=officer,
    )


def funded_proposal(setting: Setting, title: str, cost: int, area: Area | None = None) -> Proposal:
    proposal = factories.ProposalFactory.create(
        programme=setting.programme,
        area=area or setting.area,
        group=setting.group,
        title=title,
        cost_pence=cost,
        status=ProposalStatus.ELIGIBLE,
    )
    proposal.budget_lines.all().delete()
    BudgetLine.objects.create(proposal=proposal, position=0, description="Coach", amount_pence=cost * 3 // 5)
    BudgetLine.objects.create(
        proposal=proposal, position=1, description="Hall hire", amount_pence=cost - cost * 3 // 5
    )
    proposal.outcomes.add(setting.outcome)
    return proposal


@dataclass
class Funded:
    setting: Setting
    proposal: Proposal
    unfunded: Proposal
    run: CountRun
    member: User
    outsider: User
    resident: User


@pytest.fixture
def funded(setting: Setting) -> Funded:
    proposal = funded_proposal(setting, "Walking football for over-50s", 600_000)
    unfunded = funded_proposal(setting, "Cookery club", 400_000)
    run = publish_result(setting.programme, setting.area, [proposal], setting.officer)
    member = factories.member(setting.group)
    other_group = factories.CommunityGroupFactory.create()
    outsider = factories.member(other_group)
    resident = factories.UserFactory.create(role=Role.RESIDENT)
    return Funded(setting, proposal, unfunded, run, member, outsider, resident)


def offer_for(funded: Funded, proposal: Proposal) -> Grant:
    start = timezone.localdate() - timedelta(days=30)
    return create_grant(
        funded.setting.officer,
        proposal,
        starts_on=start,
        ends_on=start + timedelta(days=300),
        tranches=[(start, proposal.cost_pence)],
    )


def offer(funded: Funded, **changes: Any) -> Grant:
    start = timezone.localdate() - timedelta(days=200)
    arguments: dict[str, Any] = {
        "starts_on": start,
        "ends_on": start + timedelta(days=364),
        "tranches": [(start, 400_000), (start + timedelta(days=180), 200_000)],
        "conditions": "Sessions are free to attend.",
    }
    arguments.update(changes)
    return create_grant(funded.setting.officer, funded.proposal, **arguments)


@pytest.fixture
def grant(funded: Funded) -> Grant:
    return offer(funded)


def image_bytes(kind: str = "PNG", size: tuple[int, int] = (40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 120, 60)).save(buffer, format=kind)
    return buffer.getvalue()


def day(text: str) -> date:
    return date.fromisoformat(text)


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Any) -> None:
    """Photos go to a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"


def accept_and_pay(grant: Grant, funded: Funded) -> None:
    accept_grant(funded.member, grant, "Alex Member")
    record_payment(
        funded.setting.officer, grant.tranches.get(number=1), paid_on=timezone.localdate(), reference="BACS 1"
    )
