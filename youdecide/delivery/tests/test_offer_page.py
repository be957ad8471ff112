"""The officers' page that offers a grant: refused with the reason for an unfunded proposal, and the
payment schedule's errors shown where they are."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from youdecide.delivery.models import Grant
from youdecide.delivery.tests.conftest import Funded


def _text(response: object) -> str:
    return re.sub(r"\s+", " ", response.content.decode())  # type: ignore[attr-defined]


@pytest.fixture
def officer(client: Client, funded: Funded) -> Client:
    client.force_login(funded.setting.officer)
    return client


@pytest.mark.django_db
def test_an_unfunded_proposal_is_refused_with_the_reason(officer: Client, funded: Funded) -> None:
    url = f"/office/programmes/{funded.setting.programme.slug}/grants/offer/{funded.unfunded.reference}/"
    response = officer.get(url)
    assert response.status_code == 403
    assert f"{funded.unfunded.reference} was not funded in the published count of Crewe." in _text(response)
    assert officer.post(url, {"amount": "4000"}).status_code == 403
    assert not Grant.objects.exists()


@pytest.mark.django_db
def test_tranches_that_do_not_add_up_are_shown_with_the_difference(officer: Client, funded: Funded) -> None:
    url = f"/office/programmes/{funded.setting.programme.slug}/grants/offer/{funded.proposal.reference}/"
    page = _text(officer.get(url))
    assert 'name="amount" value="6,000"' in page
    data = {
        "amount": "6,000",
        "conditions": "Free to attend.",
        "starts_on": "2026-04-01",
        "ends_on": "2027-03-31",
        "tranche_1_due": "2026-04-01",
        "tranche_1_amount": "4,000",
        "tranche_2_due": "2026-10-01",
        "tranche_2_amount": "1,500",
        "tranche_3_amount": "100",
    }
    page = _text(officer.post(url, data))
    assert "Tranche 3: enter when it is due." in page
    del data["tranche_3_amount"]
    page = _text(officer.post(url, data))
    assert "The tranches add up to £5,500, £500 less than the grant of £6,000." in page
    assert 'href="#id_tranche_1_amount"' in page
    data["tranche_2_amount"] = "2,000"
    response = officer.post(url, data)
    grant = Grant.objects.get()
    assert response["Location"] == f"/office/grants/{grant.pk}/"
    assert list(grant.tranches.values_list("amount_pence", flat=True)) == [400_000, 200_000]
    assert grant.returns.count() == 4
