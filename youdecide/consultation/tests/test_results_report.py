"""The consultation's results for councillors: per proposal support and comments, per service the mean
and spread of residents' chosen changes, as a page, a PDF and CSV; residents cannot read them."""

from __future__ import annotations

from statistics import mean, pstdev

import pytest
from django.test import Client

from tests import factories
from youdecide.accounts.models import Role
from youdecide.consultation.demo import ConsultationSummary
from youdecide.consultation.models import SubmissionChoice
from youdecide.consultation.selectors import service_spreads

pytestmark = pytest.mark.django_db


def test_mean_and_spread_of_each_service(demo: ConsultationSummary) -> None:
    simulator = demo.plan.simulator
    for spread in service_spreads(simulator):
        chosen = list(
            SubmissionChoice.objects.filter(service=spread.service).values_list("percent", flat=True)
        )
        assert spread.count == len(chosen) == 25
        assert float(spread.mean_percent) == pytest.approx(mean(chosen))
        assert spread.deviation_percent == pytest.approx(pstdev(chosen))
        assert sum(n for _, n in spread.steps) == 25


@pytest.mark.parametrize("role", [Role.COUNCILLOR, Role.OFFICER])
def test_councillors_and_officers_read_the_report(
    demo: ConsultationSummary, client: Client, role: str
) -> None:
    client.force_login(factories.UserFactory.create(role=role))
    page = client.get(f"/consultation/{demo.plan.slug}/results/").content.decode()
    assert "Support for each proposal" in page
    assert "Mean change chosen for each service (%)" in page
    assert "25 residents sent a balanced budget." in page
    assert "Adult social care" in page
    pdf = client.get(f"/consultation/{demo.plan.slug}/results.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert b"Budget consultation: results" in pdf.content and b"Adult social care" in pdf.content
    csv = client.get(f"/consultation/{demo.plan.slug}/results.csv").content.decode()
    assert csv.splitlines()[0] == "section,reference,name,support,oppose,neutral,published_comments"
    assert "proposal,1,Restore the Universal Information and Advice grant," in csv
    assert "simulator,Adult social care,11000000000,25," in csv


@pytest.mark.parametrize("role", [Role.RESIDENT, Role.GROUP_MEMBER, Role.COMMISSIONER])
def test_others_cannot_read_the_report(demo: ConsultationSummary, client: Client, role: str) -> None:
    assert client.get(f"/consultation/{demo.plan.slug}/results/").status_code == 302  # sign in first
    client.force_login(factories.UserFactory.create(role=role))
    for url in ("results/", "results.pdf", "results.csv"):
        assert client.get(f"/consultation/{demo.plan.slug}/{url}").status_code == 403


def test_a_draft_plan_is_hidden_from_residents(demo: ConsultationSummary, client: Client) -> None:
    type(demo.plan).objects.filter(pk=demo.plan.pk).update(published_at=None)
    assert client.get(f"/consultation/{demo.plan.slug}/").status_code == 404
    assert demo.plan.title not in client.get("/consultation/").content.decode()
