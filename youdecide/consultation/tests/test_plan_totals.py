"""The demo plan's proposals table: variations against 2018/19, totals within each year, the change on
the year before, and never a sum across years."""

from __future__ import annotations

import pytest
from django.test import Client

from youdecide.consultation.demo import ConsultationSummary, seed_consultation
from youdecide.consultation.models import BudgetPlan, Variation
from youdecide.consultation.selectors import plan_table

pytestmark = pytest.mark.django_db


def test_demo_plan_covers_three_years_against_2018_19(demo: ConsultationSummary) -> None:
    plan = demo.plan
    assert plan.base_year_label == "2018/19"
    assert plan.year_labels == ["2019/20", "2020/21", "2021/22"]
    assert plan.is_published
    grant = plan.proposals.get(title="Restore the Universal Information and Advice grant")
    assert grant.kind == "growth"
    assert list(Variation.objects.filter(proposal=grant).values_list("amount_thousands", flat=True)) == [
        10,
        10,
        10,
    ]


def test_year_totals_are_sums_within_a_year_not_across_years(demo: ConsultationSummary) -> None:
    table = plan_table(demo.plan)
    # 2019/20: +0.010 -0.050 -0.030 +0.150 -0.025 -0.040 = +0.015
    # 2020/21: +0.010 -0.120 -0.060 +0.150 -0.025 -0.040 = -0.085
    # 2021/22: +0.010 -0.120 -0.060 +0.000 -0.025 -0.060 = -0.255
    assert table.totals == [15, -85, -255]
    assert table.changes == [15, -100, -170]
    assert table.outcomes[0].themes[0].rows[0].amounts == [10, 10, 10]


def test_plan_page_shows_the_councils_table_with_its_footnotes(
    demo: ConsultationSummary, client: Client
) -> None:
    page = client.get(f"/consultation/{demo.plan.slug}/").content.decode()
    assert "Outcome 1: Our local communities are strong and supportive" in page
    assert "Changing the way we work" in page
    assert "Active, resilient and connected communities" in page
    assert page.count("+0.010") >= 3
    assert "+0.015" in page and "-0.085" in page and "-0.255" in page  # totals of each year
    assert "-0.100" in page and "-0.170" in page  # change on the year before
    assert "Values are not cumulative" in page
    # a running sum across years (+0.030 for the grant, -0.325 for the plan) is shown nowhere
    assert "+0.030" not in page and "-0.325" not in page


def test_proposal_page_says_the_grant_is_ten_thousand_pounds_in_each_year(
    demo: ConsultationSummary, client: Client
) -> None:
    grant = demo.plan.proposals.get(reference="1")
    page = client.get(f"/consultation/{demo.plan.slug}/proposals/1/").content.decode()
    assert grant.title in page
    assert page.count("£10,000") >= 3
    assert "£30,000" in page  # the background tells the story of the 2015/16 increase


def test_seeding_twice_changes_nothing(demo: ConsultationSummary, officer: object) -> None:
    again = seed_consultation(officer)
    assert not again.created
    assert BudgetPlan.objects.count() == 1
    assert (again.proposals, again.services, again.responses, again.budgets) == (
        demo.proposals,
        demo.services,
        demo.responses,
        demo.budgets,
    )
    assert demo.proposals == 6 and demo.services == 10 and demo.budgets == 25
