"""Data the connected-neighbourhood, councillor and insight tests share: grants and assets in an area."""

from __future__ import annotations

import html
import re
from datetime import date

from django.test import Client
from django.utils import timezone

from youdecide.accounts.models import User
from youdecide.areas.models import Area
from youdecide.delivery.models import Grant, GrantStatus
from youdecide.groups.models import Asset, AssetStatus
from youdecide.proposals.models import Proposal


def award(proposal: Proposal, amount_pence: int, officer: User, status: str = GrantStatus.ACCEPTED) -> Grant:
    now = timezone.now()
    return Grant.objects.create(
        proposal=proposal,
        amount_pence=amount_pence,
        starts_on=date(2026, 4, 1),
        ends_on=date(2027, 3, 31),
        status=status,
        offered_at=now,
        offered_by=officer,
        accepted_at=None if status == GrantStatus.OFFERED else now,
    )


def asset(name: str, area: Area, category: str, status: str = AssetStatus.APPROVED) -> Asset:
    reason = "Not in Cheshire East" if status == AssetStatus.REJECTED else ""
    return Asset.objects.create(
        name=name, area=area, category=category, status=status, rejection_reason=reason
    )


def text_of(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return re.sub(r"\s+", " ", html.unescape(response.content.decode()))
