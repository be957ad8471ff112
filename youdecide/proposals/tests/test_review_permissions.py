"""Who may use the eligibility review: every role, on the queue and on one proposal, reading and deciding."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests import factories
from youdecide.accounts.models import Role
from youdecide.proposals.models import ProposalStatus

ALLOWED, DENIED, SIGN_IN = 200, 403, 302

MATRIX = [
    ("anonymous", SIGN_IN),
    ("resident", DENIED),
    ("group_member", DENIED),
    ("councillor", DENIED),
    ("officer", ALLOWED),
    ("administrator", ALLOWED),
]


def person(role: str, setting):
    if role == "anonymous":
        return None
    if role == "group_member":
        return setting.lead
    if role == "officer":
        return setting.officer
    return factories.UserFactory.create(role=Role(role))


@pytest.fixture
def submitted(setting):
    return factories.ProposalFactory.create(
        group=setting.group, programme=setting.programme, area=setting.area, status=ProposalStatus.SUBMITTED
    )


@pytest.mark.parametrize(("role", "expected"), MATRIX)
def test_review_queue(client, setting, role, expected) -> None:
    user = person(role, setting)
    if user is not None:
        client.force_login(user)
    assert client.get(reverse("proposals:review_queue")).status_code == expected


@pytest.mark.parametrize(("role", "expected"), MATRIX)
def test_reading_a_proposal_for_review(client, setting, submitted, role, expected) -> None:
    user = person(role, setting)
    if user is not None:
        client.force_login(user)
    assert client.get(reverse("proposals:review", args=[submitted.pk])).status_code == expected


@pytest.mark.parametrize(("role", "expected"), MATRIX)
def test_deciding_eligibility(client, setting, submitted, role, expected) -> None:
    user = person(role, setting)
    if user is not None:
        client.force_login(user)
    response = client.post(reverse("proposals:review", args=[submitted.pk]), {"decision": "eligible"})
    submitted.refresh_from_db()
    if expected == ALLOWED:
        assert response.status_code == 302
        assert submitted.status == ProposalStatus.ELIGIBLE
    else:
        assert response.status_code == expected
        assert submitted.status == ProposalStatus.SUBMITTED


def test_an_inactive_officer_is_refused(client, setting) -> None:
    setting.officer.is_active = False
    setting.officer.save()
    client.force_login(setting.officer)
    response = client.get(reverse("proposals:review_queue"))
    assert response.status_code in {302, 403}
